package redact

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// scan is the per-call working state of a Redactor, pooled so that
// redacting a line allocates little.
type scan struct {
	r        *Redactor
	tz       tokenizer
	text     string // the current line
	lower    string // the line lower-cased, same length, or "" if not
	base     int    // offset of the line in the whole input
	toks     []token
	flags    []wordFlag // per-token flags, filled lazily
	keys     []string   // per-token look-up keys
	spans    []Span
	found    map[string]string // reused by propagate
	refCue   int               // index of the last token that announced a reference number
	allowTok []bool            // per token: inside an analyst's allow phrase (and no deny phrase)
}

// fDone marks a cached flag entry as computed.
const fDone wordFlag = 1 << 15

// line redacts one line, appending spans with offsets into the whole input.
func (s *scan) line(line string, base int) {
	s.text, s.base = line, base
	s.lower = strings.ToLower(line)
	if len(s.lower) != len(line) {
		s.lower = "" // non-ASCII case change altered lengths: fall back per token
	}
	s.toks = s.tz.run(line)
	s.flags, s.keys = s.flags[:0], s.keys[:0]
	for i := range s.toks {
		s.flags = append(s.flags, 0)
		s.keys = append(s.keys, s.makeKey(i))
	}
	s.refCue = -10
	first := len(s.spans)
	for i := 0; i < len(s.toks); {
		i += s.step(i)
	}
	if len(s.spans) > first {
		s.propagate(first)
		if len(s.r.allow) > 0 {
			s.keepAllowed(first)
		}
	}
}

// keepAllowed drops every span of this line that lies wholly inside an
// occurrence of an allow phrase, wherever a rule started its match: an
// analyst who undid "Smith" means "Mr Smith" and a repeated "Smith" too.
// Tokens inside a deny phrase are never kept, because deny wins.
func (s *scan) keepAllowed(first int) {
	s.allowTok = s.allowTok[:0]
	for range s.toks {
		s.allowTok = append(s.allowTok, false)
	}
	denied := make([]bool, len(s.toks))
	for i := range s.toks {
		if !s.r.mayStartPhrase(s.key(i)) {
			continue
		}
		if n, _ := s.r.deny.match(s, i); n > 0 {
			for k := i; k < i+n; k++ {
				denied[k] = true
			}
		}
		if n, _ := s.r.allow.match(s, i); n > 0 {
			for k := i; k < i+n; k++ {
				s.allowTok[k] = true
			}
		}
	}
	out := s.spans[:first]
	for _, sp := range s.spans[first:] {
		if !s.allowedSpan(sp, denied) {
			out = append(out, sp)
		}
	}
	s.spans = out
}

// allowedSpan reports whether every word token under sp is kept and none
// is denied.
func (s *scan) allowedSpan(sp Span, denied []bool) bool {
	covered := false
	for i, t := range s.toks {
		start, end := s.base+t.start, s.base+t.end
		if end <= sp.Start || start >= sp.End || t.kind == kPunct {
			continue
		}
		if !s.allowTok[i] || denied[i] {
			return false
		}
		covered = true
	}
	return covered
}

// propagate redacts every other occurrence, in the same line, of a word
// already found there: a name seen once with context ("my mate Will") is
// still a name when it comes again without it. It walks the tokens once,
// so a long line costs linear time.
func (s *scan) propagate(first int) {
	found := s.foundWords(first)
	if len(found) == 0 {
		return
	}
	n, p := len(s.spans), first
	for i, t := range s.toks {
		if t.kind == kPunct {
			continue
		}
		for p < n && s.spans[p].End <= s.base+t.start {
			p++
		}
		if p < n && s.spans[p].Start < s.base+t.end {
			continue // already redacted
		}
		if cat, ok := found[stripPossessive(t.text)]; ok {
			s.add(i, i, cat)
		}
	}
	if len(s.spans) > n {
		sortSpans(s.spans[first:])
	}
}

