package priority_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"peervoice/analysis/priority"
)

// TestShareIntervalCoverage measures how often the 95% share interval
// covers the true share, over programmes drawn from a known population:
// each of 80 participants places 3 dots, each dot on option a with
// probability 0.2, b 0.3, c 0.5, except that a third of people stack all
// three dots on one option. The percentile bootstrap is known to run a
// little under nominal for small samples, so 0.90 to 0.99 passes. The same
// programmes given as totals only must cover less often, because the
// multinomial bootstrap cannot see the stacking (the package comment warns
// of this).
func TestShareIntervalCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation")
	}
	const reps = 200
	truth := map[string]float64{"a": 0.2, "b": 0.3, "c": 0.5}
	r := rand.New(rand.NewPCG(11, 12))
	covered, coveredTotals := map[string]int{}, map[string]int{}
	for rep := range reps {
		allocs := simulate(r, 80)
		opt := priority.Options{Threshold: 3, Resamples: 1000, Seed: uint64(rep + 1)}
		res, err := priority.FromAllocations(allocs, opt)
		if err != nil {
			t.Fatal(err)
		}
		count(covered, res, truth)
		if res, err = priority.FromTotals(totalsOf(allocs), opt); err != nil {
			t.Fatal(err)
		}
		count(coveredTotals, res, truth)
	}
	for opt := range truth {
		rate, rateTotals := float64(covered[opt])/reps, float64(coveredTotals[opt])/reps
		t.Logf("option %s: coverage %.3f resampling people, %.3f resampling dots", opt, rate, rateTotals)
		if rate < 0.90 || rate > 0.99 {
			t.Errorf("option %s: 95%% interval covered the true share in %.3f of programmes", opt, rate)
		}
		if rateTotals >= rate {
			t.Errorf("option %s: dot resampling covered %.3f, no less than people's %.3f", opt, rateTotals, rate)
		}
	}
}

func count(covered map[string]int, res priority.Result, truth map[string]float64) {
	for _, o := range res.Overall.Options {
		if !o.Dots.Suppressed && o.ShareLo <= truth[o.Option] && truth[o.Option] <= o.ShareHi {
			covered[o.Option]++
		}
	}
}

func totalsOf(allocs []priority.Allocation) []priority.Total {
	sum := map[string]int{}
	for _, a := range allocs {
		sum[a.Option] += a.Dots
	}
	var out []priority.Total
	for opt, n := range sum {
		out = append(out, priority.Total{Site: "s", Option: opt, Dots: n})
	}
	return out
}

// simulate draws n participants from the population described above.
func simulate(r *rand.Rand, n int) []priority.Allocation {
	pick := func() string {
		switch u := r.Float64(); {
		case u < 0.2:
			return "a"
		case u < 0.5:
			return "b"
		}
		return "c"
	}
	var out []priority.Allocation
	for i := range n {
		code := fmt.Sprint(i)
		if r.IntN(3) == 0 {
			out = append(out, priority.Allocation{Site: "s", Participant: code, Option: pick(), Dots: 3})
			continue
		}
		for range 3 {
			out = append(out, priority.Allocation{Site: "s", Participant: code, Option: pick(), Dots: 1})
		}
	}
	return out
}
