package store

import (
	"context"

	"peervoice/domain"
)

// SessionAttendees lists the participants recorded as attending a session,
// by code, so a capture template can list them as the printed sheets do.
func (s *DB) SessionAttendees(ctx context.Context, sessionID string) ([]domain.Participant, error) {
	return s.participants(ctx, `WHERE id IN (SELECT participant_id FROM attendance WHERE session_id = ?) ORDER BY code`, sessionID)
}
