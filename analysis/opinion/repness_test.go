package opinion

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// A statement where the 2 members of a group both agree, and the 2 others
// split disagree/pass. Hand-computed:
//
//	pa  = (2+1)/(2+2) = 0.75
//	pat = 2*sqrt(2+1)*((2+1)/(2+1) - 1/2) = sqrt(3)
//	ra  = 0.75 / ((0+1)/(2+2)) = 3
//	rat: p1 = 3/3, p2 = 1/3, pooled = 4/6,
//	     z = (2/3) / sqrt(2/3 * 1/3 * (1/3 + 1/3)) = sqrt(3)
//	pd  = 1/4, pdt = 2*sqrt(3)*(1/3 - 1/2) = -sqrt(3)/3
//	rd  = 0.25 / ((1+1)/(2+2)) = 0.5
func TestRepnessHandExample(t *testing.T) {
	s := groupStats(2, 0, 2).compare(0, 1, 2)
	want := map[string][2]float64{
		"pa": {s.PA, 0.75}, "pat": {s.PAT, math.Sqrt(3)}, "ra": {s.RA, 3}, "rat": {s.RAT, math.Sqrt(3)},
		"pd": {s.PD, 0.25}, "pdt": {s.PDT, -math.Sqrt(3) / 3}, "rd": {s.RD, 0.5},
	}
	for name, v := range want {
		if !near(v[0], v[1]) {
			t.Errorf("%s = %v, want %v", name, v[0], v[1])
		}
	}
	if !s.passes() {
		t.Error("pat and rat exceed 1.2816, so the statement should pass")
	}
	r := finalise("x", s)
	if r.RepfulFor != "agree" || r.NSuccess != 2 || !near(r.Repness, 3) {
		t.Errorf("finalised = %+v, want agree with repness 3", r)
	}
}

func TestRepnessNotSignificantWithFewVotes(t *testing.T) {
	// One agree in the group against one agree outside: nothing stands out.
	s := groupStats(1, 0, 1).compare(1, 0, 1)
	if s.passes() {
		t.Errorf("stats %+v should not pass", s)
	}
	if !near(s.RAT, 0) {
		t.Errorf("rat = %v, want 0 for equal groups", s.RAT)
	}
}

func TestTwoPropTestPooledOne(t *testing.T) {
	// Polis returns 0 rather than dividing by zero when every vote in and
	// out of the group succeeds.
	if z := twoPropTest(3, 2, 3, 2); z != 0 {
		t.Errorf("z = %v, want 0", z)
	}
}

func TestSelectorPutsBestAgreeFirstAndCapsList(t *testing.T) {
	var sel repSelector
	// Seven statements the group disagrees with strongly, one it agrees with.
	for i := 0; i < 7; i++ {
		sel.add(string(rune('a'+i)), groupStats(0, 10+i, 10+i).compare(20, 0, 20))
	}
	sel.add("agreed", groupStats(9, 0, 10).compare(2, 10, 12))
	got := sel.result(5)
	if len(got) != 5 {
		t.Fatalf("got %d statements, want 5", len(got))
	}
	if got[0].Statement != "agreed" || !got[0].BestAgree || got[0].RepfulFor != "agree" {
		t.Errorf("first = %+v, want the best-agree statement", got[0])
	}
	for i := 2; i < len(got); i++ {
		if got[i].metric() > got[i-1].metric() {
			t.Errorf("disagree statements not sorted by metric at %d", i)
		}
	}
}

func TestKMeansFirstDistinctInitAndWeights(t *testing.T) {
	pts := []point{{0, 0}, {0, 0}, {10, 0}, {0, 1}, {10, 1}}
	centers, assign := kmeans(pts, nil, 2, 10)
	if len(centers) != 2 || assign[0] != assign[3] || assign[2] != assign[4] || assign[0] == assign[2] {
		t.Fatalf("centers %v assign %v", centers, assign)
	}
	// A heavy point pulls its cluster's centre.
	w := []float64{1, 1, 9, 1, 1}
	c, _ := kmeans(pts, w, 2, 10)
	if !near(c[1][1], 0.1) {
		t.Errorf("weighted centre = %v, want y 0.1", c[1])
	}
}

func TestSilhouetteWeighting(t *testing.T) {
	pts := []point{{0, 0}, {1, 0}, {10, 0}}
	labels := []int{0, 0, 1}
	// Unweighted: point 2 is alone, scores 0; points 0 and 1 have a=1,
	// b=10 and 9, giving 0.9 and 8/9.
	want := (0.9 + 8.0/9 + 0) / 3
	if got := silhouette(pts, nil, labels, 2, false); !near(got, want) {
		t.Errorf("unweighted = %v, want %v", got, want)
	}
	// Weighted: point 2 stands for 3 coincident participants, so it scores 1.
	w := []float64{1, 1, 3}
	wantW := (0.9 + 8.0/9 + 3) / 5
	if got := silhouette(pts, w, labels, 2, true); !near(got, wantW) {
		t.Errorf("weighted = %v, want %v", got, wantW)
	}
}
