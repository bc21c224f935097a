package opinion

import (
	"cmp"
	"slices"
)

// clustering is the outcome of the two k-means levels.
type clustering struct {
	baseCenters []point
	baseSize    []float64
	baseGroup   []int // base cluster -> group
	k           int
	silhouettes []KSilhouette
	groupOf     []int // canonical participant -> group, -1 if not clustered
	members     [][]int32
}

// cluster groups the included participants: base clusters first, then
// groups of base clusters for each k, keeping the k with the best
// silhouette (the smaller k on ties).
func (c *conversation) cluster(proj []point, opts Options) clustering {
	cl := clustering{groupOf: make([]int, c.nP)}
	for i := range cl.groupOf {
		cl.groupOf[i] = -1
	}
	if len(c.incl) == 0 {
		return cl
	}
	pts := make([]point, len(c.incl))
	for i, p := range c.incl {
		pts[i] = proj[p]
	}
	centers, base := kmeans(pts, nil, opts.BaseK, opts.BaseIters)
	cl.baseCenters = centers
	cl.baseSize = make([]float64, len(centers))
	for _, b := range base {
		cl.baseSize[b]++
	}
	cl.chooseGroups(opts)
	cl.assignMembers(c.incl, base)
	return cl
}

// maxGroups is Polis' cap on k: few base clusters cannot support many groups.
func maxGroups(nBase, maxK int) int {
	return min(maxK, 2+nBase/12, nBase)
}

func (cl *clustering) chooseGroups(opts Options) {
	nBase := len(cl.baseCenters)
	cl.k, cl.baseGroup = 1, make([]int, nBase)
	best := 0.0
	for k := 2; k <= maxGroups(nBase, opts.MaxK); k++ {
		centers, labels := kmeans(cl.baseCenters, cl.baseSize, k, opts.GroupIters)
		if len(centers) < 2 {
			continue
		}
		s := silhouette(cl.baseCenters, cl.baseSize, labels, len(centers), opts.WeightedSilhouette)
		cl.silhouettes = append(cl.silhouettes, KSilhouette{K: k, Groups: len(centers), Silhouette: s})
		if cl.k == 1 || s > best {
			cl.k, cl.baseGroup, best = len(centers), labels, s
		}
	}
}

// assignMembers fills groupOf and members, numbering groups by size
// (largest first, then by earliest member) so IDs are stable.
func (cl *clustering) assignMembers(incl []int32, base []int) {
	members := make([][]int32, cl.k)
	for i, p := range incl {
		g := cl.baseGroup[base[i]]
		members[g] = append(members[g], p)
	}
	slices.SortStableFunc(members, func(a, b []int32) int {
		if len(a) != len(b) {
			return cmp.Compare(len(b), len(a))
		}
		return cmp.Compare(a[0], b[0])
	})
	cl.members = members
	for g, ms := range members {
		for _, p := range ms {
			cl.groupOf[p] = g
		}
	}
}
