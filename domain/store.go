package domain

import "context"

// Store is the persistence contract. The store package implements it on
// SQLite and PostgreSQL, and one contract test suite runs against both.
// Methods return *Error values (ErrNotFound, ErrConflict, ErrInvalid) for
// expected failures; anything else is an internal error.
type Store interface {
	// InTx runs fn in one transaction: all of its writes land, or none do.
	InTx(ctx context.Context, fn func(Store) error) error

	CreateProgramme(ctx context.Context, p *Programme, areas []StrategicArea) error
	Programme(ctx context.Context, id string) (*Programme, error)
	ProgrammeBySlug(ctx context.Context, slug string) (*Programme, error)
	Programmes(ctx context.Context) ([]Programme, error)
	Areas(ctx context.Context, programmeID string) ([]StrategicArea, error)

	CreateSite(ctx context.Context, s *Site) error
	Sites(ctx context.Context, programmeID string) ([]Site, error)

	CreateFacilitator(ctx context.Context, f *Facilitator) error
	Facilitators(ctx context.Context) ([]Facilitator, error)

	CreateSession(ctx context.Context, s *Session) error
	Session(ctx context.Context, id string) (*Session, error)
	Sessions(ctx context.Context, programmeID string) ([]Session, error)
	CreateActivity(ctx context.Context, a *Activity) error
	Activities(ctx context.Context, sessionID string) ([]Activity, error)

	CreateParticipant(ctx context.Context, p *Participant) error
	Participants(ctx context.Context, programmeID string) ([]Participant, error)
	ParticipantByCode(ctx context.Context, programmeID, code string) (*Participant, error)
	// WithdrawalCount is how many of a programme's participants have
	// withdrawn: the one figure about them that outputs may state.
	WithdrawalCount(ctx context.Context, programmeID string) (int, error)
	RecordAttendance(ctx context.Context, sessionID, participantID string) error

	// CreateContributions inserts a batch. A contribution whose SourceKey is
	// already present in the programme is skipped, which makes re-imports
	// idempotent; the count of rows actually added is returned.
	CreateContributions(ctx context.Context, cs []Contribution) (int, error)
	Contributions(ctx context.Context, f ContributionFilter) ([]Contribution, error)
	CountContributions(ctx context.Context, programmeID string) ([]AreaSiteCount, error)

	CreateStatement(ctx context.Context, s *Statement) error
	Statements(ctx context.Context, programmeID string) ([]Statement, error)
	// PutVotes records votes, replacing an earlier vote by the same
	// participant on the same statement.
	PutVotes(ctx context.Context, vs []Vote) error
	Votes(ctx context.Context, programmeID string) ([]Vote, error)
	CreateDebateVotes(ctx context.Context, vs []DebateVote) error
	DebateVotes(ctx context.Context, activityID string) ([]DebateVote, error)
	CreateDotVotes(ctx context.Context, vs []DotVote) error
	DotVotes(ctx context.Context, activityID string) ([]DotVote, error)

	CreateUser(ctx context.Context, u *User) error
	UserByEmail(ctx context.Context, email string) (*User, error)
	SetPasswordHash(ctx context.Context, userID, hash string) error
	AddMembership(ctx context.Context, m Membership) error
	Memberships(ctx context.Context, userID string) ([]Membership, error)

	Stats(ctx context.Context) (Stats, error)
}

// ContributionFilter narrows a contributions query. Zero fields match all.
type ContributionFilter struct {
	ProgrammeID string
	SessionID   string
	AreaID      string
	// IncludeFlagged includes contributions held back for safeguarding;
	// only the safeguarding lead's views set it.
	IncludeFlagged bool
	Limit          int
	Offset         int
}

// AreaSiteCount is the number of contributions for one area at one site.
type AreaSiteCount struct {
	AreaID string `json:"area_id"`
	SiteID string `json:"site_id"`
	Count  int    `json:"count"`
}

// Stats counts the records of each kind across the database.
type Stats struct {
	Programmes    int `json:"programmes"`
	Sites         int `json:"sites"`
	Sessions      int `json:"sessions"`
	Facilitators  int `json:"facilitators"`
	Participants  int `json:"participants"`
	Contributions int `json:"contributions"`
	Statements    int `json:"statements"`
	Votes         int `json:"votes"`
	DebateVotes   int `json:"debate_votes"`
	DotVotes      int `json:"dot_votes"`
	Users         int `json:"users"`
}
