package safeguarding

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"peervoice/crypt"
	"peervoice/domain"
	"peervoice/privacy/screen"
)

// RaisedByScreen is the RaisedBy of concerns opened by the screen.
const RaisedByScreen = "screen"

// maxNote bounds one note, like a contribution.
const maxNote = domain.MaxContributionChars

// Service is the concerns workflow. It is safe for concurrent use.
type Service struct {
	store Store
	audit Auditor
	keys  *crypt.Keyring
	now   func() time.Time
}

// New makes a service. keys may be nil when no key file is configured:
// concerns still open and move, but notes cannot be written and raw text
// is not kept.
func New(st Store, a Auditor, keys *crypt.Keyring) *Service {
	return &Service{store: st, audit: a, keys: keys, now: time.Now}
}

// WithClock makes the service read the time from now, for tests and for
// replaying imports with their own times. It returns s.
func (s *Service) WithClock(now func() time.Time) *Service {
	s.now = now
	return s
}

// Raise opens a concern by hand, as a facilitator does from the capture
// page: c.RaisedBy is their user ID and c.Notes what they wrote, which is
// stored encrypted.
func (s *Service) Raise(ctx context.Context, c domain.SafeguardingConcern) (*Concern, error) {
	if err := validateRaise(&c); err != nil {
		return nil, err
	}
	r := &Record{SafeguardingConcern: c}
	r.ID, r.Status, r.RaisedAt = domain.NewID(), domain.ConcernRaised, s.now().UTC()
	r.ReferredTo, r.ReferredAt, r.ClosedAt, r.Notes = "", nil, nil, ""
	if strings.TrimSpace(c.Notes) != "" {
		if err := s.appendNote(r, c.RaisedBy, c.Notes); err != nil {
			return nil, err
		}
	}
	if err := s.store.CreateConcern(ctx, r); err != nil {
		return nil, fmt.Errorf("safeguarding: raise: %w", err)
	}
	return s.written(ctx, r, c.RaisedBy, "create")
}

func validateRaise(c *domain.SafeguardingConcern) error {
	pr := domain.Problems{}
	if c.ProgrammeID == "" {
		pr.Add("programme_id", "Choose the programme.")
	}
	if strings.TrimSpace(c.RaisedBy) == "" {
		pr.Add("raised_by", "Say who is raising the concern.")
	}
	known := screen.Categories()
	for _, cat := range c.Categories {
		if !slices.Contains(known, cat) {
			pr.Add("categories", fmt.Sprintf("%q is not a safeguarding category.", cat))
		}
	}
	if len(c.Categories) == 0 && strings.TrimSpace(c.Notes) == "" {
		pr.Add("notes", "Choose a category or write what was disclosed.")
	}
	if msg := domain.TextProblem(c.Notes, maxNote); msg != "" {
		pr.Add("notes", msg)
	}
	return pr.Err("The concern")
}

// FromScreen opens the concern for a contribution the screen flagged, with
// the screen's categories and reasons. It is idempotent: a contribution
// that already has a concern gets that concern back. An unflagged result
// is refused, so callers check res.Flag first.
func (s *Service) FromScreen(ctx context.Context, contributionID, programmeID, sessionID string, res screen.Result) (*Concern, error) {
	return s.fromScreen(ctx, domain.Contribution{ID: contributionID, ProgrammeID: programmeID, SessionID: sessionID}, res, s.now())
}

