package suppress_test

import (
	"math"
	"testing"

	"peervoice/privacy/suppress"
)

// hand builds a table with the given hidden body cells and hidden totals,
// so the attacker can be tested on patterns Suppress would never produce.
func hand(counts [][]int, hiddenBody [][2]int, hiddenTotals ...int) suppress.Table {
	m, n := len(counts), len(counts[0])
	t := suppress.Table{Cells: make([][]suppress.Cell, m), RowTotals: make([]suppress.Cell, m),
		ColTotals: make([]suppress.Cell, n)}
	rows, cols, total := make([]int, m), make([]int, n), 0
	for i := range m {
		t.Cells[i] = make([]suppress.Cell, n)
		for j := range n {
			t.Cells[i][j] = suppress.Cell{Count: counts[i][j]}
			rows[i] += counts[i][j]
			cols[j] += counts[i][j]
			total += counts[i][j]
		}
	}
	for _, c := range hiddenBody {
		t.Cells[c[0]][c[1]] = suppress.Cell{Suppressed: true}
	}
	for i := range m {
		t.RowTotals[i] = suppress.Cell{Count: rows[i]}
	}
	for j := range n {
		t.ColTotals[j] = suppress.Cell{Count: cols[j]}
	}
	t.Total = suppress.Cell{Count: total}
	for _, f := range hiddenTotals { // flattened index after the body
		switch k := f - m*n; {
		case k < m:
			t.RowTotals[k] = suppress.Cell{Suppressed: true}
		case k < m+n:
			t.ColTotals[k-m] = suppress.Cell{Suppressed: true}
		default:
			t.Total = suppress.Cell{Suppressed: true}
		}
	}
	return t
}

func intervalOf(t *testing.T, counts [][]int, tab suppress.Table, fig int) interval {
	t.Helper()
	figs, eqs := tableFigures(counts, tab)
	ivs, err := attack(figs, eqs)
	if err != nil {
		t.Fatalf("attack: %v", err)
	}
	for _, iv := range ivs {
		if iv.fig == fig {
			return iv
		}
	}
	t.Fatalf("figure %d not hidden", fig)
	return interval{}
}

// The attacker must find the disclosures that naive suppression leaves, or
// the property tests prove nothing.
func TestAttackerFindsKnownDisclosures(t *testing.T) {
	t.Run("lone hidden cell", func(t *testing.T) {
		counts := [][]int{{1, 10}, {10, 10}}
		iv := intervalOf(t, counts, hand(counts, [][2]int{{0, 0}}), 0)
		if iv.lo != 1 || iv.hi != 1 {
			t.Errorf("interval [%v, %v], want pinned at 1", iv.lo, iv.hi)
		}
	})
	t.Run("two ones hidden in a row", func(t *testing.T) {
		counts := [][]int{{1, 1, 10}}
		// Column totals equal the cells here, so hide them too: only the row
		// total and the third cell are published. Total 12 - 10 = 2 = 1 + 1.
		tab := hand(counts, [][2]int{{0, 0}, {0, 1}}, 4, 5)
		iv := intervalOf(t, counts, tab, 0)
		if iv.lo != 1 || iv.hi != 1 {
			t.Errorf("interval [%v, %v], want pinned at 1 (hidden counts are at least 1)", iv.lo, iv.hi)
		}
	})
	t.Run("bridge between two rectangles", func(t *testing.T) {
		counts := [][]int{
			{2, 9, 3, 0},
			{8, 7, 0, 0},
			{0, 0, 6, 9},
			{0, 0, 8, 6},
		}
		// Each rectangle of hidden cells protects itself; cell (0,2) joins them
		// and every row and column has two hidden cells, yet (0,2) is pinned.
		body := [][2]int{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 2}, {2, 3}, {3, 2}, {3, 3}, {0, 2}}
		iv := intervalOf(t, counts, hand(counts, body), 2)
		if iv.lo != 3 || iv.hi != 3 {
			t.Errorf("interval [%v, %v], want pinned at 3", iv.lo, iv.hi)
		}
	})
	t.Run("unbounded when no total is published", func(t *testing.T) {
		counts := [][]int{{2}}
		iv := intervalOf(t, counts, hand(counts, [][2]int{{0, 0}}, 1, 2, 3), 0)
		if iv.lo != 1 || !math.IsInf(iv.hi, 1) {
			t.Errorf("interval [%v, %v], want [1, +Inf]", iv.lo, iv.hi)
		}
	})
}
