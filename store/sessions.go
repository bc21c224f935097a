package store

import (
	"context"
	"database/sql"
	"fmt"

	"peervoice/domain"
)

const sessionColumns = `id, programme_id, site_id, title, date, start_time, end_time, lead_facilitator_id,
	co_facilitator_id, target_group, status, check_code, created_at`

// CreateSession inserts a session after checking it against its programme.
func (s *DB) CreateSession(ctx context.Context, x *domain.Session) error {
	p, err := s.Programme(ctx, x.ProgrammeID)
	if err != nil {
		return err
	}
	if x.ID == "" {
		x.ID = domain.NewID()
	}
	if x.CreatedAt.IsZero() {
		x.CreatedAt = s.now().UTC()
	}
	x.CheckCode = domain.SessionCheckCode(x.ID)
	if err := x.Validate(p); err != nil {
		return err
	}
	_, err = s.exec(ctx, `INSERT INTO sessions (`+sessionColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		x.ID, x.ProgrammeID, x.SiteID, x.Title, string(x.Date), x.StartTime, x.EndTime, x.LeadFacilitatorID,
		nullable(x.CoFacilitatorID), x.TargetGroup, string(x.Status), x.CheckCode, timestamp(x.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// Session returns the session with the given ID.
func (s *DB) Session(ctx context.Context, id string) (*domain.Session, error) {
	xs, err := s.sessions(ctx, `WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(xs) == 0 {
		return nil, notFound("The session")
	}
	return &xs[0], nil
}

// Sessions lists a programme's sessions by date.
func (s *DB) Sessions(ctx context.Context, programmeID string) ([]domain.Session, error) {
	return s.sessions(ctx, `WHERE programme_id = ? ORDER BY date, start_time, id`, programmeID)
}

func (s *DB) sessions(ctx context.Context, where string, args ...any) ([]domain.Session, error) {
	rows, err := s.query(ctx, `SELECT `+sessionColumns+` FROM sessions `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}
	defer rows.Close()
	var out []domain.Session
	for rows.Next() {
		var x domain.Session
		var date, status, created string
		var co sql.NullString
		if err := rows.Scan(&x.ID, &x.ProgrammeID, &x.SiteID, &x.Title, &date, &x.StartTime, &x.EndTime,
			&x.LeadFacilitatorID, &co, &x.TargetGroup, &status, &x.CheckCode, &created); err != nil {
			return nil, fmt.Errorf("store: scan session: %w", err)
		}
		x.Date, x.Status, x.CoFacilitatorID = domain.Date(date), domain.SessionStatus(status), co.String
		x.CreatedAt = parseTimestamp(created)
		out = append(out, x)
	}
	return out, translate(rows.Err())
}

// CreateActivity adds a step to a session's plan.
func (s *DB) CreateActivity(ctx context.Context, a *domain.Activity) error {
	if a.ID == "" {
		a.ID = domain.NewID()
	}
	if err := a.Validate(); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO activities (id, session_id, kind, area_id, title, prompt, minutes, position) VALUES (?,?,?,?,?,?,?,?)`,
		a.ID, a.SessionID, string(a.Kind), nullable(a.AreaID), a.Title, a.Prompt, a.Minutes, a.Position)
	if err != nil {
		return fmt.Errorf("store: create activity: %w", err)
	}
	return nil
}

// Activities lists a session's plan in order.
func (s *DB) Activities(ctx context.Context, sessionID string) ([]domain.Activity, error) {
	rows, err := s.query(ctx, `SELECT id, session_id, kind, area_id, title, prompt, minutes, position FROM activities
		WHERE session_id = ? ORDER BY position, id`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("store: activities: %w", err)
	}
	defer rows.Close()
	var out []domain.Activity
	for rows.Next() {
		var a domain.Activity
		var kind string
		var area sql.NullString
		if err := rows.Scan(&a.ID, &a.SessionID, &kind, &area, &a.Title, &a.Prompt, &a.Minutes, &a.Position); err != nil {
			return nil, fmt.Errorf("store: scan activity: %w", err)
		}
		a.Kind, a.AreaID = domain.ActivityKind(kind), area.String
		out = append(out, a)
	}
	return out, translate(rows.Err())
}
