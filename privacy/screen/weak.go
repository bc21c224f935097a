package screen

import (
	"fmt"
	"strings"
)

// The weak-signal net is the last recall safety net. Each category has a
// list of words that are harmless alone but, two or more together in a
// personal sentence, are how warning signs are often put when no trigger
// word is used ("i'm so tired, i just want it to be over"; "tell my brother
// to look after mum for me from now on"). Lists live in lexicon/weak.txt,
// one section per category.
const (
	// weakMinSignals is how many distinct weak signals a sentence needs.
	weakMinSignals = 2
	// weakMaxPenalty is the most policy or fiction talk the net tolerates:
	// one generic word is fine, two are talk.
	weakMaxPenalty = 1.5
	weakLabel      = "possible risk (broad match)"
)

// loadWeak reads lexicon/weak.txt; every section header must be a category.
func (e *engine) loadWeak(macros map[string][]string) error {
	const path = "lexicon/weak.txt"
	secs, err := readSections(path)
	if err != nil {
		return err
	}
	e.weak = map[string]*patternSet{}
	known := map[string]bool{}
	for _, c := range Categories() {
		known[c] = true
	}
	for _, s := range secs {
		if len(s.lines) == 0 {
			continue
		}
		if !known[s.header] {
			return fmt.Errorf("screen: %s: section [%s] is not a category", path, s.header)
		}
		pats, err := compileAll(path, s.lines, macros)
		if err != nil {
			return err
		}
		ps := newPatternSet(pats)
		e.weak[s.header] = &ps
	}
	return nil
}

// applyWeak adds a broad-match reason for each category that no rule
// raised but that has enough weak signals in a personal sentence.
func (e *engine) applyWeak(s sentence, ctx *sentenceContext, hits map[string][]string) {
	if !ctx.weakEligible(len(s)) {
		return
	}
	for _, cf := range categoryFiles {
		set, ok := e.weak[cf.category]
		if !ok || len(hits[cf.category]) > 0 || ctx.reassured(cf.category) {
			continue
		}
		if words := weakSignals(set, s, ctx); len(words) >= weakMinSignals {
			reason := fmt.Sprintf("%s: weak signals '%s'", weakLabel, strings.Join(words, "', '"))
			hits[cf.category] = append(hits[cf.category], reason)
		}
	}
}

// weakEligible says whether a sentence is personal enough, and far enough
// from policy talk, fiction and the general past, for the net to apply.
func (c *sentenceContext) weakEligible(n int) bool {
	if !c.firstPerson && !c.specific {
		return false
	}
	return c.talkPenalty(n) < weakMaxPenalty && c.pastGeneral == 0
}

// weakSignals lists the distinct weak signals in s outside idioms, as the
// writer put them. Two signals over the same words ("stopped eating" and
// "eating") count once: the net needs two separate pieces of evidence.
func weakSignals(set *patternSet, s sentence, ctx *sentenceContext) []string {
	var words []string
	var taken []span
	seen := map[int]bool{}
	for _, h := range set.matches(s) {
		if seen[h.pat] || ctx.masked(h.start, h.end) || overlapsAny(taken, h) {
			continue
		}
		seen[h.pat] = true
		taken = append(taken, span{start: h.start, end: h.end})
		words = append(words, surface(s, h.start, h.end))
	}
	return words
}

// reassured says whether the writer's own reassurance ("it's going well",
// "staff were good with me") silences the net for a category. Self-harm
// is never silenced: playing harm down is part of how it is disclosed.
func (c *sentenceContext) reassured(category string) bool {
	return c.reassurance > 0 && category != SelfHarm
}
