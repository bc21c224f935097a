package priority_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"peervoice/analysis/priority"
)

// people gives n participants at site the same allocation of dots; group
// keeps participant codes of different groups at one site apart.
func people(site, group string, n int, dots map[string]int) []priority.Allocation {
	var out []priority.Allocation
	for i := range n {
		for opt, d := range dots {
			code := fmt.Sprintf("%s-%s-%d", site, group, i)
			out = append(out, priority.Allocation{Site: site, Participant: code, Option: opt, Dots: d})
		}
	}
	return out
}

// clearCase is a programme where safety clearly comes first, staffing
// second and estates third, at two sites of 105 participants with 3 dots each.
func clearCase() []priority.Allocation {
	var a []priority.Allocation
	for _, site := range []string{"HMP North", "HMP South"} {
		a = append(a, people(site, "a", 60, map[string]int{"Safety": 3})...)
		a = append(a, people(site, "b", 30, map[string]int{"Safety": 1, "Staffing": 2})...)
		a = append(a, people(site, "c", 15, map[string]int{"Staffing": 1, "Estates": 2})...)
	}
	return a
}

var opts = priority.Options{Threshold: 5}

func find(t *testing.T, r priority.Ranking, option string) priority.Ranked {
	t.Helper()
	for _, o := range r.Options {
		if o.Option == option {
			return o
		}
	}
	t.Fatalf("option %s missing from %s", option, r.Site)
	return priority.Ranked{}
}

