// Package screen is peervoice's safeguarding screen: it reads one
// contribution and says whether it may hold a disclosure that the
// programme's safeguarding lead must see, in which categories and why.
//
// It is an offline, deterministic rule engine weighed by a trained
// statistical model: logistic regression blended with naive Bayes over
// hashed word and character n-grams (features.go, model.go), trained by
// `go generate` from the labelled sets (internal/train) and embedded as
// model/model.bin. A text no rule flags is flagged when the model's
// disclosure probability reaches ShippedThreshold, under its most likely
// category, with the reason "possible disclosure (statistical match,
// p=0.83)". A rule hit outside self-harm is dropped when the model is
// confident the text is ordinary (below ShippedVeto): the trigger word in
// "we got battered at football" is not evidence. The rules catch what they
// were written for and explain themselves; the model catches unseen
// phrasings and overrules the rules' figures of speech (see
// testdata/EVAL.md and docs/decisions/0006 for the honest figures).
//
// Lexicons of trigger patterns
// per category (lexicon/*.txt, embedded; syntax in pattern.go) are matched
// on normalised, stemmed tokens, so "stabbed", "stabbin" and "stab" meet,
// and "dont", "don't" and "do not" read the same. Each trigger has a tier:
//
//   - direct triggers carry their own subject or target ("kill myself",
//     "they said they'll stab me", "or they'll do my mum") and flag on
//     their own;
//   - strong triggers are specific but can be talked down ("an officer
//     brings spice in" flags; "officers bringing in spice should be
//     sacked" does not);
//   - topic triggers name a risky subject ("self harm", "debt", "burner",
//     "riot") and flag only when the sentence makes it personal or specific.
//
// Strong and topic triggers are scored against cues found in the same
// sentence (lexicon/cues.txt): first person, a named or specific target, a
// place or time ("on b wing", "tonight") and intent ("gonna") raise the
// score; policy talk ("staff should", "there needs to be more support for
// people who..."), fiction ("in the film"), a hypothetical ("what if
// someone..."), the general past ("used to", "years ago") and, for security,
// life outside custody lower it. Idioms ("I'd die for a coffee", "this food
// is killing me", "I could murder a kebab", "it's criminal") are masked
// before matching (lexicon/idioms.txt).
//
// # Policy on recall, negation and hypotheticals
//
// A missed disclosure is a harm and a false flag costs the safeguarding lead
// a minute, so the screen is tuned for recall. Each lexicon ends with a
// catch-all list of risk words that flag whenever the sentence is personal
// ("possible risk (broad match)"), and a weak-signal net (weak.go) flags a
// personal sentence with two or more words that are harmless alone but
// together are how warning signs are often put ("tired", "be over", "look
// after mum for me", "from now on").
//
//   - Statements that are disclosures because of a negation are triggers
//     in their own right ("i dont want to be here anymore", "dont see the
//     point in anything").
//   - A negated trigger about self-harm, harm to others or child protection
//     ("i'm not going to hurt anyone", "i'm not suicidal") is still flagged,
//     and the reason says it was negated. People often raise risk by denying
//     it, and in custody the denial itself is worth a minute's check. The
//     exception is a denial framed as change ("i don't want to hurt anyone
//     any more, i've done courses and changed"), which is not flagged.
//   - A negated trigger in the other categories ("i've never been in debt in
//     here", "i don't take drugs") is not flagged by the rules: the writer
//     is describing an absence of risk, and flagging every denial would
//     bury the lead. The backstop does not know this policy and may still
//     flag such a line on its words.
//   - A conditional with a first-person subject and a risky consequence
//     ("if they move me again i'll kill myself") is a disclosure. A
//     counterfactual right before the trigger ("if i had a phone") is
//     treated like a negation, and a hypothetical about someone else ("what
//     happens if someone has a phone") is dampened like policy talk.
//   - Self-harm statements are flagged even when joked about ("the food
//     here makes me want to die lol"): a joke is a common way to test the
//     water.
//   - Historical abuse ("when i was little my uncle abused me") and past
//     self-harm are disclosures; general past statements ("i used to get
//     bullied at school but i'm fine now") are dampened in the other
//     categories.
package screen

import (
	"fmt"
	"strings"
)

// Category names, as they appear in Result.Categories.
const (
	SelfHarm               = "self_harm"
	HarmToOthers           = "harm_to_others"
	ChildProtection        = "child_protection"
	AtRisk                 = "at_risk"
	AllegationAgainstStaff = "allegation_against_staff"
	Security               = "security"
	UndisclosedOffence     = "undisclosed_offence"
)

// Categories lists every category in the order Screen reports them.
func Categories() []string {
	out := make([]string, len(categoryFiles))
	for i, cf := range categoryFiles {
		out[i] = cf.category
	}
	return out
}

// Result is the screen's verdict on one text. Categories and Reasons are
// never nil, so they encode as [] in JSON. Reasons are short strings safe to
// show the safeguarding lead, such as "first-person self-harm: 'cutting
// myself'".
type Result struct {
	Flag       bool     `json:"flag"`
	Categories []string `json:"categories"`
	Reasons    []string `json:"reasons"`
}

// defaultEngine is compiled once at start-up from the embedded lexicons; a
// lexicon that does not compile is a programming error caught by the tests.
var defaultEngine = mustLoad()

func mustLoad() *engine {
	e, err := loadEngine()
	if err != nil {
		panic(err)
	}
	return e
}

// Screen screens one contribution: the rules, then, when no rule fired,
// the trained backstop (model.go) at its cross-validated threshold. It is
// deterministic and safe for concurrent use: the engine and model are
// read-only after start-up.
func Screen(text string) Result {
	return screenWith(text, defaultModel)
}

