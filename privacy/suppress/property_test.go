package suppress_test

import (
	"fmt"
	"math"
	"testing"

	"pgregory.net/rapid"

	"peervoice/privacy/suppress"
)

// genCounts draws an m x n table in which small counts are common.
func genCounts(t *rapid.T, maxDim, maxCount int) [][]int {
	m := rapid.IntRange(1, maxDim).Draw(t, "rows")
	n := rapid.IntRange(1, maxDim).Draw(t, "cols")
	value := rapid.OneOf(rapid.IntRange(0, 4), rapid.IntRange(0, maxCount))
	counts := make([][]int, m)
	for i := range counts {
		counts[i] = make([]int, n)
		for j := range counts[i] {
			counts[i][j] = value.Draw(t, fmt.Sprintf("c%d_%d", i, j))
		}
	}
	return counts
}

func labels(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return out
}

func mustSuppress(t *rapid.T, counts [][]int, threshold int) suppress.Table {
	tab, err := suppress.Suppress(counts, labels("r", len(counts)), labels("c", len(counts[0])), threshold)
	if err != nil {
		t.Fatalf("Suppress: %v", err)
	}
	return tab
}

// checkPublished asserts the basic rule: small counts are hidden, zeros are
// shown, and every shown cell carries its true count.
func checkPublished(t *rapid.T, figs []figure, threshold int) {
	for i, f := range figs {
		switch {
		case f.value >= 1 && f.value < threshold && !f.cell.Suppressed:
			t.Fatalf("figure %d = %d is under %d but published", i, f.value, threshold)
		case f.value == 0 && f.cell.Suppressed:
			t.Fatalf("figure %d is zero but hidden", i)
		case f.cell.Suppressed && f.cell.Count != 0:
			t.Fatalf("figure %d is hidden but carries count %d", i, f.cell.Count)
		case !f.cell.Suppressed && f.cell.Count != f.value:
			t.Fatalf("figure %d published as %d, true %d", i, f.cell.Count, f.value)
		}
	}
}

// TestNoHiddenFigureIsPinned is the guarantee: for random tables and
// thresholds, a linear-programming attacker who knows every published figure
// and that hidden figures are at least 1 cannot pin any hidden cell or total
// to one value.
func TestNoHiddenFigureIsPinned(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		counts := genCounts(t, 5, 30)
		threshold := rapid.IntRange(suppress.MinThreshold, 10).Draw(t, "threshold")
		figs, eqs := tableFigures(counts, mustSuppress(t, counts, threshold))
		checkPublished(t, figs, threshold)
		ivs, err := attack(figs, eqs)
		if err != nil {
			t.Fatalf("attack: %v", err)
		}
		for _, iv := range ivs {
			v := float64(figs[iv.fig].value)
			if iv.lo > v || iv.hi < v {
				t.Fatalf("figure %d = %v outside its interval [%v, %v]: checker is wrong", iv.fig, v, iv.lo, iv.hi)
			}
			if iv.lo >= iv.hi {
				t.Fatalf("figure %d = %v pinned: interval [%v, %v]; counts %v", iv.fig, v, iv.lo, iv.hi, counts)
			}
		}
	})
}

// TestNoHiddenFigureIsPinnedBruteForce checks the same guarantee on tiny
// tables by listing every table that agrees with the published figures.
// A brute-force witness of two values is proof; it needs no LP theory.
func TestNoHiddenFigureIsPinnedBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		counts := genCounts(t, 2, 8)
		if len(counts)*len(counts[0]) > 4 {
			counts = counts[:1]
		}
		threshold := rapid.IntRange(suppress.MinThreshold, 6).Draw(t, "threshold")
		tab := mustSuppress(t, counts, threshold)
		figs, _ := tableFigures(counts, tab)
		seen := bruteForce(counts, figs, 12)
		for i, f := range figs {
			if f.cell.Suppressed && len(seen[i]) < 2 {
				t.Fatalf("figure %d = %d has only values %v; counts %v", i, f.value, seen[i], counts)
			}
		}
	})
}

// bruteForce tries every body assignment with hidden cells in [1, limit] and
// records the values each figure takes in tables that match the published
// figures.
func bruteForce(counts [][]int, figs []figure, limit int) []map[int]bool {
	m, n := len(counts), len(counts[0])
	seen := make([]map[int]bool, len(figs))
	for i := range seen {
		seen[i] = map[int]bool{}
	}
	body := make([]int, m*n)
	var walk func(k int)
	walk = func(k int) {
		if k == m*n {
			record(body, m, n, figs, seen)
			return
		}
		if !figs[k].cell.Suppressed {
			body[k] = figs[k].value
			walk(k + 1)
			return
		}
		for v := 1; v <= limit; v++ {
			body[k] = v
			walk(k + 1)
		}
	}
	walk(0)
	return seen
}

