package screen

import (
	"cmp"
	"slices"
)

// threshold is the score a trigger needs to flag. A direct trigger starts
// at directWeight and a topic trigger at topicWeight, then cues move it.
const (
	threshold    = 2.0
	directWeight = 5.0
	strongWeight = 2.5
	topicWeight  = 1.0
)

// Cue weights. They are deliberately coarse: one personal cue lifts a topic
// trigger over the threshold, and it takes two policy cues (or fiction) to
// pull it back, because a missed disclosure costs more than a false flag.
const (
	firstPersonWeight  = 2.0
	specificWeight     = 1.5
	intentWeight       = 1.0
	genericWeight      = 1.0
	peopleWeight       = 0.5
	maxGenericPenalty  = 3.0
	fictionPenalty     = 3.5
	hypotheticalWeight = 1.5
	pastGeneralWeight  = 3.0
	maxPastPenalty     = 6.0
	communityPenalty   = 5.0
	// reassuranceWeight is per distinct reassurance cue ("it's nothing
	// serious", "the first aider sorted it", "it's going well"). It
	// dampens topic triggers only, and never self-harm ones, where "it's
	// nothing serious" is how harm gets played down.
	reassuranceWeight  = 3.0
	maxReassurePenalty = 6.0
	negationWindow     = 3 // tokens between a negator and the trigger
	conditionalWindow  = 1 // tokens between "if i" and the trigger: "if i had a phone"
)

// pastExempt lists the categories where the past is the point: historical
// abuse and a history of self-harm. Only their stronger tiers are exempt:
// a topic word in a past-general sentence ("i used to feel hopeless but
// the chaplain helped me") is still dampened. (Undisclosed
// offences are in the past too, but their own triggers say so: "never got
// caught".)
var pastExempt = map[string]bool{
	SelfHarm:        true,
	ChildProtection: true,
}

// sentenceContext holds what one sentence says about who and what it is
// about, computed once per sentence and shared by every rule.
type sentenceContext struct {
	idiom        []bool // tokens inside an idiom
	idiomSpans   []span // the idioms themselves, for masked
	firstPerson  bool
	specific     bool
	intent       bool
	generic      int
	people       int // generic_people cues
	fiction      bool
	hypothetical []int // where hypothetical cues ("if someone", "imagine") start
	pastGeneral  int
	reassurance  int // cues that the matter is harmless or resolved
	recovery     int // the writer says they stopped ("four years clean")
	relapse      int // ... or started again ("cutting again", "relapsed")
	community    bool
	negatorEnds  []int // token index just after each negator
	condEnds     []int // token index just after each conditional ("if i")
}

// analyse finds the idioms and cues of a sentence. Opinion frames ("i
// think", "in my opinion") are masked for cue-finding so that their "i"
// does not make policy talk look personal.
func (e *engine) analyse(s sentence) *sentenceContext {
	ctx := &sentenceContext{idiomSpans: e.findIdioms(s)}
	ctx.idiom = spansMask(ctx.idiomSpans, len(s))
	all := e.cueAll.matches(s)
	cue := func(name string) []hit { return e.cueHits(all, name) }
	opinion := markAll(opinionFrames(cue("opinion"), s), len(s), ctx.idiom)
	skip := orMasks(ctx.idiom, opinion)
	count := func(name string) int { return countCue(cue(name), skip) }
	ctx.firstPerson = count("first_person") > 0
	ctx.specific = count("specific") > 0
	ctx.intent = count("intent") > 0
	ctx.generic = count("generic")
	ctx.people = count("generic_people")
	ctx.fiction = count("fiction") > 0
	ctx.hypothetical = matchStarts(cue("hypothetical"), skip)
	ctx.pastGeneral = count("past_general")
	ctx.reassurance = count("reassurance")
	ctx.recovery = count("recovery")
	ctx.relapse = count("relapse")
	ctx.community = count("community") > 0
	ctx.negatorEnds = matchEnds(cue("negator"))
	ctx.condEnds = matchEnds(cue("conditional"))
	return ctx
}

// cueHits picks one cue's hits out of all cue hits, which matches sorts
// by pattern index, so each cue's hits are one contiguous run.
func (e *engine) cueHits(all []hit, name string) []hit {
	r := e.cueRange[name]
	lo, _ := slices.BinarySearchFunc(all, r[0], func(h hit, p int) int { return cmp.Compare(h.pat, p) })
	hi, _ := slices.BinarySearchFunc(all, r[1], func(h hit, p int) int { return cmp.Compare(h.pat, p) })
	return all[lo:hi]
}

// score is the evidence that a trigger at start is a disclosure: the
// tier's base weight, raised by personal cues and lowered by signs of talk
// rather than disclosure.
func (c *sentenceContext) score(r *rule, start int) float64 {
	if r.tier == tierDirect {
		return c.directScore(r)
	}
	base := topicWeight
	if r.tier == tierStrong {
		base = strongWeight
	}
	return base + c.personalBoost() - c.talkPenalty(start) - c.settingPenalty(r)
}

// personalBoost rewards the cues that make a sentence about someone.
func (c *sentenceContext) personalBoost() float64 {
	var b float64
	if c.firstPerson {
		b += firstPersonWeight
	}
	if c.specific {
		b += specificWeight
	}
	if c.intent {
		b += intentWeight
	}
	return b
}

