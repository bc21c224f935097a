package screen

import (
	"cmp"
	"slices"
	"sync"
)

// patternSet is a list of patterns indexed by the stems their first
// element can start with, so a sentence is only tried against patterns
// whose first word it contains. That turns screening from
// patterns x positions into roughly tokens x (a few candidates).
type patternSet struct {
	pats     []pattern
	byStem   denseIndex       // starting stem id -> pattern indexes
	byPrefix map[string][]int // first two letters of a starting prefix~ -> pattern indexes
	always   []int            // patterns that can start with a gap or consume nothing
	// byAnchor maps an anchor stem to the patterns it anchors (anchor.go);
	// unanchored patterns are always candidates.
	byAnchor   denseIndex
	unanchored []int
	required   [][][]int32 // per pattern: the first-stem ids of each required element
}

// hit is one match of pattern pat over tokens [start, end).
type hit struct {
	pat, start, end int
}

func newPatternSet(pats []pattern) patternSet {
	ps := patternSet{pats: pats}
	ps.required = make([][][]int32, len(pats))
	for i := range pats {
		ps.addAnchor(i)
		ps.required[i] = requiredStems(&pats[i])
		ps.addStarts(i)
	}
	return ps
}

// addStarts indexes pattern i by every word it can start on: the first
// element's stems and prefixes and, while elements are optional, the
// next element's too ("?really want to die" can start on "really" or
// "want"). Prefixes are indexed by their first two letters, which every
// word they match shares.
func (ps *patternSet) addStarts(i int) {
	for _, e := range ps.pats[i].elems {
		if e.gap > 0 || e.atEnd {
			break
		}
		for stem := range e.alts {
			ps.byStem.add(stem, i)
		}
		for _, pre := range e.prefixes {
			if len(pre) < 2 {
				ps.always = append(ps.always, i)
				return
			}
			ps.addPrefix(pre[:2], i)
		}
		if !e.optional {
			return
		}
	}
	ps.always = append(ps.always, i)
}

func (ps *patternSet) addPrefix(key string, i int) {
	if ps.byPrefix == nil {
		ps.byPrefix = map[string][]int{}
	}
	list := ps.byPrefix[key]
	if len(list) == 0 || list[len(list)-1] != i {
		ps.byPrefix[key] = append(list, i)
	}
}

// prefixStarts lists the patterns a word may start by prefix.
func (ps *patternSet) prefixStarts(t token) []int {
	if ps.byPrefix == nil || len(t.surface) < 2 {
		return nil
	}
	return ps.byPrefix[t.surface[:2]]
}

func (ps *patternSet) addAnchor(i int) {
	stems := anchorStems(&ps.pats[i])
	if stems == nil {
		ps.unanchored = append(ps.unanchored, i)
		return
	}
	for _, st := range stems {
		ps.byAnchor.add(st, i)
	}
}

// denseIndex maps stem ids to pattern indexes with a slice, not a map:
// ids are small and dense, and this lookup runs for every token.
type denseIndex [][]int

// add appends pattern i under id, once.
func (d *denseIndex) add(id int32, i int) {
	for int(id) >= len(*d) {
		*d = append(*d, nil)
	}
	list := (*d)[id]
	if len(list) == 0 || list[len(list)-1] != i {
		(*d)[id] = append(list, i)
	}
}

func (d denseIndex) get(id int32) []int {
	if int(id) < len(d) {
		return d[id]
	}
	return nil
}

// minAnchoredSet is the size below which filtering by anchors costs more
// than it saves: the cue and weak-signal sets have a few dozen patterns.
const minAnchoredSet = 64

// Candidate states, per pattern, while screening one sentence.
const (
	unchecked uint8 = iota
	candidate
	ruledOut
)