// ScreenRules screens with the rules alone, for evaluation.
func ScreenRules(text string) Result {
	return screenWith(text, nil)
}

// Screen screens text with the rules and this model as the backstop.
func (m *Model) Screen(text string) Result {
	return screenWith(text, m)
}

func screenWith(text string, m *Model) Result {
	sents := normalise(text)
	hits := defaultEngine.ruleHits(sents)
	if m != nil {
		m.weigh(featurise(make([]uint32, 0, 512), sents), hits)
	}
	return buildResult(hits)
}

func (e *engine) ruleHits(sents []sentence) map[string][]string {
	hits := map[string][]string{}
	recovery, relapse := 0, 0
	for _, s := range sents {
		ctx := e.analyse(s)
		e.applyRules(s, ctx, e.ruleSet.matches(s), hits)
		e.applyWeak(s, ctx, hits)
		recovery += ctx.recovery
		relapse += ctx.relapse
	}
	// A recovery story ("i used to cut myself. i don't now, four years
	// clean") is not a disclosure; a relapse in the same text ("clean for
	// a year but i've started again") is.
	if recovery > 0 && relapse == 0 {
		delete(hits, SelfHarm)
	}
	return hits
}

// weigh lets the model judge the rules' verdict. With no rule hit, it
// flags a text it scores at or above its threshold, under its most likely
// category. With rule hits, it drops those outside self-harm when it is
// confident the text is not a disclosure (p below Veto): a trigger word in
// "we got battered at football" is not evidence. Self-harm hits always
// stand, because a joke or an aside is how that risk is often first raised.
func (m *Model) weigh(idx []uint32, hits map[string][]string) {
	if len(idx) == 0 {
		return
	}
	val := featureValue(idx)
	p := m.disclosure(idx, val)
	if len(hits) > 0 {
		for c := range hits {
			if overrules(c, p, m.Veto) {
				delete(hits, c)
			}
		}
		return
	}
	if p >= m.Threshold {
		c := m.category(idx, val)
		hits[c] = append(hits[c], fmt.Sprintf("possible disclosure (statistical match, p=%.2f)", p))
	}
}

// applyRules records, for each rule, a reason under its category for the
// first place in the sentence where it fires. A trigger overlapping words
// already reported under the same category adds nothing for the lead to
// read, so it is left out.
func (e *engine) applyRules(s sentence, ctx *sentenceContext, matches []hit, hits map[string][]string) {
	fired := -1
	reported := map[string][]span{}
	for _, h := range matches {
		r := &e.rules[h.pat]
		if h.pat == fired || ctx.masked(h.start, h.end) || overlapsAny(reported[r.category], h) {
			continue
		}
		if reason, ok := decide(r, s, ctx, h.start, h.end); ok {
			hits[r.category] = appendUnique(hits[r.category], reason)
			reported[r.category] = append(reported[r.category], span{start: h.start, end: h.end})
			fired = h.pat
		}
	}
}

func overlapsAny(spans []span, h hit) bool {
	for _, sp := range spans {
		if sp.start < h.end && h.start < sp.end {
			return true
		}
	}
	return false
}

// decide weighs one trigger match against its sentence. A topic trigger
// needs cues worth threshold; a direct one starts above it.
func decide(r *rule, s sentence, ctx *sentenceContext, start, end int) (string, bool) {
	if ctx.score(r, start) < threshold {
		return "", false
	}
	reason := fmt.Sprintf("%s: '%s'", r.label, surface(s, start, end))
	for _, q := range qualifiers {
		if q.applies(ctx, s, start) {
			if negationSuppresses[r.category] || ctx.pastGeneral > 0 {
				return "", false
			}
			return reason + q.note, true
		}
	}
	return reason, true
}

// qualifiers are the two ways a trigger can be talked out of being a
// disclosure: negation ("never been in debt") and a conditional right
// before it ("if i had a phone").
var qualifiers = []struct {
	applies func(*sentenceContext, sentence, int) bool
	note    string
}{
	{(*sentenceContext).negated, " (negated, flagged by policy)"},
	{(*sentenceContext).conditional, " (conditional, flagged by policy)"},
}

// negationSuppresses says which categories a negation ("never been in
// debt") clears; see the package comment for why the others stay flagged.
var negationSuppresses = map[string]bool{
	AtRisk:                 true,
	AllegationAgainstStaff: true,
	Security:               true,
	UndisclosedOffence:     true,
}

// maxReasonWords keeps reasons short: a trigger with gaps can span half a
// sentence, and the lead needs the gist, not the whole text.
const maxReasonWords = 10

// surface is the matched text as the writer put it (lower-cased, letters
// and digits only, so it is safe to show anywhere).
func surface(s sentence, start, end int) string {
	words := make([]string, 0, end-start)
	for _, t := range s[start:end] {
		words = append(words, t.surface)
	}
	if len(words) > maxReasonWords {
		words = append(words[:maxReasonWords], "...")
	}
	return strings.Join(words, " ")
}

func appendUnique(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// buildResult orders categories as Categories() does, so output is stable.
func buildResult(hits map[string][]string) Result {
	res := Result{Categories: []string{}, Reasons: []string{}}
	for _, cf := range categoryFiles {
		if reasons, ok := hits[cf.category]; ok {
			res.Categories = append(res.Categories, cf.category)
			res.Reasons = append(res.Reasons, reasons...)
		}
	}
	res.Flag = len(res.Categories) > 0
	return res
}
