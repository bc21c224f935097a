// Package retention deletes what peervoice no longer has a reason to keep
// and makes sure it stays deleted: raw (pre-review) text after the
// programme's retention period or once its redaction is approved, the
// notes of closed safeguarding concerns after retention, all contribution
// data of a programme once its end date plus retention has passed, and a
// withdrawn participant's data.
//
// Every deletion is written to the deletions table (and, if configured, a
// journal file kept outside the database), and Reapply re-does every one of
// them, so restoring an older backup does not bring deleted data back into
// outputs. See docs/decisions/0004-encryption-at-rest.md for the limits.
package retention

import (
	"context"
	"fmt"
	"strings"
	"time"

	"peervoice/domain"
)

// Kind is what a deletion removed.
type Kind string

// Kinds of deletion. RecordID names a contribution, concern, participant or
// programme as the kind says.
const (
	// RawText is a contribution's sealed raw text (RecordID: contribution).
	RawText Kind = "raw_text"
	// ConcernNotes are a closed concern's notes (RecordID: concern).
	ConcernNotes Kind = "concern_notes"
	// ProgrammeData is every contribution and every statement, debate and
	// dot vote of an expired programme (RecordID: programme).
	ProgrammeData Kind = "programme_data"
	// Withdrawal marks a participant withdrawn (RecordID: participant).
	Withdrawal Kind = "withdrawal"
	// ParticipantData is a withdrawn participant's contributions and
	// votes of every kind, deleted for good when they withdraw before the
	// cut-off (RecordID: participant).
	ParticipantData Kind = "participant_data"
)

// Deletion is one entry in the deletions table.
type Deletion struct {
	ProgrammeID string    `json:"programme_id"`
	Kind        Kind      `json:"kind"`
	RecordID    string    `json:"record_id"`
	DeletedAt   time.Time `json:"deleted_at"`
}

// Counts are the rows a set of deletions changed.
type Counts struct {
	RawTexts      int `json:"raw_texts"`
	Notes         int `json:"concern_notes"`
	Contributions int `json:"contributions"`
	Votes         int `json:"votes"`
	DebateVotes   int `json:"debate_votes"`
	DotVotes      int `json:"dot_votes"`
	Withdrawals   int `json:"withdrawals"`
}

// Add adds o to c.
func (c *Counts) Add(o Counts) {
	c.RawTexts += o.RawTexts
	c.Notes += o.Notes
	c.Contributions += o.Contributions
	c.Votes += o.Votes
	c.DebateVotes += o.DebateVotes
	c.DotVotes += o.DotVotes
	c.Withdrawals += o.Withdrawals
}

// String says what was removed, in words.
func (c Counts) String() string {
	parts := []string{}
	add := func(n int, one, many string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(c.RawTexts, "raw text", "raw texts")
	add(c.Notes, "set of concern notes", "sets of concern notes")
	add(c.Contributions, "contribution", "contributions")
	add(c.Votes, "statement vote", "statement votes")
	add(c.DebateVotes, "debate vote", "debate votes")
	add(c.DotVotes, "dot vote", "dot votes")
	add(c.Withdrawals, "withdrawal", "withdrawals")
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}

// Store is what retention needs from storage; *store.DB implements it.
type Store interface {
	Programmes(ctx context.Context) ([]domain.Programme, error)
	// RawTextDue lists contributions of the programme still holding raw
	// text that was created before createdBefore or, if approved is true,
	// whose redaction has been approved.
	RawTextDue(ctx context.Context, programmeID string, createdBefore time.Time, approved bool) ([]string, error)
	// ClosedNotesDue lists closed concerns of the programme that still hold
	// notes and were closed before closedBefore.
	ClosedNotesDue(ctx context.Context, programmeID string, closedBefore time.Time) ([]string, error)
	// HasProgrammeData reports whether any contribution or vote is left.
	HasProgrammeData(ctx context.Context, programmeID string) (bool, error)
	// ApplyDeletions carries out ds in one transaction; with record true it
	// also adds them to the deletions table.
	ApplyDeletions(ctx context.Context, ds []Deletion, record bool) (Counts, error)
	// Deletions lists the deletions table, oldest first.
	Deletions(ctx context.Context) ([]Deletion, error)
}