func record(body []int, m, n int, figs []figure, seen []map[int]bool) {
	vals := append([]int(nil), body...)
	rows, cols, total := make([]int, m), make([]int, n), 0
	for i := range m {
		for j := range n {
			rows[i] += body[i*n+j]
			cols[j] += body[i*n+j]
			total += body[i*n+j]
		}
	}
	vals = append(append(append(vals, rows...), cols...), total)
	for i, f := range figs {
		if !f.cell.Suppressed && vals[i] != f.value {
			return
		}
		if f.cell.Suppressed && vals[i] < 1 {
			return
		}
	}
	for i, v := range vals {
		seen[i][v] = true
	}
}

// TestListNoHiddenItemIsPinned checks List the same way: with a published
// total, the hidden items share the remainder, so each can move only if
// there is another hidden item with room to give.
func TestListNoHiddenItemIsPinned(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		counts := rapid.MapOfN(rapid.StringMatching(`[a-z]{1,6}`),
			rapid.OneOf(rapid.IntRange(0, 4), rapid.IntRange(0, 40)), 1, 8).Draw(t, "counts")
		threshold := rapid.IntRange(suppress.MinThreshold, 10).Draw(t, "threshold")
		b, err := suppress.List(counts, threshold)
		if err != nil {
			t.Fatalf("List: %v", err)
		}
		row := make([]int, len(b.Items))
		tab := suppress.Table{Cells: [][]suppress.Cell{make([]suppress.Cell, len(b.Items))}}
		for i, it := range b.Items {
			row[i] = counts[it.Label]
			tab.Cells[0][i] = it.Cell
		}
		// A list is a one-row table whose column totals are its items.
		tab.RowTotals, tab.ColTotals, tab.Total = []suppress.Cell{b.Total}, tab.Cells[0], b.Total
		figs, eqs := tableFigures([][]int{row}, tab)
		checkPublished(t, figs, threshold)
		ivs, err := attack(figs, eqs)
		if err != nil {
			t.Fatalf("attack: %v", err)
		}
		for _, iv := range ivs {
			if iv.lo >= iv.hi || math.IsNaN(iv.lo) {
				t.Fatalf("figure %d pinned at %v; counts %v", iv.fig, iv.lo, counts)
			}
		}
	})
}

// TestSecondarySuppressionIsNeeded checks that Suppress does not hide more
// than it must: publishing any one secondary suppression again would let
// the attacker pin some hidden figure. (Primary ones are small counts.)
func TestSecondarySuppressionIsNeeded(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		counts := genCounts(t, 4, 20)
		threshold := rapid.IntRange(suppress.MinThreshold, 8).Draw(t, "threshold")
		figs, eqs := tableFigures(counts, mustSuppress(t, counts, threshold))
		for i, f := range figs {
			if !f.cell.Suppressed || f.value < threshold {
				continue
			}
			figs[i].cell = suppress.Cell{Count: f.value}
			if !somePinned(t, figs, eqs) {
				t.Fatalf("figure %d = %d hidden but not needed; counts %v", i, f.value, counts)
			}
			figs[i].cell = f.cell
		}
	})
}

// TestNoSmallCountsNoSuppression checks that a table with no small count
// publishes everything.
func TestNoSmallCountsNoSuppression(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		threshold := rapid.IntRange(suppress.MinThreshold, 8).Draw(t, "threshold")
		value := rapid.OneOf(rapid.Just(0), rapid.IntRange(threshold, 50))
		m, n := rapid.IntRange(1, 6).Draw(t, "m"), rapid.IntRange(1, 6).Draw(t, "n")
		counts := make([][]int, m)
		for i := range counts {
			counts[i] = rapid.SliceOfN(value, n, n).Draw(t, "row")
		}
		if tab := mustSuppress(t, counts, threshold); tab.HasSuppressed() {
			t.Fatalf("nothing small but something hidden: %v", counts)
		}
	})
}

func somePinned(t *rapid.T, figs []figure, eqs []equation) bool {
	ivs, err := attack(figs, eqs)
	if err != nil {
		t.Fatalf("attack: %v", err)
	}
	for _, iv := range ivs {
		if iv.lo >= iv.hi {
			return true
		}
	}
	return false
}
