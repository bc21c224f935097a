package store

import (
	"context"
	"fmt"
	"time"

	"peervoice/domain"
	"peervoice/retention"
)

var (
	_ retention.Store         = (*DB)(nil)
	_ retention.WithdrawStore = (*DB)(nil)
)

// RawTextDue lists contributions of a programme holding raw text created
// before createdBefore or, when approved is true, already approved.
func (s *DB) RawTextDue(ctx context.Context, programmeID string, createdBefore time.Time, approved bool) ([]string, error) {
	return s.ids(ctx, `SELECT id FROM contributions WHERE programme_id = ? AND raw_text IS NOT NULL
		AND (created_at < ? OR (? AND review = ?)) ORDER BY id`,
		programmeID, timestamp(createdBefore), approved, string(domain.ReviewApproved))
}

// ClosedNotesDue lists a programme's closed concerns that still hold notes
// and were closed before closedBefore.
func (s *DB) ClosedNotesDue(ctx context.Context, programmeID string, closedBefore time.Time) ([]string, error) {
	return s.ids(ctx, `SELECT id FROM safeguarding_concerns WHERE programme_id = ? AND status = ?
		AND notes IS NOT NULL AND closed_at < ? ORDER BY id`,
		programmeID, string(domain.ConcernClosed), timestamp(closedBefore))
}

func (s *DB) ids(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: ids: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: scan id: %w", err)
		}
		out = append(out, id)
	}
	return out, translate(rows.Err())
}

// HasProgrammeData reports whether a programme still holds contributions
// or participant votes of any kind.
func (s *DB) HasProgrammeData(ctx context.Context, programmeID string) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM contributions WHERE programme_id = ?) +
		(SELECT COUNT(*) FROM votes v JOIN statements st ON st.id = v.statement_id WHERE st.programme_id = ?) +
		(SELECT COUNT(*) FROM debate_votes d WHERE d.activity_id IN `+programmeActivities+`) +
		(SELECT COUNT(*) FROM dot_votes d WHERE d.activity_id IN `+programmeActivities+`)`,
		programmeID, programmeID, programmeID, programmeID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: programme data: %w", translate(err))
	}
	return n > 0, nil
}

// programmeActivities is a subquery of a programme's activity IDs.
const programmeActivities = `(SELECT a.id FROM activities a JOIN sessions x ON x.id = a.session_id WHERE x.programme_id = ?)`

// ParticipantData counts a participant's contributions and votes, for the
// withdrawal prompt.
func (s *DB) ParticipantData(ctx context.Context, participantID string) (retention.Counts, error) {
	var c retention.Counts
	err := s.queryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM contributions WHERE participant_id = ?),
		(SELECT COUNT(*) FROM votes WHERE participant_id = ?),
		(SELECT COUNT(*) FROM debate_votes WHERE participant_id = ?),
		(SELECT COUNT(*) FROM dot_votes WHERE participant_id = ?)`,
		participantID, participantID, participantID, participantID).Scan(&c.Contributions, &c.Votes, &c.DebateVotes, &c.DotVotes)
	if err != nil {
		return c, fmt.Errorf("store: participant data: %w", translate(err))
	}
	return c, nil
}

