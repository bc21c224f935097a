package screen

import "sort"

// patternSet is a list of patterns indexed by the stems their first
// element can start with, so a sentence is only tried against patterns
// whose first word it contains. That turns screening from
// patterns x positions into roughly tokens x (a few candidates).
type patternSet struct {
	pats   []pattern
	byStem map[string][]int // first-element stem -> pattern indexes
	always []int            // patterns whose first element is a prefix or optional
}

// hit is one match of pattern pat over tokens [start, end).
type hit struct {
	pat, start, end int
}

func newPatternSet(pats []pattern) patternSet {
	ps := patternSet{pats: pats, byStem: map[string][]int{}}
	for i := range pats {
		first := &pats[i].elems[0]
		if first.optional || len(first.prefixes) > 0 {
			ps.always = append(ps.always, i)
			continue
		}
		for stem := range first.alts {
			ps.byStem[stem] = append(ps.byStem[stem], i)
		}
	}
	return ps
}

// matches returns every match in s, ordered by pattern and then start, so
// callers see each pattern's earliest match first.
func (ps *patternSet) matches(s sentence) []hit {
	var hits []hit
	try := func(pi, start int) {
		if end := ps.pats[pi].match(s, start); end >= 0 {
			hits = append(hits, hit{pi, start, end})
		}
	}
	for start, t := range s {
		for _, pi := range ps.byStem[t.stem] {
			try(pi, start)
		}
		for _, pi := range ps.always {
			try(pi, start)
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].pat != hits[j].pat {
			return hits[i].pat < hits[j].pat
		}
		return hits[i].start < hits[j].start
	})
	return hits
}
