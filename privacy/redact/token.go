package redact

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is the shape of a token, decided once so that matchers can skip
// tokens cheaply.
type tokKind uint8

const (
	kWord  tokKind = iota // letters, with inner apostrophes or hyphens
	kNum                  // digits only
	kMixed                // letters and digits, or inner / . _ between digits
	kEmail                // a whole e-mail address
	kPunct                // one punctuation rune
)

// token is a slice of one line. Whitespace is not a token, so two tokens in
// a row are separated by nothing but spaces.
type token struct {
	start, end int // byte offsets in the line
	kind       tokKind
	text       string
}

// tokenizer splits a line into tokens without regular expressions: the
// redactor's throughput depends on this loop.
type tokenizer struct {
	toks []token
}

// run tokenizes line, reusing the token buffer.
func (tz *tokenizer) run(line string) []token {
	tz.toks = tz.toks[:0]
	hasAt := strings.IndexByte(line, '@') >= 0
	for i := 0; i < len(line); {
		c := line[i]
		if c == ' ' || c == '\t' || c == '\r' {
			i++
			continue
		}
		if hasAt {
			if end := emailEnd(line, i); end > 0 {
				tz.push(line, i, end, kEmail)
				i = end
				continue
			}
		}
		if n, ok := wordRune(line, i); ok {
			end := chunkEnd(line, i+n)
			tz.push(line, i, end, chunkKind(line[i:end]))
			i = end
			continue
		}
		r, n := utf8.DecodeRuneInString(line[i:])
		if unicode.IsSpace(r) { // no-break and other Unicode spaces
			i += n
			continue
		}
		tz.push(line, i, i+n, kPunct)
		i += n
	}
	return tz.toks
}

func (tz *tokenizer) push(line string, s, e int, k tokKind) {
	tz.toks = append(tz.toks, token{start: s, end: e, kind: k, text: line[s:e]})
}

// wordRune reports whether a letter or digit starts at i, and its length.
func wordRune(s string, i int) (int, bool) {
	c := s[i]
	if c < utf8.RuneSelf {
		return 1, isLetter(c) || isDigit(c)
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return n, unicode.IsLetter(r) || unicode.IsDigit(r)
}

// chunkEnd extends a chunk over letters, digits and connectors that sit
// between two word characters: hyphens and slashes (Mary-Jane, 12/03/2019),
// apostrophes between letters (jamie's), and dots, underscores or colons
// between digits (12.03.19).
func chunkEnd(s string, i int) int {
	for i < len(s) {
		if n, ok := wordRune(s, i); ok {
			i += n
			continue
		}
		n := connector(s, i)
		if n == 0 || i+n >= len(s) {
			return i
		}
		if _, ok := wordRune(s, i+n); !ok {
			return i
		}
		i += n
	}
	return i
}

// connector returns the byte length of a joining character at i that may
// continue a chunk, or 0.
func connector(s string, i int) int {
	prevDigit := i > 0 && isDigit(s[i-1])
	switch c := s[i]; c {
	case '-', '/':
		return 1
	case '\'':
		if i > 0 && isLetter(s[i-1]) && i+1 < len(s) && isLetter(s[i+1]) {
			return 1
		}
	case '.', '_', ':':
		if prevDigit && i+1 < len(s) && isDigit(s[i+1]) {
			return 1
		}
	case 0xE2: // U+2019 right single quotation mark used as an apostrophe
		if strings.HasPrefix(s[i:], "\u2019") && i > 0 && isLetter(s[i-1]) {
			return 3
		}
	}
	return 0
}

func chunkKind(s string) tokKind {
	if allDigits(s) {
		return kNum
	}
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return kMixed
		}
	}
	return kWord
}

// emailEnd returns the end of an e-mail address starting at i, or 0. The
// local part is bounded so that a long run without '@' costs little.
func emailEnd(s string, i int) int {
	j := i
	for j < len(s) && j-i < 64 && emailLocal(s[j]) {
		j++
	}
	if j == i || j >= len(s) || s[j] != '@' {
		return 0
	}
	k, dots, last := j+1, 0, j+1
	for k < len(s) && (isLetter(s[k]) || isDigit(s[k]) || s[k] == '-' || s[k] == '.') {
		if s[k] == '.' {
			if k+1 >= len(s) || !(isLetter(s[k+1]) || isDigit(s[k+1])) {
				break
			}
			dots++
		}
		k++
		last = k
	}
	if dots == 0 || last == j+1 {
		return 0
	}
	return last
}

func emailLocal(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}
