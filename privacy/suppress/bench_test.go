package suppress_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"peervoice/privacy/suppress"
)

// sparseTable is a table like sites x themes in a small programme: many
// small counts and zeros.
func sparseTable(m, n int) [][]int {
	r := rand.New(rand.NewPCG(1, 2))
	counts := make([][]int, m)
	for i := range counts {
		counts[i] = make([]int, n)
		for j := range counts[i] {
			counts[i][j] = r.IntN(15)
		}
	}
	return counts
}

func BenchmarkSuppress(b *testing.B) {
	for _, size := range [][2]int{{7, 6}, {20, 10}, {40, 20}} {
		counts := sparseTable(size[0], size[1])
		rows, cols := labels("r", size[0]), labels("c", size[1])
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			var tab suppress.Table
			var err error
			for b.Loop() {
				if tab, err = suppress.Suppress(counts, rows, cols, 5); err != nil {
					b.Fatal(err)
				}
			}
			reportLoss(b, counts, tab, 5)
		})
	}
}

func BenchmarkList(b *testing.B) {
	counts := map[string]int{}
	for i, n := range sparseTable(1, 30)[0] {
		counts[fmt.Sprintf("site %d", i)] = n
	}
	for b.Loop() {
		if _, err := suppress.List(counts, 5); err != nil {
			b.Fatal(err)
		}
	}
}

// reportLoss records how much of the body the suppression costs: the share
// of cells that are small (primary) and the share hidden in all.
func reportLoss(b *testing.B, counts [][]int, tab suppress.Table, threshold int) {
	small, hidden, cells := 0, 0, 0
	for i, row := range counts {
		for j, n := range row {
			cells++
			if n >= 1 && n < threshold {
				small++
			}
			if tab.Cells[i][j].Suppressed {
				hidden++
			}
		}
	}
	b.ReportMetric(100*float64(small)/float64(cells), "%small")
	b.ReportMetric(100*float64(hidden)/float64(cells), "%hidden")
}