// fromScreen opens the concern with the clock starting at raisedAt.
func (s *Service) fromScreen(ctx context.Context, c domain.Contribution, res screen.Result, raisedAt time.Time) (*Concern, error) {
	contributionID := c.ID
	if !res.Flag {
		return nil, domain.Errorf(domain.EInvalid, "The screen did not flag this contribution, so there is no concern to open.")
	}
	if existing, err := s.store.ConcernByContribution(ctx, contributionID); err == nil {
		return s.view(existing), nil
	} else if !errors.Is(err, domain.ErrNotFound) {
		return nil, fmt.Errorf("safeguarding: from screen: %w", err)
	}
	r := &Record{SafeguardingConcern: domain.SafeguardingConcern{
		ID: domain.NewID(), ProgrammeID: c.ProgrammeID, ContributionID: contributionID, SessionID: c.SessionID,
		Categories: nonNil(res.Categories), Reasons: nonNil(res.Reasons), Status: domain.ConcernRaised,
		RaisedBy: RaisedByScreen, RaisedAt: raisedAt.UTC(),
	}}
	err := s.store.CreateConcern(ctx, r)
	if errors.Is(err, domain.ErrConflict) {
		// Another server opened it a moment ago: that one stands.
		existing, err := s.store.ConcernByContribution(ctx, contributionID)
		if err != nil {
			return nil, fmt.Errorf("safeguarding: from screen: %w", err)
		}
		return s.view(existing), nil
	}
	if err != nil {
		return nil, fmt.Errorf("safeguarding: from screen: %w", err)
	}
	return s.written(ctx, r, RaisedByScreen, "create")
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// Move takes a concern to its next status, recording who did it and any
// details. A move the workflow does not allow is an invalid error that says
// which moves are allowed.
func (s *Service) Move(ctx context.Context, id string, to domain.ConcernStatus, actorID string, d MoveDetails) (*Concern, error) {
	if strings.TrimSpace(actorID) == "" {
		return nil, domain.Errorf(domain.EInvalid, "Say who is moving the concern.")
	}
	r, err := s.store.Concern(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("safeguarding: move %s: %w", id, err)
	}
	from := r.Status
	if err := s.apply(r, to, actorID, d); err != nil {
		return nil, err
	}
	if err := s.store.UpdateConcern(ctx, r, from); err != nil {
		return nil, fmt.Errorf("safeguarding: move %s: %w", id, err)
	}
	if d.Release {
		if err := s.release(ctx, r, actorID); err != nil {
			return nil, err
		}
	}
	return s.written(ctx, r, actorID, "update")
}

// release returns a closed concern's contribution to analysis, and logs
// who decided it was not a disclosure.
func (s *Service) release(ctx context.Context, r *Record, actorID string) error {
	if err := s.store.ReleaseContribution(ctx, r.ContributionID); err != nil {
		return fmt.Errorf("safeguarding: release %s: %w", r.ContributionID, err)
	}
	a, _ := ctx.Value(actorKey{}).(Actor)
	return s.audit.Record(ctx, domain.AuditEvent{ActorID: actorID, Action: "release", Resource: "contribution",
		ResourceID: r.ContributionID, ProgrammeID: r.ProgrammeID, Addr: a.Addr})
}

// apply checks and makes the move on r in memory.
func (s *Service) apply(r *Record, to domain.ConcernStatus, actorID string, d MoveDetails) error {
	if !r.CanMove(to) {
		return invalidMove(&r.SafeguardingConcern, to)
	}
	if d.Release && (to != domain.ConcernClosed || r.ContributionID == "") {
		return &domain.Error{Code: domain.EInvalid, Message: "Only a concern about a contribution can be released, and only when it is closed.",
			Fields: map[string]string{"release": "Choose this only when closing a concern that came from a contribution."}}
	}
	if msg := domain.TextProblem(d.Note, maxNote); msg != "" {
		return &domain.Error{Code: domain.EInvalid, Message: "The note is not valid.", Fields: map[string]string{"note": msg}}
	}
	now := s.now().UTC()
	switch to {
	case domain.ConcernAssessed:
		r.AssessedAt = &now
	case domain.ConcernReferred:
		if err := checkReferredTo(d.ReferredTo); err != nil {
			return err
		}
		r.ReferredTo, r.ReferredAt = strings.TrimSpace(d.ReferredTo), &now
	case domain.ConcernClosed:
		r.ClosedAt = &now
	}
	r.Status = to
	if strings.TrimSpace(d.Note) == "" {
		return nil
	}
	return s.appendNote(r, actorID, d.Note)
}

func checkReferredTo(to string) error {
	msg := domain.TextProblem(to, 200)
	if strings.TrimSpace(to) == "" {
		msg = "Say who the concern was referred to, for example the prison's safer custody team."
	}
	if msg == "" {
		return nil
	}
	return &domain.Error{Code: domain.EInvalid, Message: "The referral is not complete.", Fields: map[string]string{"referred_to": msg}}
}

// invalidMove explains a refused move in words the lead can act on.
func invalidMove(c *domain.SafeguardingConcern, to domain.ConcernStatus) error {
	if c.Status == to {
		return domain.Errorf(domain.EInvalid, "The concern is already %s.", to)
	}
	var allowed []string
	for _, st := range []domain.ConcernStatus{domain.ConcernRaised, domain.ConcernAssessed, domain.ConcernReferred, domain.ConcernClosed} {
		if c.CanMove(st) {
			allowed = append(allowed, string(st))
		}
	}
	if len(allowed) == 0 {
		return domain.Errorf(domain.EInvalid, "The concern is %s and cannot move to %s: a closed concern stays closed.", c.Status, to)
	}
	return domain.Errorf(domain.EInvalid, "A concern that is %s cannot move to %s; it can move to %s.", c.Status, to, strings.Join(allowed, " or "))
}

// List returns a programme's concerns, oldest first, and records a read of
// each in the audit log. The actor comes from the context (WithActor).
func (s *Service) List(ctx context.Context, programmeID string, f Filter) ([]Concern, error) {
	actor, err := requireActor(ctx)
	if err != nil {
		return nil, err
	}
	rs, err := s.store.Concerns(ctx, programmeID, f)
	if err != nil {
		return nil, fmt.Errorf("safeguarding: list: %w", err)
	}
	out := make([]Concern, 0, len(rs))
	for i := range rs {
		if err := s.record(ctx, &rs[i], actor, "read"); err != nil {
			return nil, err
		}
		out = append(out, *s.view(&rs[i]))
	}
	return out, nil
}

// Get returns one concern and records the read. The actor comes from the
// context (WithActor).
func (s *Service) Get(ctx context.Context, id string) (*Concern, error) {
	actor, err := requireActor(ctx)
	if err != nil {
		return nil, err
	}
	r, err := s.store.Concern(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("safeguarding: get %s: %w", id, err)
	}
	if err := s.record(ctx, r, actor, "read"); err != nil {
		return nil, err
	}
	return s.view(r), nil
}

func requireActor(ctx context.Context) (Actor, error) {
	a, ok := ActorFrom(ctx)
	if !ok {
		return a, domain.Errorf(domain.EForbidden, "Sign in to see safeguarding concerns: every view is logged.")
	}
	return a, nil
}

// written records a write in the audit log and returns the concern's view.
func (s *Service) written(ctx context.Context, r *Record, actorID, action string) (*Concern, error) {
	a, _ := ActorFrom(ctx)
	a.UserID = actorID
	if err := s.record(ctx, r, a, action); err != nil {
		return nil, err
	}
	return s.view(r), nil
}

func (s *Service) record(ctx context.Context, r *Record, a Actor, action string) error {
	err := s.audit.Record(ctx, domain.AuditEvent{ActorID: a.UserID, Action: action, Resource: Resource,
		ResourceID: r.ID, ProgrammeID: r.ProgrammeID, Addr: a.Addr})
	if err != nil {
		return fmt.Errorf("safeguarding: audit %s %s: %w", action, r.ID, err)
	}
	return nil
}

// view decrypts r's notes and works out its clock.
func (s *Service) view(r *Record) *Concern {
	c := &Concern{SafeguardingConcern: r.SafeguardingConcern, AssessedAt: r.AssessedAt, Clock: ClockAt(r, s.now())}
	c.Notes = s.openNotes(r)
	return c
}
