package store

import (
	"context"
	"fmt"

	"peervoice/domain"
)

// Debate and dot votes are written in two ways: Create inserts, so a
// repeated ID is a conflict; Put replaces the row with the same ID, so an
// import that gives each tally a stable ID updates it when a corrected
// sheet comes in again.
const (
	insertDebateVote = `INSERT INTO debate_votes (id, activity_id, participant_id, phase, position, count) VALUES (?,?,?,?,?,?)`
	upsertDebateVote = insertDebateVote + ` ON CONFLICT (id) DO UPDATE SET activity_id = excluded.activity_id,
		participant_id = excluded.participant_id, phase = excluded.phase, position = excluded.position, count = excluded.count`
	insertDotVote = `INSERT INTO dot_votes (id, activity_id, participant_id, option, dots) VALUES (?,?,?,?,?)`
	upsertDotVote = insertDotVote + ` ON CONFLICT (id) DO UPDATE SET activity_id = excluded.activity_id,
		participant_id = excluded.participant_id, option = excluded.option, dots = excluded.dots`
)

// CreateDebateVotes records debate votes or tallies in one transaction.
func (s *DB) CreateDebateVotes(ctx context.Context, vs []domain.DebateVote) error {
	return s.writeDebateVotes(ctx, vs, insertDebateVote)
}

// PutDebateVotes inserts debate votes, or replaces the one with the same ID.
func (s *DB) PutDebateVotes(ctx context.Context, vs []domain.DebateVote) error {
	return s.writeDebateVotes(ctx, vs, upsertDebateVote)
}

func (s *DB) writeDebateVotes(ctx context.Context, vs []domain.DebateVote, query string) error {
	return writeEach(ctx, s, vs, "debate vote", func(v *domain.DebateVote) *string { return &v.ID },
		(*domain.DebateVote).Validate, func(v *domain.DebateVote) []any {
			return []any{v.ID, v.ActivityID, nullable(v.ParticipantID), string(v.Phase), string(v.Position), v.Count}
		}, query)
}

// CreateDotVotes records dot votes in one transaction.
func (s *DB) CreateDotVotes(ctx context.Context, vs []domain.DotVote) error {
	return s.writeDotVotes(ctx, vs, insertDotVote)
}

// PutDotVotes inserts dot votes, or replaces the one with the same ID.
func (s *DB) PutDotVotes(ctx context.Context, vs []domain.DotVote) error {
	return s.writeDotVotes(ctx, vs, upsertDotVote)
}

func (s *DB) writeDotVotes(ctx context.Context, vs []domain.DotVote, query string) error {
	return writeEach(ctx, s, vs, "dot vote", func(v *domain.DotVote) *string { return &v.ID },
		(*domain.DotVote).Validate, func(v *domain.DotVote) []any {
			return []any{v.ID, v.ActivityID, nullable(v.ParticipantID), v.Option, v.Dots}
		}, query)
}

// writeEach gives each item an ID if it has none, checks it, and writes it
// with query, all in one transaction: a bad item leaves nothing behind.
func writeEach[T any](ctx context.Context, s *DB, items []T, what string,
	id func(*T) *string, validate func(*T) error, args func(*T) []any, query string) error {
	return s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		for i := range items {
			if p := id(&items[i]); *p == "" {
				*p = domain.NewID()
			}
			if err := validate(&items[i]); err != nil {
				return err
			}
			if _, err := t.exec(ctx, query, args(&items[i])...); err != nil {
				return fmt.Errorf("store: write %s: %w", what, err)
			}
		}
		return nil
	})
}