// talkPenalty weighs policy talk, hypotheticals and fiction.
func (c *sentenceContext) talkPenalty(start int) float64 {
	p := min(float64(c.generic)*genericWeight+float64(c.people)*peopleWeight, maxGenericPenalty)
	if !c.firstPerson && startsBefore(c.hypothetical, start) {
		// "what if someone had a phone" is talk; "if they move me i'll..."
		// is the writer's own plan, and conditional() handles "if i had".
		// A trailing "if" ("...hostage if they don't sort the food") sets a
		// condition on a plan, so only an "if" before the trigger counts.
		p += hypotheticalWeight
	}
	if c.fiction {
		p += fictionPenalty
	}
	return p
}

// settingPenalty weighs when and where: the general past ("used to",
// "years ago"), for security life outside custody, and for topic triggers
// the writer's own word that the matter is harmless or sorted.
func (c *sentenceContext) settingPenalty(r *rule) float64 {
	var p float64
	if !pastExempt[r.category] || r.tier == tierTopic {
		p += min(float64(c.pastGeneral)*pastGeneralWeight, maxPastPenalty)
	}
	if c.community && r.category == Security {
		p += communityPenalty
	}
	if r.tier == tierTopic && r.category != SelfHarm {
		p += min(float64(c.reassurance)*reassuranceWeight, maxReassurePenalty)
	}
	return p
}

// directScore lets only fiction touch a direct trigger ("in the film he
// says i'll kill you"), and never a self-harm one: "that film made me want
// to kill myself" is about the writer.
func (c *sentenceContext) directScore(r *rule) float64 {
	if c.fiction && r.category != SelfHarm {
		return directWeight - fictionPenalty
	}
	return directWeight
}

// masked reports whether a match is hidden by an idiom. A hard idiom hides
// any trigger it overlaps ("die" in "i'd die for a coffee"); a soft one only
// triggers that lie wholly inside it, so "refuse to bang up" survives the
// soft idiom "bang up".
func (c *sentenceContext) masked(start, end int) bool {
	for _, sp := range c.idiomSpans {
		overlap := sp.start < end && start < sp.end
		inside := sp.start <= start && end <= sp.end
		if overlap && (!sp.soft || inside) {
			return true
		}
	}
	return false
}

// span is a half-open token range [start, end) matched by an idiom.
type span struct {
	start, end int
	soft       bool
}

// findIdioms lists every idiom match in s.
func (e *engine) findIdioms(s sentence) []span {
	hits := e.idiomSet.matches(s)
	out := make([]span, len(hits))
	for i, h := range hits {
		out[i] = span{h.start, h.end, e.idioms[h.pat].soft}
	}
	return out
}

func spansMask(spans []span, n int) []bool {
	mask := make([]bool, n)
	for _, sp := range spans {
		for i := sp.start; i < sp.end; i++ {
			mask[i] = true
		}
	}
	return mask
}

// negated reports whether a negator ends shortly before start, in the
// same clause.
func (c *sentenceContext) negated(s sentence, start int) bool {
	return endsNear(c.negatorEnds, s, start, negationWindow)
}

// conditional reports whether "if ..." ends shortly before start.
func (c *sentenceContext) conditional(s sentence, start int) bool {
	return endsNear(c.condEnds, s, start, conditionalWindow)
}

// clauseBreaks stop a negation reaching across clauses: in "for nothing
// and says he'll make my life hell" the "nothing" does not negate "make".
var clauseBreaks = map[string]bool{
	"and": true, "but": true, "so": true, "because": true, "then": true, "or": true,
	"when": true, "while": true, "say": true, "tell": true, "think": true,
}

func endsNear(ends []int, s sentence, start, window int) bool {
	for _, end := range ends {
		if end <= start && start-end <= window && !breaksBetween(s, end, start) {
			return true
		}
	}
	return false
}

func breaksBetween(s sentence, from, to int) bool {
	for i := from; i < to; i++ {
		if clauseBreaks[s[i].stem] {
			return true
		}
	}
	return false
}

// opinionFrames drops "frames" that are really the writer's own thoughts:
// "i think about ways to do it" is not "i think staff should...".
func opinionFrames(hits []hit, s sentence) []hit {
	out := hits[:0:0]
	for _, h := range hits {
		if h.end < len(s) && (s[h.end].stem == "about" || s[h.end].stem == "of") {
			continue
		}
		out = append(out, h)
	}
	return out
}

// markAll marks the tokens covered by hits, ignoring hits that touch a
// token already in skip.
func markAll(hits []hit, n int, skip []bool) []bool {
	mask := make([]bool, n)
	for _, h := range hits {
		if overlaps(skip, h.start, h.end) {
			continue
		}
		for j := h.start; j < h.end; j++ {
			mask[j] = true
		}
	}
	return mask
}

// countCue counts the distinct patterns with a hit outside skip.
func countCue(hits []hit, skip []bool) int {
	n, last := 0, -1
	for _, h := range hits {
		if h.pat != last && !overlaps(skip, h.start, h.end) {
			n++
			last = h.pat
		}
	}
	return n
}

func matchStarts(hits []hit, skip []bool) []int {
	var starts []int
	for _, h := range hits {
		if !overlaps(skip, h.start, h.end) {
			starts = append(starts, h.start)
		}
	}
	return starts
}

func startsBefore(starts []int, pos int) bool {
	for _, s := range starts {
		if s < pos {
			return true
		}
	}
	return false
}

func matchEnds(hits []hit) []int {
	ends := make([]int, len(hits))
	for i, h := range hits {
		ends[i] = h.end
	}
	return ends
}

func overlaps(mask []bool, start, end int) bool {
	if mask == nil {
		return false
	}
	for i := start; i < end; i++ {
		if mask[i] {
			return true
		}
	}
	return false
}

func orMasks(a, b []bool) []bool {
	out := make([]bool, len(a))
	for i := range a {
		out[i] = a[i] || b[i]
	}
	return out
}
