package screen

// Anchors make the pattern index selective. A pattern can only match a
// sentence that contains, for each of its required elements, at least one
// stem of one of that element's alternatives. So each pattern gets one
// anchor element, the one whose stems are rarest in ordinary text, and a
// sentence only tries the patterns whose anchor stems it contains. Without
// this, every "my" or "the" in a sentence tried some ninety staff patterns
// ("my probation officer ...", "the screw ...") from scratch.

// commonStems are stems so frequent in contributions that anchoring on
// them would filter nothing. The list only affects speed, never results:
// a pattern anchored on a common stem is still matched correctly.
var commonStems = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"i", "me", "my", "myself", "you", "your", "he", "him", "his", "she", "her", "it",
		"we", "us", "our", "they", "them", "their", "a", "an", "the", "this", "that",
		"these", "those", "and", "or", "but", "if", "so", "to", "of", "in", "on", "at",
		"for", "with", "from", "by", "up", "out", "off", "about", "into", "over", "down",
		"be", "have", "do", "get", "go", "say", "tell", "make", "know", "think", "want",
		"not", "no", "will", "would", "can", "could", "should", "just", "all", "some",
		"one", "any", "what", "when", "who", "how", "there", "here", "now", "then",
		"again", "still", "more", "very", "really", "like", "keep", "come", "take",
		"give", "wing", "someone", "people", "is", "am", "are", "was",
	} {
		m[stem(w)] = true
	}
	return m
}()

// stemCost rates a stem as an anchor: common stems are poor.
func stemCost(id int32) int {
	if commonStems[stemName(id)] {
		return 1000
	}
	return 1
}

// anchorStems returns, for the best anchor element of p, one stem per
// alternative (the rarest in that alternative), or nil when no element can
// anchor (every element optional, a gap or a prefix), in which case the
// pattern is tried on every sentence.
func anchorStems(p *pattern) []int32 {
	var best []int32
	bestCost := -1
	for i := range p.elems {
		e := &p.elems[i]
		if e.optional || e.gap > 0 || e.atEnd || len(e.prefixes) > 0 || len(e.alts) == 0 {
			continue
		}
		stems, cost := elementAnchor(e)
		if bestCost < 0 || cost < bestCost {
			best, bestCost = stems, cost
		}
	}
	return best
}

// elementAnchor picks the rarest stem of each alternative of e and sums
// their costs.
func elementAnchor(e *element) ([]int32, int) {
	var stems []int32
	cost := 0
	for _, alts := range e.alts {
		for _, alt := range alts {
			pick := alt[0]
			for _, s := range alt[1:] {
				if stemCost(s) < stemCost(pick) {
					pick = s
				}
			}
			stems = append(stems, pick)
			cost += stemCost(pick)
		}
	}
	return stems, cost
}
