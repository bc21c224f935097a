package suppress

import (
	"errors"
	"fmt"
	"slices"
)

// Table is a suppressed two-way table, ready to publish: every cell and
// total is a Cell, so a caller cannot reach a hidden count.
type Table struct {
	Rows, Cols []string
	Cells      [][]Cell // Cells[i][j] is row i, column j
	RowTotals  []Cell
	ColTotals  []Cell
	Total      Cell
}

// HasSuppressed reports whether any cell or total is hidden, which is when
// the table needs its Legend.
func (t Table) HasSuppressed() bool {
	hidden := t.Total.Suppressed
	for _, c := range slices.Concat(t.RowTotals, t.ColTotals) {
		hidden = hidden || c.Suppressed
	}
	for _, row := range t.Cells {
		for _, c := range row {
			hidden = hidden || c.Suppressed
		}
	}
	return hidden
}

// Suppress hides the small counts of a two-way table and enough others, with
// its row, column and grand totals, that none can be worked out (the package
// comment gives the exact guarantee). counts[i][j] is row i, column j.
func Suppress(counts [][]int, rowLabels, colLabels []string, threshold int) (Table, error) {
	if err := checkTable(counts, rowLabels, colLabels, threshold); err != nil {
		return Table{}, err
	}
	g := tableNetwork(counts)
	g.hidePrimary(threshold)
	if err := g.protect(); err != nil {
		return Table{}, fmt.Errorf("suppress: table %dx%d: %w", len(rowLabels), len(colLabels), err)
	}
	return readTable(g, rowLabels, colLabels), nil
}

// checkTable validates the shape, the counts and the threshold.
func checkTable(counts [][]int, rowLabels, colLabels []string, threshold int) error {
	if err := CheckThreshold(threshold); err != nil {
		return err
	}
	if len(rowLabels) == 0 || len(colLabels) == 0 {
		return errors.New("suppress: a table needs at least one row and one column")
	}
	if len(counts) != len(rowLabels) {
		return fmt.Errorf("suppress: %d rows of counts but %d row labels", len(counts), len(rowLabels))
	}
	for i, row := range counts {
		if len(row) != len(colLabels) {
			return fmt.Errorf("suppress: row %q has %d counts but there are %d columns",
				rowLabels[i], len(row), len(colLabels))
		}
		for j, n := range row {
			if n < 0 {
				return fmt.Errorf("suppress: negative count %d at row %q, column %q", n, rowLabels[i], colLabels[j])
			}
		}
	}
	return nil
}

// tableNetwork lays the table out as a circulation: node 0 is the source,
// node 1 the sink, then one node per row and one per column. Edges come in
// the order body cells (row-major), row totals, column totals, grand total.
func tableNetwork(counts [][]int) *network {
	m, n := len(counts), len(counts[0])
	row := func(i int) int { return 2 + i }
	col := func(j int) int { return 2 + m + j }
	g := newNetwork(2 + m + n)
	rowSum, colSum, total := make([]int, m), make([]int, n), 0
	for i := range m {
		for j := range n {
			g.add(row(i), col(j), counts[i][j], false)
			rowSum[i] += counts[i][j]
			colSum[j] += counts[i][j]
			total += counts[i][j]
		}
	}
	for i := range m {
		g.add(0, row(i), rowSum[i], true)
	}
	for j := range n {
		g.add(col(j), 1, colSum[j], true)
	}
	g.add(1, 0, total, true)
	return g
}

// readTable copies the suppressed network back into a Table.
func readTable(g *network, rows, cols []string) Table {
	m, n := len(rows), len(cols)
	t := Table{Rows: rows, Cols: cols, Cells: make([][]Cell, m),
		RowTotals: make([]Cell, m), ColTotals: make([]Cell, n)}
	for i := range m {
		t.Cells[i] = make([]Cell, n)
		for j := range n {
			t.Cells[i][j] = g.cell(i*n + j)
		}
		t.RowTotals[i] = g.cell(m*n + i)
	}
	for j := range n {
		t.ColTotals[j] = g.cell(m*n + m + j)
	}
	t.Total = g.cell(m*n + m + n)
	return t
}
