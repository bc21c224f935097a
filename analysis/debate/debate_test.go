package debate_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"peervoice/analysis/debate"
)

func near(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %.12g, want %.12g", name, got, want)
	}
}

// The expected values are exact fractions worked by hand from the
// hypergeometric and binomial distributions.
func TestFisherExact(t *testing.T) {
	// Fisher's lady tasting tea: [[3,1],[1,3]], margins 4 and 4 of 8.
	// P(X=3) = C(4,3)C(4,1)/C(8,4) = 16/70, P(X=4) = 1/70, P(X=2) = 36/70.
	tea := debate.FisherExact(3, 1, 1, 3)
	near(t, "tea greater", tea.Greater, 17.0/70)
	near(t, "tea less", tea.Less, 69.0/70)
	near(t, "tea two-sided", tea.TwoSided, 34.0/70)
	// Wikipedia's dieting example [[1,9],[11,3]]: two-sided 0.0027594561852.
	diet := debate.FisherExact(1, 9, 11, 3)
	near(t, "diet two-sided", diet.TwoSided, 0.0027594561852200836)
	near(t, "diet less", diet.Less, 0.0013797280926100418)
	// A table with nothing in one margin is certain either way.
	near(t, "empty margin", debate.FisherExact(0, 5, 0, 7).TwoSided, 1)
}

func TestMcNemarExact(t *testing.T) {
	near(t, "1 vs 9", debate.McNemarExact(1, 9), 22.0/1024) // 2*(1+10)/2^10
	near(t, "9 vs 1", debate.McNemarExact(9, 1), 22.0/1024)
	near(t, "2 vs 10", debate.McNemarExact(2, 10), 2*(1+12+66)/4096.0)
	near(t, "nobody moved", debate.McNemarExact(0, 0), 1)
	near(t, "even split capped", debate.McNemarExact(5, 5), 1)
	near(t, "0 vs 6", debate.McNemarExact(0, 6), 2.0/64)
	if p := debate.McNemarExact(300, 200); p <= 0 || p > 1e-4 {
		t.Errorf("large n: p = %g, want small but positive", p)
	}
}

// pairs builds n participants who moved from before to after.
func pairs(spec map[[2]debate.Vote]int) []debate.Pair {
	var out []debate.Pair
	for votes, n := range spec {
		for range n {
			code := fmt.Sprintf("P%d", len(out))
			out = append(out, debate.Pair{Participant: code, Before: votes[0], After: votes[1]})
		}
	}
	return out
}

func TestPairedSentence(t *testing.T) {
	F, A, U := debate.For, debate.Against, debate.Undecided
	// 24 people: 8 stay for, 1 leaves for (to against), 7 join from against,
	// 2 from undecided; 3 stay against and 3 undecided. For: 9 before, 17
	// after; every other count is at least 3. Discordant: 9 joined, 1 left,
	// so p = 2*(1+10)/2^10 = 22/1024.
	r, err := debate.Paired(pairs(map[[2]debate.Vote]int{
		{F, F}: 8, {F, A}: 1, {A, F}: 7, {U, F}: 2, {A, A}: 3, {U, U}: 3}), 3)
	if err != nil {
		t.Fatal(err)
	}
	want := "After the debate, 17 of 24 agreed with the motion, up from 9. " +
		"This shift is unlikely to be chance (exact McNemar test, p = 0.021)."
	if r.Sentence != want {
		t.Errorf("got  %q\nwant %q", r.Sentence, want)
	}
	near(t, "p", r.PValue, 22.0/1024)
	if !r.Significant || r.Suppressed || r.Test != debate.McNemar {
		t.Errorf("result flags wrong: %+v", r)
	}
}

func TestPairedUndecidedIsNotFor(t *testing.T) {
	A, U := debate.Against, debate.Undecided
	// Moves between against and undecided are no shift in agreement,
	// whatever their number.
	r, err := debate.Paired(pairs(map[[2]debate.Vote]int{{A, U}: 10, {U, A}: 5, {debate.For, debate.For}: 6}), 5)
	if err != nil {
		t.Fatal(err)
	}
	if r.PValue != 1 || !strings.Contains(r.Sentence, "6 of 21 agreed with the motion, the same as 6") {
		t.Errorf("p = %v, sentence %q", r.PValue, r.Sentence)
	}
}

