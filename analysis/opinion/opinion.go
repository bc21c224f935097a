// Package opinion finds opinion groups in a conversation where participants
// vote agree, disagree or pass on short statements, following the published
// Polis method (compdemocracy/polis, math/src/polismath/math):
//
//   - participants with at least min(7, statements) votes are included; if
//     fewer than 15 qualify, the most active voters are added up to 15;
//   - votes are agree=+1, disagree=-1, pass=0; a missing vote counts as the
//     statement's mean over included participants, and moderated-out
//     statements are zeroed;
//   - the centred matrix is reduced to 2 principal components, and each
//     participant's projection is scaled by sqrt(statements / their votes)
//     so that people who voted little are not all drawn to the centre;
//   - participants are clustered into up to 100 base clusters by k-means,
//     and the base-cluster centres into 2..5 groups by weighted k-means,
//     choosing k by silhouette;
//   - per group, representative statements are chosen by Polis' "repness"
//     tests; consensus, group-informed consensus and divisive statements
//     are reported for the whole conversation.
//
// The analysis is deterministic: inputs are put in a canonical order (IDs
// sorted) and nothing depends on map order, time or unseeded randomness.
package opinion

import (
	"errors"
	"fmt"
)

// Vote values.
const (
	Agree    int8 = 1
	Pass     int8 = 0
	Disagree int8 = -1
)

// Vote is one participant's vote on one statement. Participant and
// Statement index Input.Participants and Input.Statements.
type Vote struct {
	Participant int32 `json:"participant"`
	Statement   int32 `json:"statement"`
	Value       int8  `json:"value"`
}

// Input is a conversation: who took part, what they voted on and how.
// Each (participant, statement) pair may appear at most once in Votes; the
// caller resolves changed votes (for Polis exports, the latest counts).
type Input struct {
	Participants []string `json:"participants"`
	Statements   []string `json:"statements"`
	// ModeratedOut lists statement IDs removed by moderation. Their votes
	// still count towards a participant's inclusion, as in Polis, but the
	// statements shape no group and are never reported.
	ModeratedOut []string `json:"moderated_out"`
	Votes        []Vote   `json:"votes"`
}

// Options tune the analysis. The zero value means Polis' defaults.
type Options struct {
	MinVotes        int `json:"min_votes"`        // votes needed to be included (7)
	MinParticipants int `json:"min_participants"` // greedy top-up target (15)
	BaseK           int `json:"base_k"`           // base clusters (100)
	MaxK            int `json:"max_k"`            // most groups tried (5)
	BaseIters       int `json:"base_iters"`       // k-means iterations for base clusters (100)
	GroupIters      int `json:"group_iters"`      // k-means iterations for groups (100)
	TopStatements   int `json:"top_statements"`   // statements kept per list (5)
	// WeightedSilhouette counts each base cluster as many times as it has
	// members when choosing k (the participant-level silhouette with
	// everyone at their base centre). By default the silhouette is averaged
	// over base clusters unweighted, as Polis' own code does: see
	// docs/decisions/0003-opinion-groups.md.
	WeightedSilhouette bool `json:"weighted_silhouette"`
	// IncludedOnlyPCA computes statement means and principal components
	// from the included participants only. By default every voter shapes
	// them, as in Polis, and only clustering is limited to those included.
	IncludedOnlyPCA bool `json:"included_only_pca"`
}

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.MinVotes, 7)
	def(&o.MinParticipants, 15)
	def(&o.BaseK, 100)
	def(&o.MaxK, 5)
	def(&o.BaseIters, 100)
	def(&o.GroupIters, 100)
	def(&o.TopStatements, 5)
	return o
}

// ErrInput marks a malformed Input.
var ErrInput = errors.New("opinion: bad input")

// Analyse runs the Polis opinion-group analysis on in.
func Analyse(in Input, opts Options) (*Result, error) {
	opts = opts.withDefaults()
	c, err := newConversation(in)
	if err != nil {
		return nil, err
	}
	c.include(opts)
	c.choosePCARows(opts)
	c.computeMeans()
	pcs := c.pca()
	proj := c.project(pcs)
	a := c.cluster(proj, opts)
	return c.result(in, proj, a, opts), nil
}

func inputErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInput, fmt.Sprintf(format, args...))
}
