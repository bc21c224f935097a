package priority

import (
	"cmp"
	"math"
	"slices"

	"peervoice/privacy/suppress"
)

// rank builds one ranking from its published counts: point ranks and the
// bootstrap over the shown options.
func rank(g group, names []string, pub published, opt Options) Ranking {
	hidden := make([]bool, len(names))
	for k, c := range pub.dots {
		hidden[k] = c.Suppressed
	}
	out := Ranking{Site: g.site, Method: g.method, Dots: pub.total, Participants: pub.participants}
	shares, ranks := bootstrap(g, hidden, opt)
	out.Options = ranked(names, g.sample.observed(), hidden, shares, ranks, opt.Level)
	return out
}

// bootstrap returns, per option, the resampled shares and ranks (ranks only
// among shown options).
func bootstrap(g group, hidden []bool, opt Options) ([][]float64, [][]int) {
	k := len(hidden)
	shares, ranks := make([][]float64, k), make([][]int, k)
	for i := range k {
		shares[i], ranks[i] = make([]float64, opt.Resamples), make([]int, opt.Resamples)
	}
	r := stream(opt.Seed, g.site)
	counts, rk := make([]int, k), make([]int, k)
	for b := range opt.Resamples {
		g.sample.draw(r, counts)
		total := sum(counts)
		competitionRanks(counts, hidden, rk)
		for i := range k {
			shares[i][b], ranks[i][b] = share(counts[i], total), rk[i]
		}
	}
	return shares, ranks
}

// competitionRanks sets rk[i] to one plus the number of shown options with
// more dots than option i; hidden options get 0.
func competitionRanks(counts []int, hidden []bool, rk []int) {
	for i := range counts {
		rk[i] = 0
		if hidden[i] {
			continue
		}
		rk[i] = 1
		for j := range counts {
			if !hidden[j] && counts[j] > counts[i] {
				rk[i]++
			}
		}
	}
}

// ranked assembles the shown options by rank (ties in choice order), then
// the hidden ones by name.
func ranked(names []string, counts []int, hidden []bool, shares [][]float64, ranks [][]int, level float64) []Ranked {
	rk := make([]int, len(names))
	competitionRanks(counts, hidden, rk)
	total := sum(counts)
	var shown, withheld []Ranked
	for i, name := range names {
		if hidden[i] {
			withheld = append(withheld, Ranked{Option: name, Dots: suppress.Cell{Suppressed: true}})
			continue
		}
		lo, hi := percentile(shares[i], level)
		rlo, rhi := percentile(ranks[i], level)
		shown = append(shown, Ranked{Option: name, Dots: suppress.Cell{Count: counts[i]},
			Share: share(counts[i], total), ShareLo: lo, ShareHi: hi,
			Rank: rk[i], RankLo: rlo, RankHi: rhi, Tied: tied(i, counts, hidden)})
	}
	slices.SortStableFunc(shown, func(a, b Ranked) int { return cmp.Compare(a.Rank, b.Rank) })
	slices.SortFunc(withheld, func(a, b Ranked) int { return cmp.Compare(a.Option, b.Option) })
	return append(shown, withheld...)
}

func tied(i int, counts []int, hidden []bool) bool {
	for j := range counts {
		if j != i && !hidden[j] && counts[j] == counts[i] {
			return true
		}
	}
	return false
}

// percentile returns the equal-tailed interval by nearest rank: with 2000
// resamples and 95%, the 51st and the 1950th smallest values.
func percentile[T cmp.Ordered](values []T, level float64) (T, T) {
	s := slices.Clone(values)
	slices.Sort(s)
	n := float64(len(s))
	tail := (1 - level) / 2
	const eps = 1e-9 // 0.975*2000 must count as 1950, not 1950.0000001
	lo := int(math.Floor(tail*n + eps))
	hi := int(math.Ceil((1-tail)*n-eps)) - 1
	return s[lo], s[max(lo, min(hi, len(s)-1))]
}

func share(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
