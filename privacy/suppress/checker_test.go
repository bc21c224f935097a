package suppress_test

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"

	"peervoice/privacy/suppress"
)

// This file is an attacker, written apart from the package's own cycle test:
// it turns the published table into linear equations and asks a linear
// programme for the smallest and largest value of every hidden figure. The
// equations (rows, columns and grand total of a table) form a totally
// unimodular system, so the LP bounds are the whole-number bounds.

// figure is one cell or total of a table with its true value.
type figure struct {
	value int
	cell  suppress.Cell
}

// equation says: the sum of figures in plus equals the sum of figures in minus.
type equation struct{ plus, minus []int }

// tableFigures flattens a table like the package does: body cells row-major,
// row totals, column totals, grand total. It returns the equations too.
func tableFigures(counts [][]int, t suppress.Table) ([]figure, []equation) {
	m, n := len(counts), len(counts[0])
	var figs []figure
	rowSum, colSum, total := make([]int, m), make([]int, n), 0
	for i := range m {
		for j := range n {
			figs = append(figs, figure{counts[i][j], t.Cells[i][j]})
			rowSum[i] += counts[i][j]
			colSum[j] += counts[i][j]
			total += counts[i][j]
		}
	}
	for i := range m {
		figs = append(figs, figure{rowSum[i], t.RowTotals[i]})
	}
	for j := range n {
		figs = append(figs, figure{colSum[j], t.ColTotals[j]})
	}
	figs = append(figs, figure{total, t.Total})
	return figs, tableEquations(m, n)
}

func tableEquations(m, n int) []equation {
	var eqs []equation
	rowT := func(i int) int { return m*n + i }
	colT := func(j int) int { return m*n + m + j }
	grand := m*n + m + n
	for i := range m {
		eq := equation{minus: []int{rowT(i)}}
		for j := range n {
			eq.plus = append(eq.plus, i*n+j)
		}
		eqs = append(eqs, eq)
	}
	for j := range n {
		eq := equation{minus: []int{colT(j)}}
		for i := range m {
			eq.plus = append(eq.plus, i*n+j)
		}
		eqs = append(eqs, eq)
	}
	rows, cols := equation{minus: []int{grand}}, equation{minus: []int{grand}}
	for i := range m {
		rows.plus = append(rows.plus, rowT(i))
	}
	for j := range n {
		cols.plus = append(cols.plus, colT(j))
	}
	return append(eqs, rows, cols)
}

// interval is what the attacker learns about one hidden figure.
type interval struct {
	fig    int
	lo, hi float64 // hi is +Inf when unbounded
}

// attack returns the feasible interval of every hidden figure, given every
// published figure and that hidden figures are whole numbers of at least 1.
func attack(figs []figure, eqs []equation) ([]interval, error) {
	vars := map[int]int{} // figure -> LP column
	var hidden []int
	for i, f := range figs {
		if f.cell.Suppressed {
			vars[i] = len(hidden)
			hidden = append(hidden, i)
		}
	}
	A, b := buildSystem(figs, eqs, vars)
	A, b = independentRows(A, b)
	used := usedColumns(A, len(hidden))
	var out []interval
	for k, fig := range hidden {
		if !used[k] {
			out = append(out, interval{fig, 1, math.Inf(1)})
			continue
		}
		lo, hi, err := bounds(A, b, used, k)
		if err != nil {
			return nil, err
		}
		out = append(out, interval{fig, lo + 1, hi + 1})
	}
	return out, nil
}

// buildSystem writes each equation over y = hidden - 1 >= 0.
func buildSystem(figs []figure, eqs []equation, vars map[int]int) ([][]float64, []float64) {
	var A [][]float64
	var b []float64
	for _, eq := range eqs {
		row := make([]float64, len(vars))
		rhs, any := 0.0, false
		side := func(idx []int, sign float64) {
			for _, f := range idx {
				if k, ok := vars[f]; ok {
					row[k] += sign
					rhs -= sign // the 1 taken out of y
					any = true
				} else {
					rhs -= sign * float64(figs[f].cell.Count)
				}
			}
		}
		side(eq.plus, 1)
		side(eq.minus, -1)
		if any {
			A, b = append(A, row), append(b, rhs)
		}
	}
	return A, b
}

// independentRows keeps a maximal set of linearly independent equations
// (the system is consistent: the true table satisfies it).
func independentRows(A [][]float64, b []float64) ([][]float64, []float64) {
	var keptA [][]float64
	var keptB []float64
	var basis [][]float64 // reduced rows, each with its pivot
	var pivots []int
	for r, row := range A {
		v := append([]float64(nil), row...)
		for bi, p := range pivots {
			if f := v[p]; f != 0 {
				for c := range v {
					v[c] -= f * basis[bi][c]
				}
			}
		}
		p := -1
		for c, x := range v {
			if math.Abs(x) > 1e-9 {
				p = c
				break
			}
		}
		if p < 0 {
			continue
		}
		for c := range v {
			v[c] /= v[p]
		}
		basis, pivots = append(basis, v), append(pivots, p)
		keptA, keptB = append(keptA, row), append(keptB, b[r])
	}
	return keptA, keptB
}

func usedColumns(A [][]float64, n int) []bool {
	used := make([]bool, n)
	for _, row := range A {
		for k, x := range row {
			used[k] = used[k] || x != 0
		}
	}
	return used
}

// bounds minimises and maximises column k over the used columns. It starts
// the simplex from artificial variables (a big-M start) because the
// systems here are degenerate and the solver's own start-up fails on them.
func bounds(A [][]float64, b []float64, used []bool, k int) (lo, hi float64, err error) {
	var cols []int
	for c, u := range used {
		if u {
			cols = append(cols, c)
		}
	}
	rows := len(A)
	dense := mat.NewDense(rows, len(cols)+rows, nil)
	rhs := make([]float64, rows)
	basic := make([]int, rows)
	pos := 0
	for i, row := range A {
		sign := 1.0
		if b[i] < 0 {
			sign = -1
		}
		for j, c := range cols {
			dense.Set(i, j, sign*row[c])
			if c == k {
				pos = j
			}
		}
		dense.Set(i, len(cols)+i, 1)
		rhs[i], basic[i] = sign*b[i], len(cols)+i
	}
	const bigM = 1e6
	obj := make([]float64, len(cols)+rows)
	for i := range rows {
		obj[len(cols)+i] = bigM
	}
	obj[pos] = 1
	lo, _, err = lp.Simplex(obj, dense, rhs, 1e-10, basic)
	if err != nil {
		return 0, 0, err
	}
	obj[pos] = -1
	neg, _, err := lp.Simplex(obj, dense, rhs, 1e-10, basic)
	if errors.Is(err, lp.ErrUnbounded) {
		return math.Round(lo), math.Inf(1), nil
	}
	return math.Round(lo), math.Round(-neg), err
}