// foundWords maps the text of each redacted single token, and of each word
// of a redacted name, to its category. One walk pairs tokens with spans.
func (s *scan) foundWords(first int) map[string]string {
	if s.found == nil {
		s.found = map[string]string{}
	}
	clear(s.found)
	p, firstTok, count := first, -1, 0
	flush := func() {
		if count == 0 {
			return
		}
		sp := s.spans[p]
		for k := firstTok; k < firstTok+count; k++ {
			if sp.Category == Name && s.toks[k].kind == kWord || count == 1 && s.toks[k].kind != kPunct {
				s.found[stripPossessive(s.toks[k].text)] = sp.Category
			}
		}
		count = 0
	}
	for i, t := range s.toks {
		for p < len(s.spans) && s.spans[p].End <= s.base+t.start {
			flush()
			p++
		}
		if p == len(s.spans) {
			break
		}
		if s.base+t.start >= s.spans[p].Start {
			if count == 0 {
				firstTok = i
			}
			count++
		}
	}
	if p < len(s.spans) {
		flush()
	}
	return s.found
}

// sortSpans orders a line's spans by start.
func sortSpans(sp []Span) {
	slices.SortFunc(sp, func(a, b Span) int { return a.Start - b.Start })
}

// wholeWord reports whether text[a:b] is bounded by non-word characters.
func wholeWord(text string, a, b int) bool {
	if a > 0 {
		if _, ok := wordRune(text, lastRuneStart(text, a)); ok {
			return false
		}
	}
	if b < len(text) {
		if _, ok := wordRune(text, b); ok {
			return false
		}
	}
	return true
}

// lastRuneStart returns where the rune ending just before i starts.
func lastRuneStart(text string, i int) int {
	_, n := utf8.DecodeLastRuneInString(text[:i])
	return i - n
}

// add records a span covering tokens [i, j] (inclusive). A name span stops
// before a possessive ending, so "jamie's" becomes "[NAME]'s".
func (s *scan) add(i, j int, cat string) {
	start, end := s.toks[i].start, s.toks[j].end
	if cat == Name {
		end -= len(s.toks[j].text) - len(stripPossessive(s.toks[j].text))
	}
	s.spans = append(s.spans, Span{Start: s.base + start, End: s.base + end, Category: cat})
}

// key is the lower-cased token text without a possessive ending, or ""
// outside the line, so rules can look ahead without checking bounds.
func (s *scan) key(i int) string {
	if i < 0 || i >= len(s.keys) {
		return ""
	}
	return s.keys[i]
}

func (s *scan) makeKey(i int) string {
	t := s.toks[i]
	if t.kind == kPunct {
		return t.text
	}
	var w string
	if s.lower != "" {
		w = s.lower[t.start:t.end]
	} else {
		w = strings.ToLower(t.text)
	}
	if t.kind != kWord {
		return w
	}
	return stripPossessive(foldLatin(w))
}

// latinFold maps the accented Latin letters of names common in UK prisons
// (Polish, Romanian, Albanian, Turkish, Vietnamese without tones, Irish,
// French, Spanish, Portuguese) to the ASCII letters the gazetteers use.
var latinFold = strings.NewReplacer(
	"ą", "a", "á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "ă", "a",
	"ć", "c", "č", "c", "ç", "c", "ď", "d", "đ", "d",
	"ę", "e", "é", "e", "è", "e", "ê", "e", "ë", "e", "ě", "e",
	"ğ", "g", "í", "i", "ì", "i", "î", "i", "ï", "i", "ı", "i",
	"ł", "l", "ń", "n", "ñ", "n", "ň", "n",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o", "ő", "o",
	"ř", "r", "ś", "s", "š", "s", "ş", "s", "ș", "s", "ß", "ss",
	"ț", "t", "ţ", "t", "ť", "t", "ú", "u", "ù", "u", "û", "u", "ü", "u", "ů", "u", "ű", "u",
	"ý", "y", "ÿ", "y", "ź", "z", "ż", "z", "ž", "z",
)

// foldLatin folds accents out of a lower-case word; ASCII words, the
// common case, are returned as they are without allocating.
func foldLatin(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return latinFold.Replace(w)
		}
	}
	return w
}

// flag returns the lexicon flags of token i, cached.
func (s *scan) flag(i int) wordFlag {
	if i < 0 || i >= len(s.toks) {
		return 0
	}
	if f := s.flags[i]; f&fDone != 0 {
		return f
	}
	f := fDone
	if s.toks[i].kind == kWord {
		f |= s.r.lx.flags[s.key(i)]
	}
	s.flags[i] = f
	return f
}

