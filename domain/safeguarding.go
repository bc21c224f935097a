package domain

import "time"

// ConcernStatus is where a safeguarding concern is in its workflow:
// raised → assessed → referred → closed.
type ConcernStatus string

// Concern statuses in workflow order.
const (
	ConcernRaised   ConcernStatus = "raised"
	ConcernAssessed ConcernStatus = "assessed"
	ConcernReferred ConcernStatus = "referred"
	ConcernClosed   ConcernStatus = "closed"
)

// SafeguardingConcern is a possible disclosure routed to the programme's
// safeguarding lead. Nobody else sees it.
type SafeguardingConcern struct {
	ID             string        `json:"id"`
	ProgrammeID    string        `json:"programme_id"`
	ContributionID string        `json:"contribution_id,omitempty"`
	SessionID      string        `json:"session_id,omitempty"`
	Categories     []string      `json:"categories"`
	Reasons        []string      `json:"reasons"`
	Status         ConcernStatus `json:"status"`
	RaisedBy       string        `json:"raised_by"`
	RaisedAt       time.Time     `json:"raised_at"`
	ReferredTo     string        `json:"referred_to,omitempty"`
	ReferredAt     *time.Time    `json:"referred_at,omitempty"`
	ClosedAt       *time.Time    `json:"closed_at,omitempty"`
	Notes          string        `json:"notes,omitempty"`
}

// next lists the statuses each status may move to.
var next = map[ConcernStatus][]ConcernStatus{
	ConcernRaised:   {ConcernAssessed, ConcernClosed},
	ConcernAssessed: {ConcernReferred, ConcernClosed},
	ConcernReferred: {ConcernClosed},
}

// CanMove reports whether a concern may move from one status to another.
func (c *SafeguardingConcern) CanMove(to ConcernStatus) bool {
	for _, s := range next[c.Status] {
		if s == to {
			return true
		}
	}
	return false
}

// AuditEvent is one entry in the append-only, hash-chained audit log: who
// did what to which resource, when, and from where.
type AuditEvent struct {
	Seq         int64     `json:"seq"`
	At          time.Time `json:"at"`
	ActorID     string    `json:"actor_id"`
	Action      string    `json:"action"`
	Resource    string    `json:"resource"`
	ResourceID  string    `json:"resource_id,omitempty"`
	ProgrammeID string    `json:"programme_id,omitempty"`
	Addr        string    `json:"addr,omitempty"`
	PrevHash    string    `json:"prev_hash"`
	Hash        string    `json:"hash"`
}