func TestUnpaired(t *testing.T) {
	// For/not-for: before 9 of 20, after 15 of 20: Fisher on [[9,11],[15,5]].
	r, err := debate.Unpaired(debate.Counts{For: 9, Against: 6, Undecided: 5},
		debate.Counts{For: 15, Against: 5, Undecided: 0}, 5)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "p", r.PValue, 0.105340267965407)
	want := "After the debate, 15 of 20 agreed with the motion, up from 9. " +
		"This shift could be chance (Fisher's exact test, p = 0.11)."
	if r.Sentence != want {
		t.Errorf("got  %q\nwant %q", r.Sentence, want)
	}
	// Different totals: the direction follows the proportion.
	r, err = debate.Unpaired(debate.Counts{For: 10, Against: 10}, debate.Counts{For: 10, Against: 20}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Sentence, "10 of 30 agreed with the motion, down from 10 of 20 before") {
		t.Errorf("sentence %q", r.Sentence)
	}
}

func TestSuppressedWhenSmall(t *testing.T) {
	cases := map[string][2]debate.Counts{
		"few for after":    {{For: 9, Against: 11}, {For: 3, Against: 17}},
		"few not for":      {{For: 9, Against: 11}, {For: 18, Against: 1, Undecided: 1}},
		"tiny debate":      {{For: 2, Against: 1}, {For: 3}},
		"high threshold 8": {{For: 9, Against: 11}, {For: 7, Against: 13}},
	}
	for name, c := range cases {
		threshold := 5
		if strings.Contains(name, "threshold") {
			threshold = 8
		}
		r, err := debate.Unpaired(c[0], c[1], threshold)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Suppressed || r.PValue != 0 || !strings.HasPrefix(r.Sentence, "Too few people") {
			t.Errorf("%s: not suppressed: %+v", name, r)
		}
		if strings.ContainsAny(r.Sentence, "0123456789") && !strings.Contains(r.Sentence, "under") {
			t.Errorf("%s: sentence gives numbers: %q", name, r.Sentence)
		}
	}
}

// A small count that the sentence neither states nor implies is hidden in
// the breakdown, and the sentence still stands.
func TestSmallCountOutsideSentence(t *testing.T) {
	r, err := debate.Unpaired(debate.Counts{For: 9, Against: 11}, debate.Counts{For: 12, Against: 6, Undecided: 2}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if r.Suppressed || !strings.Contains(r.Sentence, "12 of 20") {
		t.Errorf("sentence withheld: %q", r.Sentence)
	}
	for _, it := range r.After.Items {
		if it.Label != "for" && !it.Cell.Suppressed {
			t.Errorf("after %s published as %s next to a hidden 2", it.Label, it.Cell)
		}
	}
}

func TestErrors(t *testing.T) {
	if _, err := debate.Paired(nil, 5); err == nil {
		t.Error("no pairs: no error")
	}
	if _, err := debate.Paired([]debate.Pair{{Participant: "X", Before: debate.For}}, 5); err == nil {
		t.Error("missing after vote: no error")
	}
	twice := []debate.Pair{{"X", debate.For, debate.For}, {"X", debate.For, debate.Against}}
	if _, err := debate.Paired(twice, 5); err == nil {
		t.Error("participant voting twice: no error")
	}
	if _, err := debate.Unpaired(debate.Counts{}, debate.Counts{For: 6}, 5); err == nil {
		t.Error("no votes before: no error")
	}
	if _, err := debate.Unpaired(debate.Counts{For: 6}, debate.Counts{For: 6}, 2); err == nil {
		t.Error("threshold 2: no error")
	}
}

func TestParseVote(t *testing.T) {
	for in, want := range map[string]debate.Vote{"For": debate.For, " a ": debate.Against, "UNDECIDED": debate.Undecided} {
		if got, err := debate.ParseVote(in); err != nil || got != want {
			t.Errorf("ParseVote(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := debate.ParseVote("maybe"); err == nil {
		t.Error("maybe: no error")
	}
}

func TestFormatP(t *testing.T) {
	for p, want := range map[float64]string{0.0493: "p = 0.049", 0.5: "p = 0.5", 1: "p = 1", 0.0004: "p < 0.001"} {
		if got := debate.FormatP(p); got != want {
			t.Errorf("FormatP(%v) = %q, want %q", p, got, want)
		}
	}
}

func BenchmarkPaired(b *testing.B) {
	ps := pairs(map[[2]debate.Vote]int{{debate.For, debate.For}: 40, {debate.Against, debate.For}: 30,
		{debate.For, debate.Undecided}: 10, {debate.Against, debate.Against}: 30})
	for b.Loop() {
		if _, err := debate.Paired(ps, 5); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFisherExact(b *testing.B) {
	for b.Loop() {
		debate.FisherExact(45, 65, 70, 40)
	}
}
