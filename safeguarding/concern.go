// Package safeguarding runs the safeguarding concerns workflow: a concern is
// opened when the screen flags a contribution or a facilitator raises one by
// hand, and the programme's safeguarding lead moves it through raised →
// assessed → referred → closed. Notes are encrypted at rest, and every read
// and write is recorded in the audit log.
//
// Who may call the service (the safeguarding lead and admins only) is
// decided by the web layer; this package records who did.
package safeguarding

import (
	"context"
	"time"

	"peervoice/domain"
)

// Resource is the audit log's name for a concern.
const Resource = "safeguarding_concern"

// ActionTimeLimit is how long a raised concern may wait for its first
// action (assessment, or closing) before it shows as overdue.
const ActionTimeLimit = 24 * time.Hour

// Record is a concern as stored: its notes sealed, never in plain text.
// The store reads and writes Records; the Service turns them into Concerns.
type Record struct {
	domain.SafeguardingConcern
	// AssessedAt is when the concern was first acted on.
	AssessedAt *time.Time
	// SealedNotes are the notes encrypted with crypt.PurposeNotes; nil when
	// there are none or they were deleted by retention.
	SealedNotes []byte
}

// Concern is what the safeguarding lead sees: the concern, its notes in
// plain text and its clock.
type Concern struct {
	domain.SafeguardingConcern
	AssessedAt *time.Time `json:"assessed_at,omitempty"`
	Clock      Clock      `json:"clock"`
}

// Clock is the concern's "time to action": how long it waited for its first
// action and to be closed, or how long it has been waiting so far.
type Clock struct {
	// ToAction is from raised to first action (assessed or closed); nil
	// while nobody has acted.
	ToAction *time.Duration `json:"to_action,omitempty"`
	// ToClose is from raised to closed; nil while open.
	ToClose *time.Duration `json:"to_close,omitempty"`
	// Waiting is how long an unactioned concern has waited so far.
	Waiting time.Duration `json:"waiting,omitempty"`
	// Overdue is true when nobody acted within ActionTimeLimit.
	Overdue bool `json:"overdue"`
	// Late is true when the first action came after ActionTimeLimit.
	Late bool `json:"late"`
}

// ClockAt works out the clock of r at time now.
func ClockAt(r *Record, now time.Time) Clock {
	var c Clock
	first := r.AssessedAt
	if first == nil {
		first = r.ClosedAt
	}
	if first != nil {
		d := first.Sub(r.RaisedAt)
		c.ToAction, c.Late = &d, d > ActionTimeLimit
	} else {
		c.Waiting = now.Sub(r.RaisedAt)
		c.Overdue = c.Waiting > ActionTimeLimit
	}
	if r.ClosedAt != nil {
		d := r.ClosedAt.Sub(r.RaisedAt)
		c.ToClose = &d
	}
	return c
}

// Filter narrows a list of concerns. Zero fields match all.
type Filter struct {
	Status domain.ConcernStatus
	// Open leaves out closed concerns.
	Open bool
}

// MoveDetails are what the lead records with a move.
type MoveDetails struct {
	// ReferredTo is who the concern was referred to (required to refer):
	// "Prison safer custody team", "Local authority designated officer".
	ReferredTo string
	// Note is added to the concern's notes, with who wrote it and when.
	Note string
	// Release, when closing, records that the lead found no disclosure:
	// the contribution is unflagged and returns to analysis. A false flag
	// then costs the lead a minute rather than losing the contribution.
	Release bool
}

// Store is what the service needs from storage; *store.DB implements it.
type Store interface {
	CreateConcern(ctx context.Context, r *Record) error
	Concern(ctx context.Context, id string) (*Record, error)
	ConcernByContribution(ctx context.Context, contributionID string) (*Record, error)
	Concerns(ctx context.Context, programmeID string, f Filter) ([]Record, error)
	// UpdateConcern writes r if the stored concern is still in status from,
	// and returns a conflict error otherwise.
	UpdateConcern(ctx context.Context, r *Record, from domain.ConcernStatus) error
	// FlaggedWithoutConcern lists flagged contributions that have no concern.
	FlaggedWithoutConcern(ctx context.Context, programmeID string) ([]domain.Contribution, error)
	// SetRawText stores a contribution's sealed raw text.
	SetRawText(ctx context.Context, contributionID string, sealed []byte) error
	// ReleaseContribution unflags a contribution so it returns to analysis.
	ReleaseContribution(ctx context.Context, contributionID string) error
}

// Auditor records one audit event; *audit.Log implements it.
type Auditor interface {
	Record(ctx context.Context, e domain.AuditEvent) error
}

type actorKey struct{}

// Actor is who is acting, for the audit log of reads.
type Actor struct {
	UserID string
	Addr   string
}

// WithActor returns a context carrying who is acting. The web layer sets it
// for every request; reads without it are refused, so none goes unlogged.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor in ctx, if any.
func ActorFrom(ctx context.Context) (Actor, bool) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	return a, ok && a.UserID != ""
}
