package debate

import "math"

// relTol is the slack used when comparing table probabilities for the
// two-sided Fisher test, the same as R's fisher.test, so that tables as
// likely as the observed one are not lost to rounding.
const relTol = 1e-7

// McNemarExact returns the two-sided exact McNemar p-value for b people who
// moved one way and c who moved the other: twice the smaller binomial tail
// of Binomial(b+c, 1/2), capped at 1. With nobody moving it is 1.
func McNemarExact(b, c int) float64 {
	n, k := b+c, min(b, c)
	if n == 0 {
		return 1
	}
	tail := 0.0
	for i := 0; i <= k; i++ {
		tail += math.Exp(logChoose(n, i) - float64(n)*math.Ln2)
	}
	return math.Min(1, 2*tail)
}

// Fisher holds the p-values of Fisher's exact test on a 2x2 table.
type Fisher struct {
	Less     float64 // P(X <= a): the top-left count is this small or smaller
	Greater  float64 // P(X >= a)
	TwoSided float64 // sum over tables no more likely than the observed one
}

// FisherExact tests the 2x2 table [[a, b], [c, d]] with fixed margins. X is
// the top-left count, which is hypergeometric under independence.
func FisherExact(a, b, c, d int) Fisher {
	lo, w := hypergeometric(a+b, c+d, a+c)
	total, observed := 0.0, w[a-lo]
	var f Fisher
	for i, p := range w {
		total += p
		if lo+i <= a {
			f.Less += p
		}
		if lo+i >= a {
			f.Greater += p
		}
		if p <= observed*(1+relTol) {
			f.TwoSided += p
		}
	}
	f.Less, f.Greater, f.TwoSided = math.Min(1, f.Less/total), math.Min(1, f.Greater/total), math.Min(1, f.TwoSided/total)
	return f
}

// hypergeometric returns the support's lowest value and unnormalised
// probabilities of X over the support, scaled so the mode has weight 1.
// Building them from the mode outwards by the ratio of neighbouring terms
// avoids both log-gamma calls and underflow in large debates.
func hypergeometric(row1, row2, col1 int) (int, []float64) {
	lo, hi := max(0, col1-row2), min(row1, col1)
	mode := min(hi, max(lo, (row1+1)*(col1+1)/(row1+row2+2)))
	w := make([]float64, hi-lo+1)
	w[mode-lo] = 1
	// ratio(x) = P(X = x+1) / P(X = x)
	ratio := func(x int) float64 {
		return float64((row1-x)*(col1-x)) / float64((x+1)*(row2-col1+x+1))
	}
	for x := mode; x < hi; x++ {
		w[x+1-lo] = w[x-lo] * ratio(x)
	}
	for x := mode - 1; x >= lo; x-- {
		w[x-lo] = w[x+1-lo] / ratio(x)
	}
	return lo, w
}

// logChoose is log(n choose k) through the log-gamma function, which keeps
// large debates from overflowing.
func logChoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}
