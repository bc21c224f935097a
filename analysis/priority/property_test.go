package priority_test

import (
	"fmt"
	"slices"
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
// lie in range; hidden options carry nothing; and the dots are exactly what
// package suppress publishes for the sites-by-options table.
func TestRankingInvariants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		allocs := genAllocations(t)
		threshold := rapid.IntRange(3, 8).Draw(t, "threshold")
		res, err := priority.FromAllocations(allocs, priority.Options{Threshold: threshold, Resamples: 200})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Sites) == 0 {
			return
		}
		want := expectedTable(t, res, allocs, threshold)
		for i, r := range res.Sites {
			checkRanking(t, r, want.Cells[i], want.RowTotals[i])
		}
		checkRanking(t, res.Overall, want.ColTotals, want.Total)
	})
}

// expectedTable suppresses the sites-by-options table directly.
func expectedTable(t *rapid.T, res priority.Result, allocs []priority.Allocation, threshold int) suppress.Table {
	var sites, options []string
	for _, r := range res.Sites {
		sites = append(sites, r.Site)
	}
	for _, o := range res.Overall.Options {
		options = append(options, o.Option)
	}
	slices.Sort(options) // the choices were not given, so they are by name
	counts := make([][]int, len(sites))
	for i := range counts {
		counts[i] = make([]int, len(options))
	}
	for _, a := range allocs {
		counts[slices.Index(sites, a.Site)][slices.Index(options, a.Option)] += a.Dots
	}
	tab, err := suppress.Suppress(counts, sites, options, threshold)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func checkRanking(t *rapid.T, r priority.Ranking, cells []suppress.Cell, total suppress.Cell) {
	if total != r.Dots {
		t.Fatalf("%s: total %v, suppress says %v", r.Site, r.Dots, total)
	}
	shown, prev := 0, 0
	for _, o := range r.Options {
		if !o.Dots.Suppressed {
			shown++
		}
	}
	var names []string
	for _, o := range r.Options {
		names = append(names, o.Option)
	}
	slices.Sort(names)
	for i, o := range r.Options {
		if want := cells[slices.Index(names, o.Option)]; want != o.Dots {
			t.Fatalf("%s %s: dots %v, suppress says %v", r.Site, o.Option, o.Dots, want)
		}
		if o.Dots.Suppressed {
			if i < shown || o.Rank != 0 || o.Share != 0 || o.ShareHi != 0 || o.RankHi != 0 || o.Tied {
				t.Fatalf("%s: hidden option %+v at %d carries figures", r.Site, o, i)
			}
			continue
		}
		if o.Rank < prev {
			t.Fatalf("%s: %s ranked %d after rank %d", r.Site, o.Option, o.Rank, prev)
		}
		prev = o.Rank
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
