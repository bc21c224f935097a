package opinion

import "math"

type point = [2]float64

func dist(a, b point) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

// kmeans clusters pts, weighted by w (nil means all 1), into at most k
// clusters. Like Polis it starts from the first k distinct points and
// drops clusters that end up empty, so the result may have fewer than k.
// It stops when no assignment changes or after iters steps.
func kmeans(pts []point, w []float64, k, iters int) (centers []point, assign []int) {
	centers = firstDistinct(pts, k)
	assign = make([]int, len(pts))
	for i := range assign {
		assign[i] = -1
	}
	for it := 0; it < iters; it++ {
		changed := assignNearest(pts, centers, assign)
		var dropped bool
		centers, dropped = recentre(pts, w, assign, len(centers))
		if !changed && !dropped {
			break
		}
	}
	return centers, assign
}

// firstDistinct returns the first k distinct points in order.
func firstDistinct(pts []point, k int) []point {
	var out []point
	seen := make(map[point]bool)
	for _, p := range pts {
		if len(out) == k {
			break
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// assignNearest moves each point to its nearest centre (the lowest index on
// ties) and reports whether anything moved.
func assignNearest(pts, centers []point, assign []int) bool {
	changed := false
	for i, p := range pts {
		best, bestD := 0, math.Inf(1)
		for j, c := range centers {
			dx, dy := p[0]-c[0], p[1]-c[1]
			if d := dx*dx + dy*dy; d < bestD {
				best, bestD = j, d
			}
		}
		if assign[i] != best {
			assign[i], changed = best, true
		}
	}
	return changed
}

// recentre moves each centre to the weighted mean of its points, dropping
// empty clusters and renumbering assignments to match.
func recentre(pts []point, w []float64, assign []int, k int) ([]point, bool) {
	sum := make([]point, k)
	wt := make([]float64, k)
	for i, p := range pts {
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		a := assign[i]
		sum[a][0] += wi * p[0]
		sum[a][1] += wi * p[1]
		wt[a] += wi
	}
	renum := make([]int, k)
	var centers []point
	for j := range sum {
		renum[j] = len(centers)
		if wt[j] > 0 {
			centers = append(centers, point{sum[j][0] / wt[j], sum[j][1] / wt[j]})
		}
	}
	if len(centers) == k {
		return centers, false
	}
	for i := range assign {
		assign[i] = renum[assign[i]]
	}
	return centers, true
}

// silhouette scores a clustering of pts into labels 0..k-1. When weighted,
// point i stands for w[i] coincident participants (a base cluster), which
// gives the participant-level silhouette; otherwise each point counts once,
// as in Polis' code. A point alone in its cluster scores 0.
func silhouette(pts []point, w []float64, labels []int, k int, weighted bool) float64 {
	if !weighted {
		w = ones(len(pts))
	}
	total, wsum := 0.0, 0.0
	for i := range pts {
		total += w[i] * silhouetteOf(i, pts, w, labels, k, weighted)
		wsum += w[i]
	}
	if wsum == 0 {
		return 0
	}
	return total / wsum
}

func silhouetteOf(i int, pts []point, w []float64, labels []int, k int, weighted bool) float64 {
	sum := make([]float64, k)
	cnt := make([]float64, k)
	for j := range pts {
		if j != i {
			sum[labels[j]] += w[j] * dist(pts[i], pts[j])
			cnt[labels[j]] += w[j]
		}
	}
	own := labels[i]
	if weighted {
		cnt[own] += w[i] - 1 // the other participants sharing point i, at distance 0
	}
	if cnt[own] <= 0 {
		return 0
	}
	a := sum[own] / cnt[own]
	b := math.Inf(1)
	for g := 0; g < k; g++ {
		if g != own && cnt[g] > 0 {
			b = min(b, sum[g]/cnt[g])
		}
	}
	if math.IsInf(b, 1) || max(a, b) == 0 {
		return 0
	}
	return (b - a) / max(a, b)
}

func ones(n int) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1
	}
	return w
}
