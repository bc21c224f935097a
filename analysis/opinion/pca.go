package opinion

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// With mean imputation, a missing vote minus its column mean is zero, so
// the centred matrix C has non-zeros only where people voted. Both PCA
// paths below work on that sparse C and never build the dense
// participants x statements matrix.

// denseCostLimit bounds the work (sum over rows of votes squared) and
// statement count for which C'C is built densely and solved exactly with
// gonum's EigenSym. Measured (BenchmarkPCA, 2 cores): 300 participants x 50
// statements, dense 0.7 ms vs subspace 2.0 ms; 2000x300, 48 ms vs 15 ms;
// 2000x500, 346 ms vs 43 ms (5000x2000: 24 s vs 90 ms). So the dense path
// is kept for small conversations, where it is cheap and exact whatever
// the eigenvalue gaps.
const (
	denseCostLimit = 50_000_000
	denseMaxCols   = 150
	subspaceBlock  = 4 // extra vectors speed up convergence of the top 2
	subspaceIters  = 500
	subspaceTol    = 1e-12
)

// centreVotes stores each vote minus its statement's mean (0 on
// moderated-out statements): the non-zeros of C.
func (c *conversation) centreVotes() {
	c.cv = make([]float64, len(c.vals))
	for k, s := range c.cols {
		if !c.modOut[s] {
			c.cv[k] = float64(c.vals[k]) - c.mean[s]
		}
	}
}

func (c *conversation) centred(k int32) float64 { return c.cv[k] }

// pca returns up to two principal axes (unit vectors over statements) of
// the included participants' centred, imputed votes.
func (c *conversation) pca() [][]float64 {
	nComp := min(2, c.nActive, len(c.pcaRows))
	if nComp == 0 {
		return nil
	}
	c.centreVotes()
	var pcs [][]float64
	if c.nS <= denseMaxCols && c.gramCost() <= denseCostLimit {
		pcs = c.densePCA(nComp)
	} else {
		pcs = c.subspacePCA(nComp)
	}
	for _, v := range pcs {
		fixSign(v)
	}
	return pcs
}

func (c *conversation) gramCost() int {
	cost := 0
	for _, p := range c.pcaRows {
		n := int(c.voteCount(p))
		cost += n * n
	}
	return cost
}

// densePCA builds C'C from the sparse rows and takes its top eigenvectors.
func (c *conversation) densePCA(nComp int) [][]float64 {
	n := c.nS
	data := make([]float64, n*n) // upper triangle used; rows are sorted by statement
	for _, p := range c.pcaRows {
		lo, hi := c.rowStart[p], c.rowStart[p+1]
		for a := lo; a < hi; a++ {
			xa, row := c.cv[a], int(c.cols[a])*n
			for b := a; b < hi; b++ {
				data[row+int(c.cols[b])] += xa * c.cv[b]
			}
		}
	}
	gram := mat.NewSymDense(n, data)
	var eig mat.EigenSym
	if !eig.Factorize(gram, true) {
		return c.subspacePCA(nComp)
	}
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	// EigenSym returns eigenvalues in ascending order.
	pcs := make([][]float64, nComp)
	for i := range pcs {
		pcs[i] = mat.Col(nil, c.nS-1-i, &vecs)
	}
	return pcs
}

// mulC sets out = C v over included participants.
func (c *conversation) mulC(v, out []float64) {
	for i, p := range c.pcaRows {
		sum := 0.0
		for k := c.rowStart[p]; k < c.rowStart[p+1]; k++ {
			sum += c.centred(k) * v[c.cols[k]]
		}
		out[i] = sum
	}
}

// subspacePCA runs block power (subspace) iteration on C'C with a
// Rayleigh-Ritz step, starting from a fixed-seed random block. The block
// is a few vectors of length statements; nothing larger is allocated.
func (c *conversation) subspacePCA(nComp int) [][]float64 {
	b := min(subspaceBlock, c.nActive, len(c.pcaRows))
	rng := rand.New(rand.NewPCG(1, 2))
	v := make([][]float64, b)
	for j := range v {
		v[j] = make([]float64, c.nS)
		for i := range v[j] {
			if !c.modOut[i] {
				v[j][i] = rng.NormFloat64()
			}
		}
	}
	orthonormalise(v)
	next := make([][]float64, b)
	for j := range next {
		next[j] = make([]float64, c.nS)
	}
	var prev [][]float64
	for it := 0; it < subspaceIters; it++ {
		c.applyGram(v, next)
		v, next = next, v
		orthonormalise(v)
		if it%5 != 4 {
			continue
		}
		cur := c.ritz(v, nComp)
		if prev != nil && converged(prev, cur) {
			return cur
		}
		prev = cur
	}
	return c.ritz(v, nComp)
}

