package opinion

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func plantedConversation(t testing.TB, spec SyntheticSpec) *conversation {
	t.Helper()
	in, _ := Synthetic(spec)
	c, err := newConversation(in)
	if err != nil {
		t.Fatal(err)
	}
	c.include(Options{}.withDefaults())
	c.choosePCARows(Options{})
	c.computeMeans()
	c.centreVotes()
	return c
}

// denseSVDAxes computes the top right singular vectors of the explicitly
// imputed, centred matrix, independently of the sparse code paths.
func denseSVDAxes(c *conversation) [][]float64 {
	x := mat.NewDense(len(c.pcaRows), c.nS, nil)
	for i, p := range c.pcaRows {
		cols, vals := c.votesOf(p)
		for s := 0; s < c.nS; s++ {
			x.Set(i, s, c.mean[s]) // imputed
		}
		for k, s := range cols {
			if !c.modOut[s] {
				x.Set(i, int(s), float64(vals[k]))
			}
		}
	}
	for s := 0; s < c.nS; s++ { // centre each column
		col := mat.Col(nil, s, x)
		m := 0.0
		for _, v := range col {
			m += v
		}
		m /= float64(len(col))
		for i := range col {
			x.Set(i, s, col[i]-m)
		}
	}
	var svd mat.SVD
	svd.Factorize(x, mat.SVDThin)
	var v mat.Dense
	svd.VTo(&v)
	return [][]float64{mat.Col(nil, 0, &v), mat.Col(nil, 1, &v)}
}

func TestPCAPathsMatchDenseSVD(t *testing.T) {
	c := plantedConversation(t, SyntheticSpec{Participants: 400, Statements: 80, Votes: 400 * 25, Groups: 3, Agreement: 0.8, PassRate: 0.2, Seed: 9})
	want := denseSVDAxes(c)
	for name, got := range map[string][][]float64{"dense": c.densePCA(2), "subspace": c.subspacePCA(2)} {
		for i := range want {
			if d := math.Abs(dot(got[i], want[i])); d < 1-1e-8 {
				t.Errorf("%s axis %d: |cos| with SVD = %.12f", name, i, d)
			}
		}
	}
}

func TestFixSignDeterministic(t *testing.T) {
	v := []float64{0.1, -0.9, 0.3}
	fixSign(v)
	if v[1] != 0.9 || v[0] != -0.1 {
		t.Errorf("fixSign = %v, want largest entry positive", v)
	}
}

// BenchmarkPCA compares the exact dense path (gonum EigenSym on C'C) with
// sparse subspace iteration on mid-sized conversations.
func BenchmarkPCA(b *testing.B) {
	for _, size := range []struct{ p, s, v int }{{300, 50, 9_000}, {2000, 300, 60_000}, {2000, 500, 100_000}} {
		c := plantedConversation(b, SyntheticSpec{Participants: size.p, Statements: size.s, Votes: size.v, Groups: 3, Agreement: 0.8, PassRate: 0.15, Seed: 1})
		name := fmt.Sprintf("%dx%d", size.p, size.s)
		b.Run(name+"/dense", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				c.densePCA(2)
			}
		})
		b.Run(name+"/subspace", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				c.subspacePCA(2)
			}
		})
	}
}
