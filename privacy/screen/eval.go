package screen

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Accuracy targets for the screen on labelled data. Recall is the share of
// disclosures flagged at all; the false-flag rate is the share of
// non-disclosures flagged.
const (
	TargetRecall        = 0.97
	TargetFalseFlagRate = 0.15
)

// Example is one labelled line: whether it is a disclosure, the categories
// it should raise, and the text.
type Example struct {
	Line       int
	Disclosure bool
	Categories []string
	Text       string
}

// ReadLabelled reads the evaluation format, one example a line:
//
//	label<TAB>categories<TAB>text
//
// label is 1 (disclosure) or 0; categories are comma-separated, or "-".
// Blank lines and lines starting with "#" are skipped.
func ReadLabelled(r io.Reader) ([]Example, error) {
	var out []Example
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ex, err := parseExample(n, line)
		if err != nil {
			return nil, err
		}
		out = append(out, ex)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("screen: read labelled data: %w", err)
	}
	return out, nil
}

func parseExample(n int, line string) (Example, error) {
	parts := strings.SplitN(line, "\t", 3)
	if len(parts) != 3 {
		return Example{}, fmt.Errorf("screen: line %d: want label<TAB>categories<TAB>text", n)
	}
	ex := Example{Line: n, Text: parts[2]}
	switch parts[0] {
	case "1":
		ex.Disclosure = true
	case "0":
	default:
		return Example{}, fmt.Errorf("screen: line %d: label %q, want 0 or 1", n, parts[0])
	}
	if parts[1] != "-" && parts[1] != "" {
		ex.Categories = strings.Split(parts[1], ",")
	}
	return ex, validateCategories(n, ex)
}

func validateCategories(n int, ex Example) error {
	known := map[string]bool{}
	for _, c := range Categories() {
		known[c] = true
	}
	for _, c := range ex.Categories {
		if !known[c] {
			return fmt.Errorf("screen: line %d: unknown category %q", n, c)
		}
	}
	if ex.Disclosure && len(ex.Categories) == 0 {
		return fmt.Errorf("screen: line %d: a disclosure needs at least one category", n)
	}
	return nil
}

// CategoryStat counts, for one category, the disclosures labelled with it
// and how many of those the screen put in that category.
type CategoryStat struct {
	Labelled int
	Found    int
}

// Recall is Found/Labelled, or 1 when nothing is labelled.
func (c CategoryStat) Recall() float64 {
	return ratio(c.Found, c.Labelled, 1)
}

// Miss is an example the screen got wrong, with what it said.
type Miss struct {
	Example Example
	Result  Result
}

// Report is the outcome of screening a labelled set.
type Report struct {
	Disclosures     int
	Flagged         int // disclosures flagged
	NonDisclosures  int
	FalseFlags      int // non-disclosures flagged
	PerCategory     map[string]CategoryStat
	Missed          []Miss // disclosures not flagged
	FalselyFlagged  []Miss
	CategoryMissing []Miss // flagged, but without a labelled category
}

// Recall is the share of disclosures flagged.
func (r Report) Recall() float64 { return ratio(r.Flagged, r.Disclosures, 1) }

// FalseFlagRate is the share of non-disclosures flagged.
func (r Report) FalseFlagRate() float64 { return ratio(r.FalseFlags, r.NonDisclosures, 0) }

// MeetsTargets reports whether recall and the false-flag rate meet the
// package targets.
func (r Report) MeetsTargets() bool {
	return r.Recall() >= TargetRecall && r.FalseFlagRate() <= TargetFalseFlagRate
}

func ratio(num, den int, empty float64) float64 {
	if den == 0 {
		return empty
	}
	return float64(num) / float64(den)
}

// Evaluate screens every example with screen (normally Screen).
func Evaluate(examples []Example, screen func(string) Result) Report {
	rep := Report{PerCategory: map[string]CategoryStat{}}
	for _, ex := range examples {
		res := screen(ex.Text)
		if ex.Disclosure {
			rep.addDisclosure(ex, res)
		} else {
			rep.addNonDisclosure(ex, res)
		}
	}
	return rep
}

func (r *Report) addDisclosure(ex Example, res Result) {
	r.Disclosures++
	if res.Flag {
		r.Flagged++
	} else {
		r.Missed = append(r.Missed, Miss{ex, res})
	}
	missing := false
	for _, c := range ex.Categories {
		st := r.PerCategory[c]
		st.Labelled++
		if contains(res.Categories, c) {
			st.Found++
		} else {
			missing = true
		}
		r.PerCategory[c] = st
	}
	if missing && res.Flag {
		r.CategoryMissing = append(r.CategoryMissing, Miss{ex, res})
	}
}

func (r *Report) addNonDisclosure(ex Example, res Result) {
	r.NonDisclosures++
	if res.Flag {
		r.FalseFlags++
		r.FalselyFlagged = append(r.FalselyFlagged, Miss{ex, res})
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Write prints the figures; with details it also lists every miss and
// false flag with the screen's reasons, which is what tuning needs.
func (r Report) Write(w io.Writer, details bool) error {
	ew := &errWriter{w: w}
	ew.printf("disclosures: %d, flagged: %d, recall: %.3f (target >= %.2f)\n",
		r.Disclosures, r.Flagged, r.Recall(), TargetRecall)
	ew.printf("non-disclosures: %d, false flags: %d, false-flag rate: %.3f (target <= %.2f)\n",
		r.NonDisclosures, r.FalseFlags, r.FalseFlagRate(), TargetFalseFlagRate)
	ew.printf("per-category recall:\n")
	for _, c := range Categories() {
		st := r.PerCategory[c]
		ew.printf("  %-26s %3d/%-3d %.3f\n", c, st.Found, st.Labelled, st.Recall())
	}
	verdict := "met"
	if !r.MeetsTargets() {
		verdict = "NOT met"
	}
	ew.printf("targets: %s\n", verdict)
	if details {
		writeMisses(ew, "missed disclosure", r.Missed)
		writeMisses(ew, "false flag", r.FalselyFlagged)
		writeMisses(ew, "category missing", r.CategoryMissing)
	}
	return ew.err
}

func writeMisses(ew *errWriter, kind string, misses []Miss) {
	for _, m := range misses {
		ew.printf("%s (line %d, want %s): %s\n", kind, m.Example.Line,
			strings.Join(m.Example.Categories, ","), m.Example.Text)
		for _, reason := range m.Result.Reasons {
			ew.printf("    %s\n", reason)
		}
	}
}

// errWriter keeps the first write error so Write can print line by line.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