// applyGram sets out = C'C v for the whole block in one pass over the
// votes: each row's dot products with v, then its scatter into out.
func (c *conversation) applyGram(v, out [][]float64) {
	b := len(v)
	for j := range out {
		clear(out[j])
	}
	var d [subspaceBlock]float64
	for _, p := range c.pcaRows {
		lo, hi := c.rowStart[p], c.rowStart[p+1]
		d = [subspaceBlock]float64{}
		for k := lo; k < hi; k++ {
			x, s := c.cv[k], c.cols[k]
			for j := 0; j < b; j++ {
				d[j] += x * v[j][s]
			}
		}
		for k := lo; k < hi; k++ {
			x, s := c.cv[k], c.cols[k]
			for j := 0; j < b; j++ {
				out[j][s] += x * d[j]
			}
		}
	}
}

// orthonormalise applies modified Gram-Schmidt twice, which keeps the
// block orthonormal to working precision.
func orthonormalise(v [][]float64) {
	for pass := 0; pass < 2; pass++ {
		for j := range v {
			for i := 0; i < j; i++ {
				d := dot(v[i], v[j])
				for k := range v[j] {
					v[j][k] -= d * v[i][k]
				}
			}
			n := math.Sqrt(dot(v[j], v[j]))
			if n == 0 {
				continue
			}
			for k := range v[j] {
				v[j][k] /= n
			}
		}
	}
}

// ritz returns the top nComp Ritz vectors of C'C in the subspace spanned
// by the orthonormal vectors v.
func (c *conversation) ritz(v [][]float64, nComp int) [][]float64 {
	b := len(v)
	cv := make([][]float64, b)
	for j := range v {
		cv[j] = make([]float64, len(c.pcaRows))
		c.mulC(v[j], cv[j])
	}
	small := mat.NewSymDense(b, nil)
	for i := 0; i < b; i++ {
		for j := i; j < b; j++ {
			small.SetSym(i, j, dot(cv[i], cv[j]))
		}
	}
	var eig mat.EigenSym
	eig.Factorize(small, true)
	var w mat.Dense
	eig.VectorsTo(&w)
	pcs := make([][]float64, nComp)
	for i := range pcs {
		col := b - 1 - i // eigenvalues ascend
		pcs[i] = make([]float64, c.nS)
		for j := range v {
			wj := w.At(j, col)
			for k := range pcs[i] {
				pcs[i][k] += wj * v[j][k]
			}
		}
		fixSign(pcs[i])
	}
	return pcs
}

func converged(prev, cur [][]float64) bool {
	for i := range cur {
		if 1-math.Abs(dot(prev[i], cur[i])) > subspaceTol {
			return false
		}
	}
	return true
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// fixSign makes the largest-magnitude entry positive (the first, on ties)
// so that the axes do not flip between runs or platforms.
func fixSign(v []float64) {
	best := 0
	for i, x := range v {
		if math.Abs(x) > math.Abs(v[best])+1e-12 {
			best = i
		}
	}
	if v[best] < 0 {
		for i := range v {
			v[i] = -v[i]
		}
	}
}

// project places every participant who voted in the plane of pcs using
// only their own votes, scaled by sqrt(active statements / their active
// votes) as Polis does. Rows are canonical participants; non-voters get
// (0, 0).
func (c *conversation) project(pcs [][]float64) [][2]float64 {
	proj := make([][2]float64, c.nP)
	if len(pcs) == 0 {
		return proj
	}
	for p := int32(0); int(p) < c.nP; p++ {
		var xy [2]float64
		n := 0
		for k := c.rowStart[p]; k < c.rowStart[p+1]; k++ {
			if c.modOut[c.cols[k]] {
				continue
			}
			n++
			x := c.centred(k)
			for i, pc := range pcs {
				xy[i] += x * pc[c.cols[k]]
			}
		}
		scale := math.Sqrt(float64(c.nActive) / float64(max(n, 1)))
		proj[p] = [2]float64{xy[0] * scale, xy[1] * scale}
	}
	return proj
}
