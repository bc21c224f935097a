package store

import (
	"context"
	"fmt"

	"peervoice/domain"
)

// PutDebateVotes inserts debate votes, or replaces the one with the same ID.
// Imports give each tally a stable ID, so a corrected sheet imported again
// updates its tallies instead of adding to them.
func (s *DB) PutDebateVotes(ctx context.Context, vs []domain.DebateVote) error {
	return s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		for i := range vs {
			v := &vs[i]
			if v.ID == "" {
				v.ID = domain.NewID()
			}
			if err := v.Validate(); err != nil {
				return err
			}
			if _, err := t.exec(ctx, `INSERT INTO debate_votes (id, activity_id, participant_id, phase, position, count)
				VALUES (?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET activity_id = excluded.activity_id,
				participant_id = excluded.participant_id, phase = excluded.phase, position = excluded.position,
				count = excluded.count`,
				v.ID, v.ActivityID, nullable(v.ParticipantID), string(v.Phase), string(v.Position), v.Count); err != nil {
				return fmt.Errorf("store: put debate vote: %w", err)
			}
		}
		return nil
	})
}

// PutDotVotes inserts dot votes, or replaces the one with the same ID, for
// the same reason as PutDebateVotes.
func (s *DB) PutDotVotes(ctx context.Context, vs []domain.DotVote) error {
	return s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		for i := range vs {
			v := &vs[i]
			if v.ID == "" {
				v.ID = domain.NewID()
			}
			if err := v.Validate(); err != nil {
				return err
			}
			if _, err := t.exec(ctx, `INSERT INTO dot_votes (id, activity_id, participant_id, option, dots)
				VALUES (?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET activity_id = excluded.activity_id,
				participant_id = excluded.participant_id, option = excluded.option, dots = excluded.dots`,
				v.ID, v.ActivityID, nullable(v.ParticipantID), v.Option, v.Dots); err != nil {
				return fmt.Errorf("store: put dot vote: %w", err)
			}
		}
		return nil
	})
}

// SessionAttendees lists the participants recorded as attending a session,
// by code, so a capture template can list them as the printed sheets do.
func (s *DB) SessionAttendees(ctx context.Context, sessionID string) ([]domain.Participant, error) {
	return s.participants(ctx, `WHERE id IN (SELECT participant_id FROM attendance WHERE session_id = ?) ORDER BY code`, sessionID)
}
