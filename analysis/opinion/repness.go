package opinion

import (
	"cmp"
	"math"
	"slices"
)

// zSig90 is the one-sided 90% critical value Polis uses for all its tests.
const zSig90 = 1.2816

// CommentStats are Polis' per-group vote statistics for one statement
// (n = count, p = probability, r = ratio to the rest, t = test statistic,
// a = agree, d = disagree, s = seen, i.e. voted including passes).
type CommentStats struct {
	NA  int     `json:"na"`
	ND  int     `json:"nd"`
	NS  int     `json:"ns"`
	PA  float64 `json:"pa"`
	PD  float64 `json:"pd"`
	PAT float64 `json:"pat"`
	PDT float64 `json:"pdt"`
	RA  float64 `json:"ra"`
	RD  float64 `json:"rd"`
	RAT float64 `json:"rat"`
	RDT float64 `json:"rdt"`
}

// propTest is Polis' one-proportion z statistic against 1/2, with a +1
// (pseudo-count) on successes and trials.
func propTest(succ, n int) float64 {
	s, t := float64(succ+1), float64(n+1)
	return 2 * math.Sqrt(t) * (s/t - 0.5)
}

// twoPropTest is Polis' two-proportion z statistic (in-group vs the rest),
// with +1 on every count; 0 when the pooled proportion is 1.
func twoPropTest(succIn, succOut, nIn, nOut int) float64 {
	s1, s2 := float64(succIn+1), float64(succOut+1)
	n1, n2 := float64(nIn+1), float64(nOut+1)
	pi1, pi2 := s1/n1, s2/n2
	pi := (s1 + s2) / (n1 + n2)
	if pi == 1 {
		return 0
	}
	return (pi1 - pi2) / math.Sqrt(pi*(1-pi)*(1/n1+1/n2))
}

// groupStats computes the in-group statistics from counts.
func groupStats(na, nd, ns int) CommentStats {
	return CommentStats{
		NA: na, ND: nd, NS: ns,
		PA:  float64(na+1) / float64(ns+2),
		PD:  float64(nd+1) / float64(ns+2),
		PAT: propTest(na, ns),
		PDT: propTest(nd, ns),
	}
}

// compare adds the comparisons with the rest of the participants, whose
// counts are restA, restD, restS.
func (s CommentStats) compare(restA, restD, restS int) CommentStats {
	s.RA = s.PA / (float64(restA+1) / float64(restS+2))
	s.RD = s.PD / (float64(restD+1) / float64(restS+2))
	s.RAT = twoPropTest(s.NA, restA, s.NS, restS)
	s.RDT = twoPropTest(s.ND, restD, s.NS, restS)
	return s
}

// passes is Polis' sufficiency test: significantly frequent within the
// group and significantly more frequent than outside it.
func (s CommentStats) passes() bool {
	return (s.RAT > zSig90 && s.PAT > zSig90) || (s.RDT > zSig90 && s.PDT > zSig90)
}

// beatsBestAgree is Polis' rule for the group's best agreed statement,
// which is always shown first so a group is described by something it
// agrees with.
func (s CommentStats) beatsBestAgree(cur *CommentStats) bool {
	switch {
	case s.NA == 0 && s.ND == 0:
		return false
	case cur != nil && cur.RA > 1:
		return s.RA*s.RAT*s.PA*s.PAT > cur.RA*cur.RAT*cur.PA*cur.PAT
	case cur != nil:
		return s.PA*s.PAT > cur.PA*cur.PAT
	}
	return s.PAT > zSig90 || (s.RA > 1 && s.PA > 0.5)
}

// RepStatement is a statement representative of a group: what the group
// thinks of it markedly more than everyone else does.
type RepStatement struct {
	Statement string `json:"statement"`
	// RepfulFor is "agree" or "disagree", whichever has the higher
	// between-group test statistic.
	RepfulFor   string       `json:"repful_for"`
	NSuccess    int          `json:"n_success"`
	NTrials     int          `json:"n_trials"`
	PSuccess    float64      `json:"p_success"`
	PTest       float64      `json:"p_test"`
	Repness     float64      `json:"repness"`
	RepnessTest float64      `json:"repness_test"`
	BestAgree   bool         `json:"best_agree,omitempty"`
	Stats       CommentStats `json:"stats"`
}

func finalise(id string, s CommentStats) RepStatement {
	r := RepStatement{Statement: id, Stats: s, NTrials: s.NS}
	if s.RAT > s.RDT {
		r.RepfulFor, r.NSuccess, r.PSuccess, r.PTest, r.Repness, r.RepnessTest = "agree", s.NA, s.PA, s.PAT, s.RA, s.RAT
	} else {
		r.RepfulFor, r.NSuccess, r.PSuccess, r.PTest, r.Repness, r.RepnessTest = "disagree", s.ND, s.PD, s.PDT, s.RD, s.RDT
	}
	return r
}

// metric is Polis' ranking of representative statements.
func (r RepStatement) metric() float64 { return r.Repness * r.RepnessTest * r.PSuccess * r.PTest }

// repSelector accumulates one group's candidates over the statements.
type repSelector struct {
	sufficient []RepStatement
	best       *RepStatement
	bestAgree  *CommentStats
	bestAgreeS string
}

func (sel *repSelector) add(id string, s CommentStats) {
	if s.passes() {
		sel.sufficient = append(sel.sufficient, finalise(id, s))
	}
	if len(sel.sufficient) == 0 && (sel.best == nil || max(s.RAT, s.RDT) > sel.best.RepnessTest) {
		r := finalise(id, s)
		sel.best = &r
	}
	if s.beatsBestAgree(sel.bestAgree) {
		sel.bestAgree, sel.bestAgreeS = &s, id
	}
}

// result applies Polis' final step: the best-agree statement first, then
// the sufficient ones by metric, top n, agrees before disagrees. With no
// sufficient statement, the best agree (or else best overall) stands alone.
func (sel *repSelector) result(n int) []RepStatement {
	var head []RepStatement
	if sel.bestAgree != nil {
		r := finalise(sel.bestAgreeS, *sel.bestAgree)
		r.BestAgree = true
		head = []RepStatement{r}
	} else if sel.best != nil {
		head = []RepStatement{*sel.best}
	}
	if len(sel.sufficient) == 0 {
		return head
	}
	rest := slices.DeleteFunc(slices.Clone(sel.sufficient), func(r RepStatement) bool {
		return sel.bestAgree != nil && r.Statement == sel.bestAgreeS
	})
	slices.SortStableFunc(rest, func(a, b RepStatement) int { return cmp.Compare(b.metric(), a.metric()) })
	if sel.bestAgree == nil {
		head = nil
	}
	out := append(head, rest...)
	out = out[:min(n, len(out))]
	slices.SortStableFunc(out, func(a, b RepStatement) int {
		return cmp.Compare(boolInt(a.RepfulFor != "agree"), boolInt(b.RepfulFor != "agree"))
	})
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
