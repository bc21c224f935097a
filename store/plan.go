package store

import (
	"context"
	"fmt"

	"peervoice/domain"
)

// This file edits a session's plan after it is built: change, move and
// remove activities. Positions stay 1..n, as capture files and printed run
// sheets name activities by their position (A3).

// UpdateActivity saves an activity's title, prompt, minutes and area. Its
// kind, session and position stay as they were.
func (s *DB) UpdateActivity(ctx context.Context, a *domain.Activity) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return s.updateOne(ctx, "The activity", `UPDATE activities SET title = ?, prompt = ?, minutes = ?, area_id = ?
		WHERE id = ? AND session_id = ?`, a.Title, a.Prompt, a.Minutes, nullable(a.AreaID), a.ID, a.SessionID)
}

// ActivityDataCount counts what has been captured against an activity:
// contributions, debate votes, dot votes and team rankings. An activity
// with any of these cannot be removed, or the data would lose its place.
func (s *DB) ActivityDataCount(ctx context.Context, activityID string) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM contributions WHERE activity_id = ?) +
		(SELECT COUNT(*) FROM debate_votes WHERE activity_id = ?) +
		(SELECT COUNT(*) FROM dot_votes WHERE activity_id = ?) +
		(SELECT COUNT(*) FROM team_rankings WHERE activity_id = ?)`,
		activityID, activityID, activityID, activityID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: activity data count: %w", translate(err))
	}
	return n, nil
}

// DeleteActivity removes an activity from its session's plan and closes
// the gap in the positions. It is refused with a conflict if anything has
// been captured against the activity.
func (s *DB) DeleteActivity(ctx context.Context, sessionID, activityID string) error {
	return s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		pos, err := t.activityPosition(ctx, sessionID, activityID)
		if err != nil {
			return err
		}
		n, err := t.ActivityDataCount(ctx, activityID)
		if err != nil {
			return err
		}
		if n > 0 {
			return domain.Errorf(domain.EConflict, "This activity has %d captured record%s (contributions, votes or rankings), so it cannot be removed.", n, pluralS(n))
		}
		if _, err := t.exec(ctx, `DELETE FROM activity_statements WHERE activity_id = ?`, activityID); err != nil {
			return fmt.Errorf("store: delete activity statements: %w", err)
		}
		if _, err := t.exec(ctx, `DELETE FROM activities WHERE id = ?`, activityID); err != nil {
			return fmt.Errorf("store: delete activity: %w", err)
		}
		if _, err := t.exec(ctx, `UPDATE activities SET position = position - 1 WHERE session_id = ? AND position > ?`,
			sessionID, pos); err != nil {
			return fmt.Errorf("store: renumber activities: %w", err)
		}
		return nil
	})
}

// MoveActivity swaps an activity with its neighbour: up (by -1) or down
// (by +1). Moving the first up or the last down does nothing.
func (s *DB) MoveActivity(ctx context.Context, sessionID, activityID string, by int) error {
	if by != -1 && by != 1 {
		return domain.Errorf(domain.EInvalid, "An activity moves one place up or down.")
	}
	return s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		acts, err := t.Activities(ctx, sessionID)
		if err != nil {
			return err
		}
		i := activityIndex(acts, activityID)
		if i < 0 {
			return notFound("The activity")
		}
		j := i + by
		if j < 0 || j >= len(acts) {
			return nil
		}
		acts[i], acts[j] = acts[j], acts[i]
		return t.renumber(ctx, acts)
	})
}

// renumber writes positions 1..n in the order given.
func (s *DB) renumber(ctx context.Context, acts []domain.Activity) error {
	for i, a := range acts {
		if a.Position == i+1 {
			continue
		}
		if _, err := s.exec(ctx, `UPDATE activities SET position = ? WHERE id = ?`, i+1, a.ID); err != nil {
			return fmt.Errorf("store: renumber activities: %w", err)
		}
	}
	return nil
}

func activityIndex(acts []domain.Activity, id string) int {
	for i, a := range acts {
		if a.ID == id {
			return i
		}
	}
	return -1
}

// activityPosition finds an activity of the session, or not found.
func (s *DB) activityPosition(ctx context.Context, sessionID, activityID string) (int, error) {
	acts, err := s.Activities(ctx, sessionID)
	if err != nil {
		return 0, err
	}
	i := activityIndex(acts, activityID)
	if i < 0 {
		return 0, notFound("The activity")
	}
	return acts[i].Position, nil
}

func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
