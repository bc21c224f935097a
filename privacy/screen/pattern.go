package screen

import (
	"fmt"
	"strconv"
	"strings"
)

// A pattern is a lexicon entry compiled to a sequence of elements matched
// token by token. The lexicon syntax, one pattern a line:
//
//	kill myself            words, compared after stemming ("killed myself" matches)
//	hang|hung myself       alternatives for one position
//	@intent stab @target   a macro: a named list of words and phrases (macros.txt)
//	end_it                 underscore joins a phrase inside an alternative or macro
//	?really want to die    a leading ? makes the element optional
//	owe * money            * skips up to 3 tokens, *5 up to 5
//	suicid~                a trailing ~ matches any word starting with "suicid"
//	be here $              $ matches only at the end of the sentence or a clause (a comma)
//
// Matching is on stems, so entries are written in plain English.
type pattern struct {
	source string
	elems  []element
}

// element is one position of a pattern: a set of alternatives (each a
// sequence of stems or a prefix), or a gap.
type element struct {
	alts map[int32][][]int32 // alternatives (interned stem sequences) keyed by first stem
	// keys and byKey repeat alts as parallel slices for elements with few
	// first stems, where a linear scan beats hashing (see lookup).
	keys     []int32
	byKey    [][][]int32
	prefixes []string // raw-word prefixes from "word~"
	optional bool
	gap      int  // >0: this element skips 0..gap tokens
	atEnd    bool // "$": matches the end of the sentence, consumes nothing
}

// compilePattern parses one lexicon line, expanding macros.
func compilePattern(src string, macros map[string][]string) (pattern, error) {
	p := pattern{source: src}
	for _, field := range strings.Fields(src) {
		e, err := compileElement(field, macros)
		if err != nil {
			return pattern{}, fmt.Errorf("pattern %q: %w", src, err)
		}
		p.elems = append(p.elems, e)
	}
	if len(p.elems) == 0 || p.elems[0].gap > 0 || p.elems[0].atEnd {
		return pattern{}, fmt.Errorf("pattern %q: must start with a word", src)
	}
	if !p.hasRequiredWord() {
		return pattern{}, fmt.Errorf("pattern %q: needs a word that is not optional", src)
	}
	return p, nil
}

func compileElement(field string, macros map[string][]string) (element, error) {
	var e element
	if field == "$" {
		return element{atEnd: true}, nil
	}
	if strings.HasPrefix(field, "*") {
		return compileGap(field)
	}
	if strings.HasPrefix(field, "?") {
		e.optional = true
		field = field[1:]
	}
	for _, alt := range strings.Split(field, "|") {
		if err := e.addAlternative(alt, macros); err != nil {
			return element{}, err
		}
	}
	e.buildKeys()
	return e, nil
}

// maxScanKeys is the most first stems an element scans linearly; beyond
// that a map lookup is cheaper.
const maxScanKeys = 8

func (e *element) buildKeys() {
	if len(e.alts) > maxScanKeys {
		return
	}
	for k, v := range e.alts {
		e.keys = append(e.keys, k)
		e.byKey = append(e.byKey, v)
	}
}

// lookup returns the alternatives starting with stem id.
func (e *element) lookup(id int32) [][]int32 {
	if len(e.alts) > maxScanKeys {
		return e.alts[id]
	}
	for i, k := range e.keys {
		if k == id {
			return e.byKey[i]
		}
	}
	return nil
}

func compileGap(field string) (element, error) {
	if field == "*" {
		return element{gap: 3}, nil
	}
	n, err := strconv.Atoi(field[1:])
	if err != nil || n < 1 {
		return element{}, fmt.Errorf("bad gap %q", field)
	}
	return element{gap: n}, nil
}

// addAlternative adds a word, a phrase, a prefix or every entry of a macro.
func (e *element) addAlternative(alt string, macros map[string][]string) error {
	switch {
	case alt == "":
		return fmt.Errorf("empty alternative")
	case strings.HasPrefix(alt, "@"):
		entries, ok := macros[alt[1:]]
		if !ok {
			return fmt.Errorf("unknown macro %s", alt)
		}
		for _, entry := range entries {
			if err := e.addAlternative(entry, macros); err != nil {
				return err
			}
		}
	case strings.HasSuffix(alt, "~") && !strings.ContainsAny(alt, "_ "):
		e.prefixes = append(e.prefixes, strings.TrimSuffix(alt, "~"))
	case strings.Contains(alt, "~"):
		return fmt.Errorf("%q: a prefix~ must be a single word", alt)
	default:
		words := stemPhrase(alt)
		if len(words) == 0 {
			return fmt.Errorf("alternative %q is empty after normalising", alt)
		}
		stems := internAll(words)
		if e.alts == nil {
			e.alts = map[int32][][]int32{}
		}
		e.alts[stems[0]] = append(e.alts[stems[0]], stems)
	}
	return nil
}

// stemPhrase normalises a lexicon word or underscore-joined phrase the same
// way text is normalised, so "dont_care" and "do not care" agree.
func stemPhrase(phrase string) []string {
	words := expandWords(strings.Fields(strings.ReplaceAll(phrase, "_", " ")))
	stems := make([]string, len(words))
	for i, w := range words {
		stems[i] = stem(w)
	}
	return stems
}

func (p *pattern) hasRequiredWord() bool {
	for _, e := range p.elems {
		if !e.optional && e.gap == 0 && !e.atEnd {
			return true
		}
	}
	return false
}

// match reports the end (exclusive) of the shortest match of p starting at
// token start, or -1.
func (p *pattern) match(s sentence, start int) int {
	return matchFrom(p.elems, s, start)
}

// matchFrom matches elems against s from pos by backtracking, returning the
// end of the first (shortest-gap) match or -1.
func matchFrom(elems []element, s sentence, pos int) int {
	if len(elems) == 0 {
		return pos
	}
	e, rest := &elems[0], elems[1:]
	switch {
	case e.atEnd:
		if pos != len(s) && (pos == 0 || !s[pos-1].comma) {
			return -1
		}
		return matchFrom(rest, s, pos)
	case e.gap > 0:
		return matchGap(e.gap, rest, s, pos)
	}
	if end := matchWord(e, rest, s, pos); end >= 0 {
		return end
	}
	if e.optional {
		return matchFrom(rest, s, pos)
	}
	return -1
}

// matchGap skips 0..gap tokens before matching rest.
func matchGap(gap int, rest []element, s sentence, pos int) int {
	for skip := 0; skip <= gap && pos+skip <= len(s); skip++ {
		if end := matchFrom(rest, s, pos+skip); end >= 0 {
			return end
		}
	}
	return -1
}

// matchWord tries each alternative and prefix of e at pos, then rest.
func matchWord(e *element, rest []element, s sentence, pos int) int {
	if pos >= len(s) {
		return -1
	}
	for _, alt := range e.lookup(s[pos].id) {
		if phraseAt(alt, s, pos) {
			if end := matchFrom(rest, s, pos+len(alt)); end >= 0 {
				return end
			}
		}
	}
	for _, pre := range e.prefixes {
		if strings.HasPrefix(s[pos].surface, pre) {
			if end := matchFrom(rest, s, pos+1); end >= 0 {
				return end
			}
		}
	}
	return -1
}

// phraseAt reports whether the stems continue at pos; the caller has
// already matched the first one by map key.
func phraseAt(stems []int32, s sentence, pos int) bool {
	if pos+len(stems) > len(s) {
		return false
	}
	for i := 1; i < len(stems); i++ {
		if s[pos+i].id != stems[i] {
			return false
		}
	}
	return true
}
