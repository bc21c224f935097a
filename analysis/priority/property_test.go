package priority_test

import (
	"fmt"
	"testing"

	"pgregory.net/rapid"

	"peervoice/analysis/priority"
	"peervoice/privacy/suppress"
)

// genAllocations draws a small programme: a few sites, a few options,
// participants with 0 to 4 dots each.
func genAllocations(t *rapid.T) []priority.Allocation {
	var out []priority.Allocation
	n := rapid.IntRange(0, 40).Draw(t, "participants")
	for i := range n {
		site := fmt.Sprint("site", rapid.IntRange(0, 2).Draw(t, "site"))
		for range rapid.IntRange(1, 3).Draw(t, "rows") {
			out = append(out, priority.Allocation{Site: site, Participant: fmt.Sprint(i),
				Option: fmt.Sprint("o", rapid.IntRange(0, 4).Draw(t, "option")), Dots: rapid.IntRange(0, 4).Draw(t, "dots")})
		}
	}
	return out
}

// TestRankingInvariants checks every ranking on random input: ranks are
// competition ranks of the shown dots, in order; intervals are ordered and
// lie in range; hidden options carry nothing; the dots are exactly what
// package suppress publishes for the same counts.
func TestRankingInvariants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		allocs := genAllocations(t)
		threshold := rapid.IntRange(3, 8).Draw(t, "threshold")
		res, err := priority.FromAllocations(allocs, priority.Options{Threshold: threshold, Resamples: 200})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range append(res.Sites, res.Overall) {
			checkRanking(t, r, allocs, threshold)
		}
	})
}

func checkRanking(t *rapid.T, r priority.Ranking, allocs []priority.Allocation, threshold int) {
	counts := map[string]int{}
	for _, o := range r.Options {
		counts[o.Option] = 0
	}
	for _, a := range allocs {
		if r.Site == "" || a.Site == r.Site {
			counts[a.Option] += a.Dots
		}
	}
	want, err := suppress.List(counts, threshold)
	if err != nil {
		t.Fatal(err)
	}
	if want.Total != r.Dots {
		t.Fatalf("%s: total %v, suppress says %v", r.Site, r.Dots, want.Total)
	}
	shown := 0
	for _, o := range r.Options {
		if !o.Dots.Suppressed {
			shown++
		}
	}
	prev := 0
	for i, o := range r.Options {
		if !o.Dots.Suppressed && o.Rank < prev {
			t.Fatalf("%s: %s ranked %d after rank %d", r.Site, o.Option, o.Rank, prev)
		}
		prev = o.Rank
		for _, it := range want.Items {
			if it.Label == o.Option && it.Cell != o.Dots {
				t.Fatalf("%s %s: dots %v, suppress says %v", r.Site, o.Option, o.Dots, it.Cell)
			}
		}
		if o.Dots.Suppressed {
			if i < shown || o.Rank != 0 || o.Share != 0 || o.ShareHi != 0 || o.RankHi != 0 || o.Tied {
				t.Fatalf("%s: hidden option %+v at %d carries figures", r.Site, o, i)
			}
			continue
		}
		checkShown(t, r, o, shown)
	}
}

func checkShown(t *rapid.T, r priority.Ranking, o priority.Ranked, shown int) {
	rank, tied := 1, false
	for _, p := range r.Options {
		if p.Dots.Suppressed || p.Option == o.Option {
			continue
		}
		if p.Dots.Count > o.Dots.Count {
			rank++
		}
		tied = tied || p.Dots.Count == o.Dots.Count
	}
	if o.Rank != rank || o.Tied != tied {
		t.Fatalf("%s %s: rank %d tied %v, want %d %v", r.Site, o.Option, o.Rank, o.Tied, rank, tied)
	}
	if o.RankLo < 1 || o.RankLo > o.RankHi || o.RankHi > shown {
		t.Fatalf("%s %s: rank interval [%d, %d] of %d shown", r.Site, o.Option, o.RankLo, o.RankHi, shown)
	}
	if o.ShareLo < 0 || o.ShareLo > o.ShareHi || o.ShareHi > 1 {
		t.Fatalf("%s %s: share interval [%v, %v]", r.Site, o.Option, o.ShareLo, o.ShareHi)
	}
}
