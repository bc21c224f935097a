package redact

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Labelled is one line of an evaluation file with its markup removed.
type Labelled struct {
	Text   string
	Expect []Span // items that must be redacted, with their category
	Keep   []Span // phrases that must survive
}

// ParseLabelled reads the evaluation markup: {CATEGORY:text} marks an item
// that must be redacted as CATEGORY, and <<text>> a phrase that must not be
// touched. Offsets in the result refer to the plain text.
func ParseLabelled(line string) (Labelled, error) {
	var out Labelled
	var b strings.Builder
	for i := 0; i < len(line); {
		switch {
		case line[i] == '{':
			end := strings.IndexByte(line[i:], '}')
			if end < 0 {
				return out, fmt.Errorf("redact: unclosed {item} at byte %d", i)
			}
			cat, text, ok := strings.Cut(line[i+1:i+end], ":")
			if !ok || !knownCategory(cat) {
				return out, fmt.Errorf("redact: bad item markup at byte %d", i)
			}
			out.Expect = append(out.Expect, Span{Start: b.Len(), End: b.Len() + len(text), Category: cat, Text: text})
			b.WriteString(text)
			i += end + 1
		case strings.HasPrefix(line[i:], "<<"):
			end := strings.Index(line[i:], ">>")
			if end < 0 {
				return out, fmt.Errorf("redact: unclosed <<keep>> at byte %d", i)
			}
			text := line[i+2 : i+end]
			out.Keep = append(out.Keep, Span{Start: b.Len(), End: b.Len() + len(text), Text: text})
			b.WriteString(text)
			i += end + 2
		default:
			b.WriteByte(line[i])
			i++
		}
	}
	out.Text = b.String()
	return out, nil
}

func knownCategory(c string) bool {
	for _, k := range Categories {
		if k == c {
			return true
		}
	}
	return false
}

// CategoryScore counts one category's expected items.
type CategoryScore struct {
	Expected int // labelled items
	Removed  int // items whose every character was redacted, in any category
	Correct  int // removed items that were labelled with the right category
}

// EvalReport is the outcome of an evaluation run.
type EvalReport struct {
	Lines       int
	ByCategory  map[string]*CategoryScore
	Keep        int // must-keep phrases
	KeptIntact  int // must-keep phrases no span touched
	Predicted   int // spans the redactor produced
	TruePredict int // spans that overlap a labelled item
	Misses      []string
	Damaged     []string
}

// Evaluate runs r over a labelled file. Blank lines and lines starting with
// '#' are skipped.
func Evaluate(r *Redactor, in io.Reader) (*EvalReport, error) {
	rep := &EvalReport{ByCategory: map[string]*CategoryScore{}}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lab, err := ParseLabelled(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		rep.add(lab, r.Redact(lab.Text))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("redact: read labelled file: %w", err)
	}
	return rep, nil
}

// add scores one line.
func (rep *EvalReport) add(lab Labelled, res Result) {
	rep.Lines++
	for _, e := range lab.Expect {
		cs := rep.ByCategory[e.Category]
		if cs == nil {
			cs = &CategoryScore{}
			rep.ByCategory[e.Category] = cs
		}
		cs.Expected++
		if !covered(lab.Text, e, res.Spans) {
			rep.Misses = append(rep.Misses, fmt.Sprintf("%s %q in: %s", e.Category, e.Text, res.Text))
			continue
		}
		cs.Removed++
		if sameCategory(e, res.Spans) {
			cs.Correct++
		}
	}
	for _, k := range lab.Keep {
		rep.Keep++
		if overlapsAny(k, res.Spans) {
			rep.Damaged = append(rep.Damaged, fmt.Sprintf("%q in: %s", k.Text, res.Text))
			continue
		}
		rep.KeptIntact++
	}
	rep.Predicted += len(res.Spans)
	for _, p := range res.Spans {
		if overlapsAny(p, lab.Expect) {
			rep.TruePredict++
		}
	}
}

// covered reports whether every letter and digit of e lies inside a span,
// so that nothing of the item leaks into the output.
func covered(text string, e Span, spans []Span) bool {
	for i := e.Start; i < e.End; i++ {
		c := text[i]
		if !isLetter(c) && !isDigit(c) {
			continue
		}
		if !inAny(i, spans) {
			return false
		}
	}
	return true
}

func inAny(i int, spans []Span) bool {
	for _, s := range spans {
		if i >= s.Start && i < s.End {
			return true
		}
	}
	return false
}

func sameCategory(e Span, spans []Span) bool {
	for _, s := range spans {
		if s.Start < e.End && e.Start < s.End && s.Category == e.Category {
			return true
		}
	}
	return false
}

func overlapsAny(a Span, spans []Span) bool {
	for _, s := range spans {
		if s.Start < a.End && a.Start < s.End {
			return true
		}
	}
	return false
}

// Recall is the share of expected items of the given categories that were
// fully redacted.
func (rep *EvalReport) Recall(cats ...string) float64 {
	exp, got := 0, 0
	for _, c := range cats {
		if cs := rep.ByCategory[c]; cs != nil {
			exp += cs.Expected
			got += cs.Removed
		}
	}
	return ratio(got, exp)
}

// KeepRate is the share of must-keep phrases left intact.
func (rep *EvalReport) KeepRate() float64 { return ratio(rep.KeptIntact, rep.Keep) }

// Precision is the share of produced spans that overlap a labelled item.
func (rep *EvalReport) Precision() float64 { return ratio(rep.TruePredict, rep.Predicted) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Groups used for the targets: identifiers, contacts and dates must reach
// 0.98 recall, names 0.90.
var (
	GroupIdentifiers = []string{PrisonNumber, PNC, CRO, NINumber, NHSNumber, Reference}
	GroupContacts    = []string{Phone, Email, Postcode, Address}
	GroupDates       = []string{Date}
	GroupNames       = []string{Name}
)

// Write prints the report as a plain-text table; verbose adds each miss and
// each damaged must-keep phrase.
func (rep *EvalReport) Write(w io.Writer, verbose bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "lines: %d\n%-14s %8s %8s %8s %8s\n", rep.Lines, "category", "expected", "removed", "recall", "cat-ok")
	cats := make([]string, 0, len(rep.ByCategory))
	for c := range rep.ByCategory {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		cs := rep.ByCategory[c]
		fmt.Fprintf(&b, "%-14s %8d %8d %8.3f %8.3f\n", c, cs.Expected, cs.Removed,
			ratio(cs.Removed, cs.Expected), ratio(cs.Correct, cs.Expected))
	}
	fmt.Fprintf(&b, "\nidentifiers recall %.3f\ncontacts recall    %.3f\ndates recall       %.3f\nnames recall       %.3f\n",
		rep.Recall(GroupIdentifiers...), rep.Recall(GroupContacts...), rep.Recall(GroupDates...), rep.Recall(GroupNames...))
	fmt.Fprintf(&b, "must-keep intact   %.3f (%d/%d)\nprecision          %.3f (%d/%d spans)\n",
		rep.KeepRate(), rep.KeptIntact, rep.Keep, rep.Precision(), rep.TruePredict, rep.Predicted)
	if verbose {
		for _, m := range rep.Misses {
			fmt.Fprintf(&b, "MISS %s\n", m)
		}
		for _, d := range rep.Damaged {
			fmt.Fprintf(&b, "DAMAGED %s\n", d)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