// is reports whether token i exists and its key is one of words.
func (s *scan) is(i int, words ...string) bool {
	if i < 0 || i >= len(s.toks) {
		return false
	}
	k := s.key(i)
	for _, w := range words {
		if k == w {
			return true
		}
	}
	return false
}

// punct reports whether token i is the punctuation p.
func (s *scan) punct(i int, p string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == kPunct && s.toks[i].text == p
}

// kind returns the kind of token i; outside the line it reads as
// punctuation, which no rule continues over.
func (s *scan) kind(i int) tokKind {
	if i < 0 || i >= len(s.toks) {
		return kPunct
	}
	return s.toks[i].kind
}

// wordsAt reports whether the tokens from i spell words.
func (s *scan) wordsAt(i int, words []string) bool {
	if i+len(words) > len(s.toks) {
		return false
	}
	for k, w := range words {
		if s.key(i+k) != w {
			return false
		}
	}
	return true
}

// capitalised reports an initial capital followed by a lower-case letter,
// so that shouted ALL-CAPS text does not count as capitalisation.
func (s *scan) capitalised(i int) bool {
	if s.kind(i) != kWord {
		return false
	}
	t := s.toks[i].text
	r, n := utf8.DecodeRuneInString(t)
	if !unicode.IsUpper(r) {
		return false
	}
	if n >= len(t) {
		return true
	}
	r2, _ := utf8.DecodeRuneInString(t[n:])
	return !unicode.IsUpper(r2)
}

// sentenceStart reports whether token i begins a sentence, where a capital
// says nothing about names.
func (s *scan) sentenceStart(i int) bool {
	if i == 0 {
		return true
	}
	p := s.toks[i-1]
	if p.kind != kPunct {
		return false
	}
	switch p.text {
	case ".", "!", "?", ":", ";", "\"", "\u201c", "(", "-", "\u2013", "\u2014", "*", ">":
		return true
	}
	return false
}

// userLists applies the analyst's deny list, then the allow list.
func (s *scan) userLists(i int) int {
	if !s.r.mayStartPhrase(s.key(i)) {
		return 0
	}
	if n, cat := s.r.deny.match(s, i); n > 0 {
		s.add(i, i+n-1, cat)
		return n
	}
	n, _ := s.r.allow.match(s, i)
	return n
}

func (s *scan) email(i int) int {
	s.add(i, i, Email)
	return 1
}

// step applies the rules at token i in priority order and returns how many
// tokens were consumed (at least one). Rules are grouped by token kind so
// that each token only meets the rules that can start with it.
func (s *scan) step(i int) int {
	var group []func(*scan, int) int
	switch s.toks[i].kind {
	case kWord:
		group = wordRules
	case kNum, kMixed:
		group = numberRules
	case kEmail:
		group = emailRules
	default:
		group = punctRules
	}
	if n := s.userLists(i); n > 0 {
		return n
	}
	if s.plainWord(i) {
		return 1
	}
	for _, rule := range group {
		if n := rule(s, i); n > 0 {
			return n
		}
	}
	return 1
}

// plainWord reports a lower-case ordinary word that no rule acts on, the
// commonest token, so it skips the rule chain.
func (s *scan) plainWord(i int) bool {
	t := s.toks[i]
	if t.kind != kWord || !isLower(t.text[0]) {
		return false
	}
	if len(t.text) == 2 && s.kind(i+1) == kNum && len(s.toks[i+1].text) == 2 {
		return false // "me 13 81 75 c" may be a spaced National Insurance number
	}
	f := s.flag(i)
	return f&fWord != 0 && f&fRuleWords == 0
}

// Rules run in these orders; earlier ones win.
var (
	wordRules = []func(*scan, int) int{
		(*scan).title, (*scan).kept, (*scan).identifier, (*scan).date,
		(*scan).address, (*scan).reference, (*scan).name,
	}
	numberRules = []func(*scan, int) int{
		(*scan).identifier, (*scan).date, (*scan).address, (*scan).reference,
	}
	emailRules = []func(*scan, int) int{(*scan).email}
	punctRules = []func(*scan, int) int{(*scan).identifier, (*scan).nickname}
)
