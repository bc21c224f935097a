// Package redact removes personal identifiers from free text written by, or
// about, people in prison and on probation: UK justice and public-service
// identifiers (checked with their own check rules), contacts, addresses,
// full dates, reference numbers and person names.
//
// It works offline. Names come from gazetteers of given names and surnames
// embedded in the binary (see data/SOURCES.md) plus context rules, so that
// ordinary words that are also names ("will", "grace") are redacted only when
// the sentence says they are names. A hand-written tokenizer and map look-ups
// keep it fast enough to run on every contribution as it is imported.
package redact

import (
	"strings"
	"sync"
)

// Categories of redacted items. Each becomes the placeholder "[CATEGORY]".
const (
	Name         = "NAME"
	PrisonNumber = "PRISON_NUMBER"
	PNC          = "PNC"
	CRO          = "CRO"
	NINumber     = "NI_NUMBER"
	NHSNumber    = "NHS_NUMBER"
	Phone        = "PHONE"
	Email        = "EMAIL"
	Postcode     = "POSTCODE"
	Address      = "ADDRESS"
	Date         = "DATE"
	Reference    = "REFERENCE"
)

// Categories lists every category in a stable order, for reports.
var Categories = []string{Name, PrisonNumber, PNC, CRO, NINumber, NHSNumber, Phone, Email,
	Postcode, Address, Date, Reference}

// Span is one redacted item: byte offsets into the input, its category and
// the original text.
type Span struct {
	Start, End int
	Category   string
	Text       string
}

// Result is the redacted text and the items that were replaced, in order.
type Result struct {
	Text  string
	Spans []Span
}

// Options are an analyst's per-programme lists. Allow holds words or
// phrases never to redact; Deny holds words or phrases always to redact, as
// NAME or, written "CATEGORY:phrase", as that category. Deny wins over
// Allow. Matching is case-insensitive on whole words.
type Options struct {
	Allow []string
	Deny  []string
}

// Redactor finds and replaces identifiers. It is safe for concurrent use.
type Redactor struct {
	lx    *lexicon
	allow phraseIndex
	deny  phraseIndex
	pool  sync.Pool
	// firstByte and firstLen pre-filter the user lists: a token whose first
	// byte or length starts no phrase skips the map look-ups.
	firstByte [256]bool
	firstLen  [64]bool
}

// mayStartPhrase reports whether key could be the first word of an allow or
// deny phrase.
func (r *Redactor) mayStartPhrase(key string) bool {
	if key == "" {
		return false
	}
	return r.firstByte[key[0]] && r.firstLen[min(len(key), 63)]
}

// addUser indexes one user phrase.
func (r *Redactor) addUser(pi phraseIndex, words []string, cat string) {
	if len(words) == 0 {
		return
	}
	pi.add(words, cat)
	r.firstByte[words[0][0]] = true
	r.firstLen[min(len(words[0]), 63)] = true
}

// New builds a Redactor. The embedded word lists are parsed once per
// process; a failure there means a broken build, so New panics.
func New(opts Options) *Redactor {
	lx, err := sharedLexicon()
	if err != nil {
		panic(err)
	}
	r := &Redactor{lx: lx, allow: phraseIndex{}, deny: phraseIndex{}}
	for _, a := range opts.Allow {
		r.addUser(r.allow, phraseWords(a), "")
	}
	for _, d := range opts.Deny {
		cat, phrase := splitDeny(d)
		r.addUser(r.deny, phraseWords(phrase), cat)
	}
	r.pool.New = func() any { return &scan{r: r} }
	return r
}

// splitDeny reads "CATEGORY:phrase"; without a known category it is a NAME.
func splitDeny(d string) (string, string) {
	if cat, rest, ok := strings.Cut(d, ":"); ok {
		for _, c := range Categories {
			if strings.EqualFold(strings.TrimSpace(cat), c) {
				return c, rest
			}
		}
	}
	return Name, d
}

// Redact replaces every detected item in text with its placeholder. Lines
// are handled independently, so no item spans a line break and the output
// has the same number of lines as the input.
func (r *Redactor) Redact(text string) Result {
	s := r.pool.Get().(*scan)
	defer r.pool.Put(s)
	s.spans = s.spans[:0]
	for off := 0; off <= len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text) - off
		}
		s.line(text[off:off+end], off)
		off += end + 1
	}
	return render(text, s.spans)
}

// render copies text with each span replaced by its placeholder.
func render(text string, spans []Span) Result {
	if len(spans) == 0 {
		return Result{Text: text}
	}
	out := make([]Span, len(spans))
	copy(out, spans)
	var b strings.Builder
	b.Grow(len(text))
	prev := 0
	for i := range out {
		out[i].Text = text[out[i].Start:out[i].End]
		b.WriteString(text[prev:out[i].Start])
		b.WriteByte('[')
		b.WriteString(out[i].Category)
		b.WriteByte(']')
		prev = out[i].End
	}
	b.WriteString(text[prev:])
	return Result{Text: b.String(), Spans: out}
}

// Placeholder returns the bracketed text that replaces an item of category.
func Placeholder(category string) string {
	return "[" + category + "]"
}
