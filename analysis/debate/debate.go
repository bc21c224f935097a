// Package debate measures the opinion shift in a debate on a motion, from
// the votes taken before and after it, with an exact test and a plain
// English sentence for the report.
//
// Votes are for, against or undecided. The test is on agreement: "for"
// against "not for", where not for is against or undecided. So a move from
// against to undecided is not a shift, and a move from undecided to for is.
// This matches the question a reader asks ("did more people agree after the
// debate?") and keeps the exact tests to a 2x2 table.
//
// When each participant's two votes are linked by their code, Paired uses
// the exact McNemar test on the people who changed between for and not for.
// When only the show-of-hands counts are known, Unpaired uses Fisher's exact
// test on the 2x2 table of for/not-for before and after. That test treats
// the two votes as independent groups, which they are not when the same
// people vote twice, so prefer paired votes where they exist.
//
// Every count goes through package suppress. If any count the sentence
// would state, or could be worked out from it, is under the threshold, the
// sentence says so instead and the p-value is withheld (p-values of small
// tables can be inverted to recover the counts). Known gap: a published
// McNemar p-value depends only on how many people moved each way, so a
// reader with the p-value can often work out those two numbers, even when
// one is small (say, one person moved from for to not for). The sentence
// gives p to two significant figures, which blurs this but does not
// prevent it.
package debate

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"peervoice/privacy/suppress"
)

// Alpha is the significance level behind "unlikely to be chance".
const Alpha = 0.05

// Test names as they appear in sentences.
const (
	McNemar = "exact McNemar test"
	Fishers = "Fisher's exact test"
)

// Vote is one participant's position on the motion.
type Vote int

// The votes. The zero Vote is invalid, so a missing vote cannot pass as one.
const (
	For Vote = iota + 1
	Against
	Undecided
)

// String returns the vote as written on capture sheets.
func (v Vote) String() string {
	switch v {
	case For:
		return "for"
	case Against:
		return "against"
	case Undecided:
		return "undecided"
	}
	return "invalid vote " + strconv.Itoa(int(v))
}

// ParseVote reads "for", "against" or "undecided" (any case; also "f",
// "a", "u" as typed up from paper sheets).
func ParseVote(s string) (Vote, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "for", "f":
		return For, nil
	case "against", "a":
		return Against, nil
	case "undecided", "u":
		return Undecided, nil
	}
	return 0, fmt.Errorf("debate: unknown vote %q (want for, against or undecided)", s)
}

// Pair is one participant's votes before and after the debate.
type Pair struct {
	Participant string
	Before      Vote
	After       Vote
}

// Counts is a show of hands.
type Counts struct {
	For, Against, Undecided int
}

// Total returns the number of people who voted.
func (c Counts) Total() int { return c.For + c.Against + c.Undecided }

func (c Counts) check(when string) error {
	if c.For < 0 || c.Against < 0 || c.Undecided < 0 {
		return fmt.Errorf("debate: negative count in the votes %s", when)
	}
	if c.Total() == 0 {
		return fmt.Errorf("debate: no votes %s the debate", when)
	}
	return nil
}

// Result is the published opinion shift. Its counts are suppressed cells.
type Result struct {
	Test        string             // McNemar or Fishers
	Before      suppress.Breakdown // items "against", "for", "undecided"
	After       suppress.Breakdown
	PValue      float64 // two-sided; 0 when Suppressed
	Significant bool    // PValue < Alpha
	Suppressed  bool    // counts too small to report the shift
	Sentence    string
}

var errNoPairs = errors.New("debate: no paired votes")
