package opinion

import "fmt"

// AdjustedRandIndex compares two labelings of the same items (Hubert and
// Arabie, 1985): 1 for identical partitions up to renaming, about 0 for
// chance agreement. When both labelings put everything in one cluster (or
// every item in its own) the index is undefined; it returns 1 if the
// partitions are identical and 0 otherwise.
func AdjustedRandIndex(a, b []int) (float64, error) {
	if len(a) != len(b) {
		return 0, fmt.Errorf("opinion: adjusted Rand index of %d and %d labels", len(a), len(b))
	}
	type pair struct{ x, y int }
	joint := map[pair]int{}
	rowSum := map[int]int{}
	colSum := map[int]int{}
	for i := range a {
		joint[pair{a[i], b[i]}]++
		rowSum[a[i]]++
		colSum[b[i]]++
	}
	// Integer sums, so map iteration order cannot change the result.
	var index, sumA, sumB int64
	for _, n := range joint {
		index += choose2(n)
	}
	for _, n := range rowSum {
		sumA += choose2(n)
	}
	for _, n := range colSum {
		sumB += choose2(n)
	}
	all := choose2(len(a))
	if all == 0 {
		return 1, nil
	}
	expected := float64(sumA) * float64(sumB) / float64(all)
	maxIndex := float64(sumA+sumB) / 2
	if maxIndex == expected {
		if sumA == sumB && index == sumA {
			return 1, nil
		}
		return 0, nil
	}
	return (float64(index) - expected) / (maxIndex - expected), nil
}

func choose2(n int) int64 { return int64(n) * int64(n-1) / 2 }
