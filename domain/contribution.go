package domain

import "time"

// ReviewStatus says whether an analyst has approved a contribution's redaction.
type ReviewStatus string

// Review statuses.
const (
	ReviewPending  ReviewStatus = "pending"
	ReviewApproved ReviewStatus = "approved"
)

// Contribution is one thing said or written in a session, tagged with the
// activity, strategic area and participant code or team it came from. Text is
// always the redacted text; the raw original is held apart, encrypted, until
// the redaction is approved.
type Contribution struct {
	ID            string       `json:"id"`
	ProgrammeID   string       `json:"programme_id"`
	SessionID     string       `json:"session_id,omitempty"`
	ActivityID    string       `json:"activity_id,omitempty"`
	AreaID        string       `json:"area_id,omitempty"`
	ParticipantID string       `json:"participant_id,omitempty"`
	Team          string       `json:"team,omitempty"`
	Text          string       `json:"text"`
	Review        ReviewStatus `json:"review"`
	Flagged       bool         `json:"flagged"`
	Source        string       `json:"source"`
	SourceKey     string       `json:"-"`
	CreatedAt     time.Time    `json:"created_at"`
}

// MaxContributionChars bounds one contribution; a flipchart line is short,
// and a pasted essay is a mistake worth catching.
const MaxContributionChars = 10_000

// Validate checks the contribution's own rules.
func (c *Contribution) Validate() error {
	pr := Problems{}
	requireText(pr, "text", c.Text, MaxContributionChars)
	if c.ParticipantID != "" && c.Team != "" {
		pr.Add("team", "A contribution comes from a participant or a team, not both.")
	}
	checkText(pr, "team", c.Team, 40)
	switch c.Review {
	case ReviewPending, ReviewApproved:
	default:
		pr.Add("review", "Unknown review status.")
	}
	return pr.Err("The contribution")
}

// Statement is a short card statement people agree or disagree with, as in
// Polis. Number is its short ID printed on vote grids (S1, S2, ...).
type Statement struct {
	ID          string `json:"id"`
	ProgrammeID string `json:"programme_id"`
	Number      int    `json:"number"`
	AreaID      string `json:"area_id,omitempty"`
	Text        string `json:"text"`
	Moderation  int    `json:"moderation"`
	ExternalRef string `json:"external_ref,omitempty"`
	// AuthorRef is who wrote the statement in the system it came from
	// (a Polis author ID), kept so an export reproduces it.
	AuthorRef string    `json:"author_ref,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Moderation values, as in Polis: -1 moderated out, 0 unmoderated, 1 accepted.
const (
	ModeratedOut = -1
	Unmoderated  = 0
	ModeratedIn  = 1
)

// Validate checks the statement's own rules.
func (s *Statement) Validate() error {
	pr := Problems{}
	requireText(pr, "text", s.Text, 1000)
	if s.Number < 1 {
		pr.Add("number", "Statement numbers start at 1.")
	}
	if s.Moderation < -1 || s.Moderation > 1 {
		pr.Add("moderation", "Moderation is -1, 0 or 1.")
	}
	return pr.Err("The statement")
}

// Vote is a participant's agree (1), disagree (-1) or pass (0) on a statement.
type Vote struct {
	StatementID   string    `json:"statement_id"`
	ParticipantID string    `json:"participant_id"`
	Value         int       `json:"value"`
	CreatedAt     time.Time `json:"created_at"`
}

// Vote values.
const (
	Agree    = 1
	Pass     = 0
	Disagree = -1
)

// ParseVote reads a single-key vote: a = agree, d = disagree, p = pass.
func ParseVote(s string) (int, error) {
	switch s {
	case "a", "A", "1", "+1":
		return Agree, nil
	case "d", "D", "-1":
		return Disagree, nil
	case "p", "P", "0":
		return Pass, nil
	}
	return 0, Errorf(EInvalid, "%q is not a vote: use a (agree), d (disagree) or p (pass).", s)
}

// DebatePhase is when a debate vote was taken.
type DebatePhase string

// Debate phases.
const (
	PhaseBefore DebatePhase = "before"
	PhaseAfter  DebatePhase = "after"
)

// DebatePosition is a vote on a motion.
type DebatePosition string

// Debate positions.
const (
	PositionFor       DebatePosition = "for"
	PositionAgainst   DebatePosition = "against"
	PositionUndecided DebatePosition = "undecided"
)

// DebateVote is a count of votes on a motion in one phase, either for one
// participant (Count 1, ParticipantID set) or a tally from a sheet.
type DebateVote struct {
	ID            string         `json:"id"`
	ActivityID    string         `json:"activity_id"`
	ParticipantID string         `json:"participant_id,omitempty"`
	Phase         DebatePhase    `json:"phase"`
	Position      DebatePosition `json:"position"`
	Count         int            `json:"count"`
}

// Validate checks the debate vote's own rules.
func (v *DebateVote) Validate() error {
	pr := Problems{}
	if v.Phase != PhaseBefore && v.Phase != PhaseAfter {
		pr.Add("phase", "Choose before or after.")
	}
	switch v.Position {
	case PositionFor, PositionAgainst, PositionUndecided:
	default:
		pr.Add("position", "Choose for, against or undecided.")
	}
	if v.Count < 0 || v.Count > 10_000 || (v.ParticipantID != "" && v.Count != 1) {
		pr.Add("count", "Enter a count between 0 and 10000 (1 for a single participant's vote).")
	}
	return pr.Err("The debate vote")
}

// DotVote is dots placed on one option in a dot-priorities activity, by one
// participant (ParticipantID set) or as a total counted from a sheet.
type DotVote struct {
	ID            string `json:"id"`
	ActivityID    string `json:"activity_id"`
	ParticipantID string `json:"participant_id,omitempty"`
	Option        string `json:"option"`
	Dots          int    `json:"dots"`
}

// MaxDots bounds the dots on one option: a sheet of a hundred people with
// ten dots each.
const MaxDots = 1000

// Validate checks the dot vote's own rules.
func (v *DotVote) Validate() error {
	pr := Problems{}
	requireText(pr, "option", v.Option, 300)
	if v.Dots < 0 || v.Dots > MaxDots {
		pr.Add("dots", "Enter a number of dots between 0 and "+itoa(MaxDots)+".")
	}
	return pr.Err("The dot vote")
}