// scratch is the per-call working memory of candidates, pooled because
// the rule set has hundreds of patterns and every sentence needs a fresh
// state for each.
type scratch struct {
	state   []uint8
	present []uint64
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// candidates marks the patterns whose anchor stems occur in s and whose
// required elements all have a stem in s: the only ones that can match.
// A nil state means every pattern is a candidate. Callers give sc back to
// scratchPool when done.
func (ps *patternSet) candidates(s sentence) (*scratch, []uint8) {
	if len(ps.pats) < minAnchoredSet {
		return nil, nil
	}
	sc := scratchPool.Get().(*scratch)
	state := resetBytes(&sc.state, len(ps.pats))
	present := sc.presence(s)
	for _, pi := range ps.unanchored {
		state[pi] = ps.check(pi, present)
	}
	for _, t := range s {
		for _, pi := range ps.byAnchor.get(t.id) {
			if state[pi] == unchecked {
				state[pi] = ps.check(pi, present)
			}
		}
	}
	return sc, state
}

func (ps *patternSet) check(pi int, present []uint64) uint8 {
	if ps.allPresent(pi, present) {
		return candidate
	}
	return ruledOut
}

func resetBytes(b *[]uint8, n int) []uint8 {
	if cap(*b) < n {
		*b = make([]uint8, n)
	}
	*b = (*b)[:n]
	clear(*b)
	return *b
}

// presence is the set of stem ids in s, as a bitset.
func (sc *scratch) presence(s sentence) []uint64 {
	var maxID int32
	for _, t := range s {
		maxID = max(maxID, t.id)
	}
	n := int(maxID/64 + 1)
	if cap(sc.present) < n {
		sc.present = make([]uint64, n)
	}
	bits := sc.present[:n]
	clear(bits)
	for _, t := range s {
		bits[t.id/64] |= 1 << (t.id % 64)
	}
	return bits
}

// allPresent reports whether every required element of pattern pi has one
// of its first stems in the sentence: a cheap necessary condition for a
// match, checked before the backtracking matcher runs.
func (ps *patternSet) allPresent(pi int, present []uint64) bool {
	for _, keys := range ps.required[pi] {
		if !anyPresent(keys, present) {
			return false
		}
	}
	return true
}

func anyPresent(keys []int32, present []uint64) bool {
	for _, k := range keys {
		if int(k/64) < len(present) && present[k/64]&(1<<(k%64)) != 0 {
			return true
		}
	}
	return false
}

// requiredStems lists, for each element a match must consume a word for
// (not optional, not a gap, no prefix alternatives), its first-stem ids,
// rarest elements first so that allPresent rules a pattern out quickly.
func requiredStems(p *pattern) [][]int32 {
	type req struct {
		keys []int32
		cost int
	}
	var reqs []req
	for i := range p.elems {
		e := &p.elems[i]
		if e.optional || e.gap > 0 || e.atEnd || len(e.prefixes) > 0 || len(e.alts) == 0 {
			continue
		}
		keys := make([]int32, 0, len(e.alts))
		for k := range e.alts {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		_, cost := elementAnchor(e)
		reqs = append(reqs, req{keys, cost})
	}
	slices.SortStableFunc(reqs, func(a, b req) int { return cmp.Compare(a.cost, b.cost) })
	out := make([][]int32, len(reqs))
	for i, r := range reqs {
		out[i] = r.keys
	}
	return out
}

// matches returns every match in s, ordered by pattern and then start, so
// callers see each pattern's earliest match first.
func (ps *patternSet) matches(s sentence) []hit {
	var hits []hit
	sc, state := ps.candidates(s)
	if sc != nil {
		defer scratchPool.Put(sc)
	}
	try := func(pi, start int) {
		if state != nil && state[pi] != candidate {
			return
		}
		if end := ps.pats[pi].match(s, start); end >= 0 {
			hits = append(hits, hit{pi, start, end})
		}
	}
	for start, t := range s {
		for _, pi := range ps.byStem.get(t.id) {
			try(pi, start)
		}
		for _, pi := range ps.prefixStarts(t) {
			try(pi, start)
		}
		for _, pi := range ps.always {
			try(pi, start)
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		return cmp.Or(cmp.Compare(a.pat, b.pat), cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end))
	})
	return dedupe(hits)
}

// dedupe drops repeats from sorted hits: a pattern indexed under both a
// stem and a prefix can be tried twice at one start.
func dedupe(hits []hit) []hit {
	out := hits[:0]
	for i, h := range hits {
		if i == 0 || h != hits[i-1] {
			out = append(out, h)
		}
	}
	return out
}
