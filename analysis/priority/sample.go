package priority

import (
	"math/rand/v2"
	"sort"
)

// participantSampler resamples participants with replacement.
type participantSampler struct {
	rows    [][]int
	options int
}

func (s participantSampler) observed() []int {
	out := make([]int, s.options)
	for _, row := range s.rows {
		for k, n := range row {
			out[k] += n
		}
	}
	return out
}

func (s participantSampler) draw(r *rand.Rand, out []int) {
	clear(out)
	if len(s.rows) == 0 {
		return
	}
	for range s.rows {
		for k, n := range s.rows[r.IntN(len(s.rows))] {
			out[k] += n
		}
	}
}

// dotSampler resamples single dots from the observed totals.
type dotSampler struct {
	counts []int
	cum    []int // cum[k] is the dots on options 0..k
}

func newDotSampler(counts []int) dotSampler {
	cum := make([]int, len(counts))
	total := 0
	for k, n := range counts {
		total += n
		cum[k] = total
	}
	return dotSampler{counts, cum}
}

func (s dotSampler) observed() []int { return append([]int(nil), s.counts...) }

func (s dotSampler) draw(r *rand.Rand, out []int) {
	clear(out)
	total := s.cum[len(s.cum)-1]
	for range total {
		x := r.IntN(total)
		out[sort.SearchInts(s.cum, x+1)]++ // first option whose cumulative count exceeds x
	}
}
