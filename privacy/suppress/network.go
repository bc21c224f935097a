package suppress

import (
	"cmp"
	"errors"
	"math"
	"slices"
)

// A table with its totals is modelled as a flow circulation: every sum
// "total = part + part + ..." is flow conservation at a node, and every cell
// or total is an edge carrying its count. For a two-way table the nodes are a
// source, a sink, one node per row and one per column; cell (i, j) runs from
// row i to column j, a row total from the source to its row, a column total
// from its column to the sink, and the grand total from the sink back to the
// source.
//
// A reader knows the published edges exactly. Two tables agreeing on them
// differ by a circulation on the hidden edges, which splits into cycles, so a
// hidden edge can take another value exactly when it can change by one along
// a cycle of the residual graph: any hidden edge can go up, and a hidden edge
// can go down only while it stays at least 1.

// edge is one count in the circulation.
type edge struct {
	from, to int
	value    int
	total    bool // a margin rather than a body cell; kept when there is a choice
	hidden   bool
}

// network is the circulation for one table or list.
type network struct {
	nodes int
	edges []edge
	inc   [][]int // edge indices incident to each node
}

// errUnprotectable means no cycle could be closed through a pinned edge. It
// cannot happen: the totals over a hidden count are non-zero, so hiding them
// always closes a cycle through it.
var errUnprotectable = errors.New("suppress: no suppression pattern protects the table")

func newNetwork(nodes int) *network {
	return &network{nodes: nodes, inc: make([][]int, nodes)}
}

func (g *network) add(from, to, value int, total bool) {
	g.inc[from] = append(g.inc[from], len(g.edges))
	g.inc[to] = append(g.inc[to], len(g.edges))
	g.edges = append(g.edges, edge{from: from, to: to, value: value, total: total})
}

// hidePrimary hides every small count.
func (g *network) hidePrimary(threshold int) {
	for i := range g.edges {
		g.edges[i].hidden = isSmall(g.edges[i].value, threshold)
	}
}

// protect adds secondary suppressions until no hidden edge is pinned, then
// publishes again any secondary suppression that turned out not to be needed.
func (g *network) protect() error {
	primary := g.hiddenEdges()
	for e := g.firstPinned(); e >= 0; e = g.firstPinned() {
		path := g.cheapestCycle(e)
		if len(path) == 0 {
			return errUnprotectable
		}
		for _, c := range path {
			g.edges[c].hidden = true
		}
	}
	g.prune(primary)
	return nil
}

// hiddenEdges returns a copy of the hidden flags.
func (g *network) hiddenEdges() []bool {
	out := make([]bool, len(g.edges))
	for i, e := range g.edges {
		out[i] = e.hidden
	}
	return out
}

// prune tries to publish each secondary suppression again, largest first,
// and keeps it published when the table stays protected. Greedy cycles can
// overlap, so some complements end up doing nothing.
func (g *network) prune(primary []bool) {
	var secondary []int
	for i, e := range g.edges {
		if e.hidden && !primary[i] {
			secondary = append(secondary, i)
		}
	}
	slices.SortFunc(secondary, func(a, b int) int { return g.cheaper(b, a) })
	for _, i := range secondary {
		g.edges[i].hidden = false
		if g.firstPinned() >= 0 {
			g.edges[i].hidden = true
		}
	}
}

// firstPinned returns the first hidden edge whose value the published edges
// determine, or -1.
func (g *network) firstPinned() int {
	for i, e := range g.edges {
		if e.hidden && g.pinned(i) {
			return i
		}
	}
	return -1
}

// pinned reports whether hidden edge e can take only its true value.
func (g *network) pinned(e int) bool {
	ed := g.edges[e]
	if g.reachable(ed.to, ed.from, e) {
		return false // it can go up by one around a cycle
	}
	return ed.value < 2 || !g.reachable(ed.from, ed.to, e)
}

// reachable reports whether the residual graph of hidden edges, without edge
// skip, has a path from a to b. A hidden edge can always carry one more unit
// forwards, and one less (a backward step) while its value is at least 2.
func (g *network) reachable(a, b, skip int) bool {
	seen := make([]bool, g.nodes)
	seen[a] = true
	queue := []int{a}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if u == b {
			return true
		}
		for _, i := range g.inc[u] {
			if v, ok := g.step(u, i, skip); ok && !seen[v] {
				seen[v] = true
				queue = append(queue, v)
			}
		}
	}
	return false
}

// step returns the node reached from u along edge i in the residual graph.
func (g *network) step(u, i, skip int) (int, bool) {
	e := g.edges[i]
	switch {
	case i == skip || !e.hidden:
		return 0, false
	case e.from == u:
		return e.to, true
	case e.value >= 2:
		return e.from, true
	}
	return 0, false
}

// cheapestCycle returns the published edges to hide so that hidden edge e
// can go up by one: the cheapest path from e's head back to its tail, where
// hidden edges are free and a published edge costs about its count (totals
// cost a little more, so they stay published when there is a choice).
// Published edges are all zero or at least the threshold, and zeros are
// never hidden, so every usable published edge can be walked either way.
func (g *network) cheapestCycle(e int) []int {
	const inf = math.MaxInt
	dist := make([]int, g.nodes)
	via := make([]int, g.nodes) // edge used to reach each node
	done := make([]bool, g.nodes)
	for i := range dist {
		dist[i], via[i] = inf, -1
	}
	src, dst := g.edges[e].to, g.edges[e].from
	dist[src] = 0
	for u := g.closest(dist, done); u >= 0 && u != dst; u = g.closest(dist, done) {
		done[u] = true
		for _, i := range g.inc[u] {
			v, cost, ok := g.walk(u, i, e)
			if ok && dist[u]+cost < dist[v] {
				dist[v], via[v] = dist[u]+cost, i
			}
		}
	}
	return g.pathTo(dst, src, via)
}

// closest returns the unfinished node with the smallest finite distance.
func (g *network) closest(dist []int, done []bool) int {
	best := -1
	for u := range dist {
		if !done[u] && dist[u] != math.MaxInt && (best < 0 || dist[u] < dist[best]) {
			best = u
		}
	}
	return best
}

// walk returns where edge i leads from u and what hiding it would cost.
func (g *network) walk(u, i, skip int) (int, int, bool) {
	ed := g.edges[i]
	other := ed.from
	if ed.from == u {
		other = ed.to
	}
	switch {
	case i == skip:
		return 0, 0, false
	case ed.hidden:
		v, ok := g.step(u, i, skip)
		return v, 0, ok
	case ed.value == 0:
		return 0, 0, false
	}
	cost := 4*ed.value + 1
	if ed.total {
		cost += 2
	}
	return other, cost, true
}

// pathTo follows via back from dst to src and returns the published edges.
func (g *network) pathTo(dst, src int, via []int) []int {
	var out []int
	for u := dst; u != src; {
		i := via[u]
		if i < 0 {
			return nil
		}
		if !g.edges[i].hidden {
			out = append(out, i)
		}
		u = g.edges[i].from + g.edges[i].to - u
	}
	return out
}

// cell returns edge i as a published Cell.
func (g *network) cell(i int) Cell {
	return publish(g.edges[i].value, g.edges[i].hidden)
}

// cheaper orders edges by how much information hiding them loses: smaller
// counts first, and body cells before totals of the same size.
func (g *network) cheaper(a, b int) int {
	ea, eb := g.edges[a], g.edges[b]
	if c := cmp.Compare(ea.value, eb.value); c != 0 {
		return c
	}
	if ea.total != eb.total {
		if ea.total {
			return 1
		}
		return -1
	}
	return cmp.Compare(a, b)
}