func TestClearRanking(t *testing.T) {
	res, err := priority.FromAllocations(clearCase(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sites) != 2 || res.Sites[0].Site != "HMP North" {
		t.Fatalf("sites: %+v", res.Sites)
	}
	for _, r := range append([]priority.Ranking{res.Overall}, res.Sites...) {
		for want, name := range []string{"Safety", "Staffing", "Estates"} {
			o := find(t, r, name)
			if r.Options[want].Option != name || o.Rank != want+1 {
				t.Errorf("%s: %s rank %d at position %d", r.Site, name, o.Rank, want)
			}
			// A lead this large never changes under resampling.
			if o.RankLo != want+1 || o.RankHi != want+1 {
				t.Errorf("%s: %s rank interval [%d, %d]", r.Site, name, o.RankLo, o.RankHi)
			}
			if o.ShareLo > o.Share || o.Share > o.ShareHi {
				t.Errorf("%s: %s share %.3f outside [%.3f, %.3f]", r.Site, name, o.Share, o.ShareLo, o.ShareHi)
			}
		}
		// Everyone places 3 dots, so Safety's share is the mean of each
		// person's Safety dots over 3. Those are 3 (60), 1 (30), 0 (15): mean
		// 2, variance 570/105 - 4. The interval should be about 2 x 1.96 SE.
		o, n := find(t, r, "Safety"), float64(r.Participants.Count)
		want := 2 * 1.96 * math.Sqrt((570.0/105-4)/n) / 3
		if w := o.ShareHi - o.ShareLo; math.Abs(w-want) > 0.15*want {
			t.Errorf("%s: Safety interval width %.4f, normal approximation %.4f", r.Site, w, want)
		}
	}
	// Overall: 2 sites x (180 + 30 for Safety) = 420 of 2 x 315 = 630.
	if s := find(t, res.Overall, "Safety"); math.Abs(s.Share-420.0/630) > 1e-12 || s.Dots.Count != 420 {
		t.Errorf("Safety overall: %+v", s)
	}
	if p := res.Overall.Participants; p == nil || p.Count != 210 {
		t.Errorf("participants: %v", p)
	}
}

func TestDeterministic(t *testing.T) {
	a := clearCase()
	first, err := priority.FromAllocations(a, opts)
	if err != nil {
		t.Fatal(err)
	}
	rand.New(rand.NewPCG(7, 7)).Shuffle(len(a), func(i, j int) { a[i], a[j] = a[j], a[i] })
	again, err := priority.FromAllocations(a, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, again) {
		t.Error("same allocations in another order gave another result")
	}
	other, err := priority.FromAllocations(a, priority.Options{Threshold: 5, Seed: 99})
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(first.Overall, other.Overall) {
		t.Error("a different seed gave identical intervals")
	}
}

func TestSiteStreamsAreIndependent(t *testing.T) {
	a := clearCase()
	before, err := priority.FromAllocations(a, opts)
	if err != nil {
		t.Fatal(err)
	}
	a = append(a, people("HMP West", "a", 12, map[string]int{"Estates": 3})...)
	after, err := priority.FromAllocations(a, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before.Sites[0], after.Sites[0]) {
		t.Error("adding a site changed another site's ranking")
	}
}

func TestTies(t *testing.T) {
	totals := []priority.Total{
		{Site: "A", Option: "Staffing", Dots: 100}, {Site: "A", Option: "Safety", Dots: 100},
		{Site: "A", Option: "Estates", Dots: 20}, {Site: "A", Option: "Data", Dots: 0},
	}
	o := priority.Options{Threshold: 5, Choices: []string{"Safety", "Staffing", "Estates", "Data"}}
	res, err := priority.FromTotals(totals, o)
	if err != nil {
		t.Fatal(err)
	}
	got := ""
	for _, r := range res.Overall.Options {
		got += fmt.Sprintf("%s:%d:%v ", r.Option, r.Rank, r.Tied)
	}
	want := "Safety:1:true Staffing:1:true Estates:3:false Data:4:false "
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if res.Overall.Participants != nil || res.Overall.Method != priority.ResampleDots {
		t.Errorf("count-only input: %+v", res.Overall)
	}
	s := res.Overall.Options[0]
	if s.RankLo != 1 || s.RankHi != 2 {
		t.Errorf("tied option's rank interval [%d, %d], want [1, 2]", s.RankLo, s.RankHi)
	}
}

func TestSuppressedOptions(t *testing.T) {
	totals := []priority.Total{
		{Site: "A", Option: "Safety", Dots: 30}, {Site: "A", Option: "Staffing", Dots: 20},
		{Site: "A", Option: "Estates", Dots: 2}, {Site: "A", Option: "Data", Dots: 9},
		{Site: "A", Option: "Tech", Dots: 12},
	}
	res, err := priority.FromTotals(totals, opts)
	if err != nil {
		t.Fatal(err)
	}
	got := ""
	for _, r := range res.Overall.Options {
		got += fmt.Sprintf("%s:%s:%d ", r.Option, r.Dots, r.Rank)
	}
	// Estates (2) is small; Data (9), the next smallest, hides with it so the
	// total of 73 cannot give Estates away.
	want := "Safety:30:1 Staffing:20:2 Tech:12:3 Data:[c]:0 Estates:[c]:0 "
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	for _, r := range res.Overall.Options[3:] {
		if r.Share != 0 || r.ShareHi != 0 || r.RankHi != 0 {
			t.Errorf("hidden %s has figures: %+v", r.Option, r)
		}
	}
	if res.Overall.Options[2].RankHi > 3 {
		t.Errorf("rank interval reaches hidden options: %+v", res.Overall.Options[2])
	}
}

// TestOverallCannotRevealSiteCount: a site's small count must not be the
// overall count minus the other sites' published counts.
func TestOverallCannotRevealSiteCount(t *testing.T) {
	totals := []priority.Total{
		{Site: "A", Option: "Safety", Dots: 20}, {Site: "A", Option: "Staffing", Dots: 15},
		{Site: "B", Option: "Safety", Dots: 3}, {Site: "B", Option: "Staffing", Dots: 25},
		{Site: "C", Option: "Safety", Dots: 12}, {Site: "C", Option: "Staffing", Dots: 30},
	}
	res, err := priority.FromTotals(totals, opts)
	if err != nil {
		t.Fatal(err)
	}
	b := find(t, res.Sites[1], "Safety")
	if !b.Dots.Suppressed {
		t.Fatalf("site B Safety (3 dots) shown: %v", b.Dots)
	}
	overall := find(t, res.Overall, "Safety")
	a, c := find(t, res.Sites[0], "Safety"), find(t, res.Sites[2], "Safety")
	if !overall.Dots.Suppressed && !a.Dots.Suppressed && !c.Dots.Suppressed {
		t.Errorf("overall %v - A %v - C %v gives B's hidden count", overall.Dots, a.Dots, c.Dots)
	}
	if !res.Sites[1].Dots.Suppressed && !find(t, res.Sites[1], "Staffing").Dots.Suppressed {
		t.Errorf("site B total %v - Staffing gives B's hidden Safety count", res.Sites[1].Dots)
	}
}

// TestMultinomialIntervalWidth checks the count-only bootstrap against the
// normal approximation for a share: 400 dots, share 0.3, half-width
// 1.96*sqrt(0.3*0.7/400) = 0.0449.
func TestMultinomialIntervalWidth(t *testing.T) {
	totals := []priority.Total{{Option: "a", Dots: 120}, {Option: "b", Dots: 280}}
	res, err := priority.FromTotals(totals, opts)
	if err != nil {
		t.Fatal(err)
	}
	a := find(t, res.Overall, "a")
	half := (a.ShareHi - a.ShareLo) / 2
	if want := 1.96 * math.Sqrt(0.3*0.7/400); math.Abs(half-want) > 0.15*want {
		t.Errorf("half-width %.4f, normal approximation %.4f", half, want)
	}
	if mid := (a.ShareHi + a.ShareLo) / 2; math.Abs(mid-0.3) > 0.01 {
		t.Errorf("interval centre %.4f, want about 0.3", mid)
	}
}

// TestParticipantIntervalsWiderWhenDotsStack checks that resampling people
// sees that stacked dots move together: the same totals with each person
// putting all 3 dots on one option give a wider interval than spread dots.
func TestParticipantIntervalsWiderWhenDotsStack(t *testing.T) {
	// Both have 120 of 300 dots on a.
	stacked := append(people("", "a", 40, map[string]int{"a": 3}), people("", "b", 60, map[string]int{"b": 3})...)
	spread := append(people("", "a", 20, map[string]int{"a": 2, "b": 1}), people("", "b", 80, map[string]int{"a": 1, "b": 2})...)
	width := func(a []priority.Allocation) float64 {
		res, err := priority.FromAllocations(a, opts)
		if err != nil {
			t.Fatal(err)
		}
		o := find(t, res.Overall, "a")
		return o.ShareHi - o.ShareLo
	}
	if ws, wp := width(stacked), width(spread); ws <= 2*wp {
		t.Errorf("stacked width %.3f not clearly wider than spread %.3f", ws, wp)
	}
}

func TestErrors(t *testing.T) {
	cases := map[string]func() error{
		"threshold": func() error { _, err := priority.FromTotals(nil, priority.Options{Threshold: 2}); return err },
		"negative": func() error {
			_, err := priority.FromTotals([]priority.Total{{Option: "a", Dots: -1}}, opts)
			return err
		},
		"unknown option": func() error {
			_, err := priority.FromAllocations([]priority.Allocation{{Option: "Safty", Dots: 1}},
				priority.Options{Threshold: 5, Choices: []string{"Safety"}})
			return err
		},
		"level": func() error {
			_, err := priority.FromTotals(nil, priority.Options{Threshold: 5, Level: 1.5})
			return err
		},
	}
	for name, f := range cases {
		if f() == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func BenchmarkFromAllocations(b *testing.B) {
	// The model programme: 110 participants at 7 sites, 3 dots each on 6 areas.
	r := rand.New(rand.NewPCG(3, 4))
	areas := []string{"Safety", "Staffing", "Data", "Technology", "Estates", "Needs"}
	var a []priority.Allocation
	for i := range 110 {
		for range 3 {
			a = append(a, priority.Allocation{Site: fmt.Sprint("site ", i%7), Participant: fmt.Sprint(i),
				Option: areas[min(r.IntN(8), 5)], Dots: 1})
		}
	}
	for b.Loop() {
		if _, err := priority.FromAllocations(a, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFromTotals(b *testing.B) {
	var totals []priority.Total
	for s := range 7 {
		for k, n := range []int{20, 12, 9, 6, 4, 2} {
			totals = append(totals, priority.Total{Site: fmt.Sprint(s), Option: fmt.Sprint("o", k), Dots: n})
		}
	}
	for b.Loop() {
		if _, err := priority.FromTotals(totals, opts); err != nil {
			b.Fatal(err)
		}
	}
}