// WithdrawalCount is how many of a programme's participants have withdrawn:
// the one figure about them that outputs may state.
func (s *DB) WithdrawalCount(ctx context.Context, programmeID string) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM participants WHERE programme_id = ? AND withdrawn_at IS NOT NULL`,
		programmeID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: withdrawal count: %w", translate(err))
	}
	return n, nil
}

// ApplyDeletions carries out deletions in one transaction and, if record is
// true, adds them to the deletions table (an entry already there is kept
// as it was). Applying a deletion twice changes nothing the second time,
// which is what lets Reapply run at every start-up.
func (s *DB) ApplyDeletions(ctx context.Context, ds []retention.Deletion, record bool) (retention.Counts, error) {
	var total retention.Counts
	err := s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		total = retention.Counts{}
		for _, d := range ds {
			c, err := t.applyDeletion(ctx, d)
			if err != nil {
				return err
			}
			total.Add(c)
			if record {
				if err := t.recordDeletion(ctx, d); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return total, err
}

func (s *DB) recordDeletion(ctx context.Context, d retention.Deletion) error {
	_, err := s.exec(ctx, `INSERT INTO deletions (programme_id, kind, record_id, deleted_at) VALUES (?,?,?,?)
		ON CONFLICT DO NOTHING`, d.ProgrammeID, string(d.Kind), d.RecordID, timestamp(d.DeletedAt))
	if err != nil {
		return fmt.Errorf("store: record deletion: %w", err)
	}
	return nil
}

// applyDeletion makes one deletion and counts the rows it changed.
func (s *DB) applyDeletion(ctx context.Context, d retention.Deletion) (retention.Counts, error) {
	var c retention.Counts
	var err error
	switch d.Kind {
	case retention.RawText:
		c.RawTexts, err = s.affected(ctx, `UPDATE contributions SET raw_text = NULL WHERE id = ? AND raw_text IS NOT NULL`, d.RecordID)
	case retention.ConcernNotes:
		c.Notes, err = s.affected(ctx, `UPDATE safeguarding_concerns SET notes = NULL WHERE id = ? AND notes IS NOT NULL`, d.RecordID)
	case retention.Withdrawal:
		c.Withdrawals, err = s.affected(ctx, `UPDATE participants SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL`,
			timestamp(d.DeletedAt), d.RecordID)
	case retention.ParticipantData:
		c, err = s.deleteParticipantData(ctx, d.RecordID)
	case retention.ProgrammeData:
		c, err = s.deleteProgrammeData(ctx, d.RecordID)
	default:
		return c, domain.Errorf(domain.EInvalid, "Unknown kind of deletion %q.", d.Kind)
	}
	if err != nil {
		return c, fmt.Errorf("store: apply deletion %s %s: %w", d.Kind, d.RecordID, err)
	}
	return c, nil
}

// affected runs one statement and returns how many rows it changed.
func (s *DB) affected(ctx context.Context, query string, args ...any) (int, error) {
	res, err := s.exec(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// deleteParticipantData deletes everything a participant said or voted.
// Their attendance and the participant row stay: the row carries the
// withdrawal, and attendance feeds reach counts, which are suppressed.
func (s *DB) deleteParticipantData(ctx context.Context, participantID string) (retention.Counts, error) {
	return s.deleteCounted(ctx, []any{participantID},
		`DELETE FROM contributions WHERE participant_id = ?`,
		`DELETE FROM votes WHERE participant_id = ?`,
		`DELETE FROM debate_votes WHERE participant_id = ?`,
		`DELETE FROM dot_votes WHERE participant_id = ?`)
}

// deleteProgrammeData deletes an expired programme's contributions and
// votes. The programme, its sites and sessions, its findings and its
// safeguarding concerns stay.
func (s *DB) deleteProgrammeData(ctx context.Context, programmeID string) (retention.Counts, error) {
	return s.deleteCounted(ctx, []any{programmeID},
		`DELETE FROM contributions WHERE programme_id = ?`,
		`DELETE FROM votes WHERE statement_id IN (SELECT id FROM statements WHERE programme_id = ?)`,
		`DELETE FROM debate_votes WHERE activity_id IN `+programmeActivities,
		`DELETE FROM dot_votes WHERE activity_id IN `+programmeActivities)
}

// deleteCounted runs the four deletes (contributions, votes, debate votes,
// dot votes) in that order with the same argument.
func (s *DB) deleteCounted(ctx context.Context, args []any, queries ...string) (retention.Counts, error) {
	var c retention.Counts
	targets := []*int{&c.Contributions, &c.Votes, &c.DebateVotes, &c.DotVotes}
	for i, q := range queries {
		n, err := s.affected(ctx, q, args...)
		if err != nil {
			return c, err
		}
		*targets[i] = n
	}
	return c, nil
}

// Deletions lists the deletions table, oldest first.
func (s *DB) Deletions(ctx context.Context) ([]retention.Deletion, error) {
	rows, err := s.query(ctx, `SELECT programme_id, kind, record_id, deleted_at FROM deletions ORDER BY deleted_at, kind, record_id`)
	if err != nil {
		return nil, fmt.Errorf("store: deletions: %w", err)
	}
	defer rows.Close()
	var out []retention.Deletion
	for rows.Next() {
		var d retention.Deletion
		var kind, at string
		if err := rows.Scan(&d.ProgrammeID, &kind, &d.RecordID, &at); err != nil {
			return nil, fmt.Errorf("store: scan deletion: %w", err)
		}
		d.Kind, d.DeletedAt = retention.Kind(kind), parseTimestamp(at)
		out = append(out, d)
	}
	return out, translate(rows.Err())
}
