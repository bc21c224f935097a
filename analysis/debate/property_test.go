package debate_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"peervoice/analysis/debate"
)

// TestFisherIdentities checks what any correct Fisher test satisfies: the
// two one-sided tails together cover the distribution, the two-sided
// p-value lies between the smaller tail and 1, and transposing the table
// changes nothing.
func TestFisherIdentities(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 40)
		a, b, c, d := n.Draw(t, "a"), n.Draw(t, "b"), n.Draw(t, "c"), n.Draw(t, "d")
		f := debate.FisherExact(a, b, c, d)
		tr := debate.FisherExact(a, c, b, d)
		if math.Abs(f.TwoSided-tr.TwoSided) > 1e-9 {
			t.Fatalf("transpose changed p: %v vs %v", f.TwoSided, tr.TwoSided)
		}
		if f.TwoSided > 1 || f.TwoSided < math.Min(f.Less, f.Greater)-1e-12 {
			t.Fatalf("two-sided %v outside [min tail %v, 1]", f.TwoSided, math.Min(f.Less, f.Greater))
		}
		if f.Less+f.Greater < 1-1e-9 {
			t.Fatalf("tails %v + %v do not cover the distribution", f.Less, f.Greater)
		}
	})
}

// TestMcNemarMonotone checks that the exact McNemar p-value is symmetric in
// the two kinds of change and falls as the split grows more uneven.
func TestMcNemarMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 200).Draw(t, "n")
		b := rapid.IntRange(0, n/2).Draw(t, "b")
		p := debate.McNemarExact(b, n-b)
		if q := debate.McNemarExact(n-b, b); math.Abs(p-q) > 1e-12 {
			t.Fatalf("asymmetric: %v vs %v", p, q)
		}
		if b > 0 && debate.McNemarExact(b-1, n-b+1) > p+1e-12 {
			t.Fatalf("a more uneven split %d/%d has a larger p than %d/%d", b-1, n-b+1, b, n-b)
		}
	})
}

// TestSentenceNeverStatesSmallCounts draws random paired debates and checks
// the privacy rule: a published sentence states the for count after and
// before and the number who voted, and so implies the not-for counts; none
// of these may be under the threshold unless zero.
func TestSentenceNeverStatesSmallCounts(t *testing.T) {
	votes := rapid.SampledFrom([]debate.Vote{debate.For, debate.Against, debate.Undecided})
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 40).Draw(t, "n")
		threshold := rapid.IntRange(3, 8).Draw(t, "threshold")
		pairs := make([]debate.Pair, n)
		forBefore, forAfter := 0, 0
		for i := range pairs {
			pairs[i] = debate.Pair{Participant: fmt.Sprint(i), Before: votes.Draw(t, "before"), After: votes.Draw(t, "after")}
			forBefore += btoi(pairs[i].Before == debate.For)
			forAfter += btoi(pairs[i].After == debate.For)
		}
		r, err := debate.Paired(pairs, threshold)
		if err != nil {
			t.Fatal(err)
		}
		small := func(k int) bool { return k > 0 && k < threshold }
		anySmall := small(n) || small(forBefore) || small(forAfter) || small(n-forBefore) || small(n-forAfter)
		if anySmall && !r.Suppressed {
			t.Fatalf("small count published: n=%d for %d -> %d: %q", n, forBefore, forAfter, r.Sentence)
		}
		if !r.Suppressed && !strings.Contains(r.Sentence, fmt.Sprintf("%d of %d agreed", forAfter, n)) {
			t.Fatalf("sentence %q does not give %d of %d", r.Sentence, forAfter, n)
		}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
