package audit

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"peervoice/domain"
)

// Actions in common use. Any short lower-case word is accepted; these keep
// the filterable audit page consistent.
const (
	ActionRead   = "read"
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
	ActionExport = "export"
)

// Resources in common use: the kinds of data whose every read and write is
// logged.
const (
	ResourceContribution = "contribution"
	ResourceSafeguarding = "safeguarding_concern"
	ResourceParticipant  = "participant"
	ResourceSession      = "session"
	ResourceReport       = "report"
)

// maxField bounds each text field, so a hostile client cannot bloat the log
// through a header it controls (Addr, for one).
const maxField = 512

// Filter narrows an audit query. Zero fields match everything. Results come
// newest first.
type Filter struct {
	ActorID     string
	Action      string
	Resource    string
	ResourceID  string
	ProgrammeID string
	// Since and Until bound At: Since inclusive, Until exclusive.
	Since time.Time
	Until time.Time
	// Limit defaults to DefaultLimit and is capped at MaxLimit.
	Limit  int
	Offset int
}

// Paging defaults for Filter.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// PageSize returns the limit to apply: Limit, defaulted and capped.
func (f Filter) PageSize() int {
	switch {
	case f.Limit <= 0:
		return DefaultLimit
	case f.Limit > MaxLimit:
		return MaxLimit
	}
	return f.Limit
}

// Appender adds one entry to the chain, filling in its Seq, PrevHash and
// Hash. *store.DB implements it.
type Appender interface {
	AppendAudit(ctx context.Context, e *domain.AuditEvent) error
}

// Reader lists entries matching a filter, newest first. *store.DB
// implements it.
type Reader interface {
	AuditEvents(ctx context.Context, f Filter) ([]domain.AuditEvent, error)
}

// ChainReader calls fn with every entry in ascending Seq order, stopping at
// the first error fn returns. *store.DB implements it.
type ChainReader interface {
	AuditChain(ctx context.Context, fn func(domain.AuditEvent) error) error
}

// Store is everything the log needs from storage.
type Store interface {
	Appender
	Reader
	ChainReader
}

// Log records and lists audit entries.
type Log struct {
	store Store
	now   func() time.Time
}

// New returns a Log on s.
func New(s Store) *Log {
	return &Log{store: s, now: time.Now}
}

// Record appends e to the log, stamping it with the current time if At is
// zero. The caller fills in who (ActorID), what (Action, Resource,
// ResourceID, ProgrammeID) and from where (Addr).
func (l *Log) Record(ctx context.Context, e domain.AuditEvent) error {
	if e.At.IsZero() {
		e.At = l.now()
	}
	if err := l.store.AppendAudit(ctx, &e); err != nil {
		return fmt.Errorf("audit: record %s %s: %w", e.Action, e.Resource, err)
	}
	return nil
}

// List returns the entries matching f, newest first.
func (l *Log) List(ctx context.Context, f Filter) ([]domain.AuditEvent, error) {
	es, err := l.store.AuditEvents(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("audit: list: %w", err)
	}
	return es, nil
}

// Verify checks the whole chain; see the package-level Verify.
func (l *Log) Verify(ctx context.Context, anchors ...Anchor) (Report, error) {
	return Verify(ctx, l.store, anchors...)
}

// Validate checks the fields a caller supplies. Action and Resource are
// required; every field must be valid UTF-8 without NUL bytes (PostgreSQL
// refuses them, and they would make the log unreadable) and at most 512
// bytes long.
func Validate(e domain.AuditEvent) error {
	p := domain.Problems{}
	if strings.TrimSpace(e.Action) == "" {
		p.Add("action", "Say what was done.")
	}
	if strings.TrimSpace(e.Resource) == "" {
		p.Add("resource", "Say what kind of data it was done to.")
	}
	fields := map[string]string{"actor_id": e.ActorID, "action": e.Action, "resource": e.Resource,
		"resource_id": e.ResourceID, "programme_id": e.ProgrammeID, "addr": e.Addr}
	for name, v := range fields {
		if problem := textProblem(v); problem != "" {
			p.Add(name, problem)
		}
	}
	return p.Err("The audit entry")
}

// textProblem says what is wrong with one text field, or "".
func textProblem(v string) string {
	switch {
	case len(v) > maxField:
		return fmt.Sprintf("Must be at most %d bytes.", maxField)
	case !utf8.ValidString(v):
		return "Must be valid UTF-8."
	case strings.ContainsRune(v, 0):
		return "Must not contain NUL bytes."
	}
	return ""
}
