package opinion_test

import (
	"math"
	"testing"

	"peervoice/analysis/opinion"
)

// Hand-computed example: a = [0 0 0 1 1 1], b = [0 0 1 1 2 2].
// Contingency: (0,0)=2 (0,1)=1 (1,1)=1 (1,2)=2, so index = C(2,2)+C(2,2) = 2.
// Row sums 3,3: sum C = 3+3 = 6. Column sums 2,2,2: sum C = 3. C(6,2) = 15.
// expected = 6*3/15 = 1.2, max = (6+3)/2 = 4.5,
// ARI = (2-1.2)/(4.5-1.2) = 0.8/3.3 = 0.242424...
func TestAdjustedRandIndexHandExample(t *testing.T) {
	got, err := opinion.AdjustedRandIndex([]int{0, 0, 0, 1, 1, 1}, []int{0, 0, 1, 1, 2, 2})
	if err != nil {
		t.Fatal(err)
	}
	if want := 0.8 / 3.3; math.Abs(got-want) > 1e-12 {
		t.Errorf("ARI = %v, want %v", got, want)
	}
}

func TestAdjustedRandIndexRenamingAndEdges(t *testing.T) {
	if got, _ := opinion.AdjustedRandIndex([]int{0, 0, 1, 1, 2}, []int{7, 7, 3, 3, 9}); got != 1 {
		t.Errorf("relabelled partition: ARI = %v, want 1", got)
	}
	if got, _ := opinion.AdjustedRandIndex([]int{0, 0, 0}, []int{0, 0, 0}); got != 1 {
		t.Errorf("identical single cluster: ARI = %v, want 1", got)
	}
	if got, _ := opinion.AdjustedRandIndex([]int{0, 0, 1, 1}, []int{0, 1, 0, 1}); got >= 0 {
		t.Errorf("crossed partition: ARI = %v, want below 0", got)
	}
	if _, err := opinion.AdjustedRandIndex([]int{0}, []int{0, 1}); err == nil {
		t.Error("length mismatch accepted")
	}
}
