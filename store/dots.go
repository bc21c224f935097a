package store

import (
	"context"
	"database/sql"
	"fmt"

	"peervoice/domain"
)

// DotVotes lists an activity's dot votes, leaving out withdrawn participants.
func (s *DB) DotVotes(ctx context.Context, activityID string) ([]domain.DotVote, error) {
	rows, err := s.query(ctx, `SELECT d.id, d.activity_id, d.participant_id, d.option, d.dots
		FROM dot_votes d LEFT JOIN participants p ON p.id = d.participant_id
		WHERE d.activity_id = ? AND (p.id IS NULL OR p.withdrawn_at IS NULL) ORDER BY d.option, d.id`, activityID)
	if err != nil {
		return nil, fmt.Errorf("store: dot votes: %w", err)
	}
	defer rows.Close()
	var out []domain.DotVote
	for rows.Next() {
		var v domain.DotVote
		var participant sql.NullString
		if err := rows.Scan(&v.ID, &v.ActivityID, &participant, &v.Option, &v.Dots); err != nil {
			return nil, fmt.Errorf("store: scan dot vote: %w", err)
		}
		v.ParticipantID = participant.String
		out = append(out, v)
	}
	return out, translate(rows.Err())
}
