package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"peervoice/crypt"
	"peervoice/domain"
	"peervoice/safeguarding"
)

var _ safeguarding.Store = (*DB)(nil)

const concernColumns = `id, programme_id, contribution_id, session_id, categories, reasons, status, raised_by,
	raised_at, assessed_at, referred_to, referred_at, closed_at, notes`

// CreateConcern inserts a safeguarding concern. A second concern for the
// same contribution is a conflict.
func (s *DB) CreateConcern(ctx context.Context, r *safeguarding.Record) error {
	if err := checkSealed(r.SealedNotes); err != nil {
		return err
	}
	cats, reasons, err := concernJSON(r)
	if err != nil {
		return err
	}
	_, err = s.exec(ctx, `INSERT INTO safeguarding_concerns (`+concernColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		r.ID, r.ProgrammeID, nullable(r.ContributionID), nullable(r.SessionID), cats, reasons, string(r.Status),
		r.RaisedBy, timestamp(r.RaisedAt), nullTime(r.AssessedAt), r.ReferredTo, nullTime(r.ReferredAt),
		nullTime(r.ClosedAt), nullBytes(r.SealedNotes))
	if err != nil {
		return fmt.Errorf("store: create concern: %w", err)
	}
	return nil
}

// checkSealed refuses anything that is not a sealed value, so plain text
// cannot reach an encrypted column by mistake.
func checkSealed(b []byte) error {
	if b != nil && !crypt.IsSealed(b) {
		return domain.Errorf(domain.EInvalid, "Refusing to store unencrypted content in an encrypted column.")
	}
	return nil
}

func concernJSON(r *safeguarding.Record) (string, string, error) {
	cats, err := json.Marshal(nonNilStrings(r.Categories))
	if err != nil {
		return "", "", fmt.Errorf("store: concern categories: %w", err)
	}
	reasons, err := json.Marshal(nonNilStrings(r.Reasons))
	if err != nil {
		return "", "", fmt.Errorf("store: concern reasons: %w", err)
	}
	return string(cats), string(reasons), nil
}

func nonNilStrings(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return timestamp(*t)
}

func nullBytes(b []byte) any {
	if b == nil {
		return nil
	}
	return b
}

// Concern returns one concern.
func (s *DB) Concern(ctx context.Context, id string) (*safeguarding.Record, error) {
	return s.oneConcern(ctx, `WHERE id = ?`, id)
}

// ConcernByContribution returns the concern opened for a contribution.
func (s *DB) ConcernByContribution(ctx context.Context, contributionID string) (*safeguarding.Record, error) {
	return s.oneConcern(ctx, `WHERE contribution_id = ?`, contributionID)
}

func (s *DB) oneConcern(ctx context.Context, where string, arg string) (*safeguarding.Record, error) {
	rs, err := s.concerns(ctx, where, arg)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, notFound("The safeguarding concern")
	}
	return &rs[0], nil
}

// Concerns lists a programme's concerns, oldest first.
func (s *DB) Concerns(ctx context.Context, programmeID string, f safeguarding.Filter) ([]safeguarding.Record, error) {
	where, args := `WHERE programme_id = ?`, []any{programmeID}
	if f.Status != "" {
		where, args = where+` AND status = ?`, append(args, string(f.Status))
	}
	if f.Open {
		where, args = where+` AND status <> ?`, append(args, string(domain.ConcernClosed))
	}
	return s.concerns(ctx, where+` ORDER BY raised_at, id`, args...)
}

func (s *DB) concerns(ctx context.Context, where string, args ...any) ([]safeguarding.Record, error) {
	return queryAll(ctx, s, "concerns", `SELECT `+concernColumns+` FROM safeguarding_concerns `+where, scanConcern, args...)
}

func scanConcern(rows *sql.Rows) (safeguarding.Record, error) {
	var r safeguarding.Record
	var contribution, session, assessed, referred, closed sql.NullString
	var cats, reasons, status, raised string
	if err := rows.Scan(&r.ID, &r.ProgrammeID, &contribution, &session, &cats, &reasons, &status, &r.RaisedBy,
		&raised, &assessed, &r.ReferredTo, &referred, &closed, &r.SealedNotes); err != nil {
		return r, fmt.Errorf("store: scan concern: %w", err)
	}
	r.ContributionID, r.SessionID, r.Status = contribution.String, session.String, domain.ConcernStatus(status)
	r.RaisedAt, r.AssessedAt = parseTimestamp(raised), optTime(assessed)
	r.ReferredAt, r.ClosedAt = optTime(referred), optTime(closed)
	if err := json.Unmarshal([]byte(cats), &r.Categories); err != nil {
		return r, fmt.Errorf("store: concern %s categories: %w", r.ID, err)
	}
	if err := json.Unmarshal([]byte(reasons), &r.Reasons); err != nil {
		return r, fmt.Errorf("store: concern %s reasons: %w", r.ID, err)
	}
	return r, nil
}

func optTime(s sql.NullString) *time.Time {
	if !s.Valid {
		return nil
	}
	t := parseTimestamp(s.String)
	return &t
}

// UpdateConcern writes a concern's workflow fields and notes, provided it
// is still in status from: two leads acting at once cannot both move it.
func (s *DB) UpdateConcern(ctx context.Context, r *safeguarding.Record, from domain.ConcernStatus) error {
	if err := checkSealed(r.SealedNotes); err != nil {
		return err
	}
	res, err := s.exec(ctx, `UPDATE safeguarding_concerns SET status = ?, assessed_at = ?, referred_to = ?,
		referred_at = ?, closed_at = ?, notes = ? WHERE id = ? AND status = ?`,
		string(r.Status), nullTime(r.AssessedAt), r.ReferredTo, nullTime(r.ReferredAt), nullTime(r.ClosedAt),
		nullBytes(r.SealedNotes), r.ID, string(from))
	if err != nil {
		return fmt.Errorf("store: update concern: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if _, gone := s.Concern(ctx, r.ID); gone != nil {
			return gone
		}
		return domain.Errorf(domain.EConflict, "Someone else moved this concern while you were working on it. Reload it and try again.")
	}
	return nil
}

// FlaggedWithoutConcern lists a programme's flagged contributions that
// have no concern yet, withdrawn participants' included: a disclosure is
// acted on whatever else happens.
func (s *DB) FlaggedWithoutConcern(ctx context.Context, programmeID string) ([]domain.Contribution, error) {
	rows, err := s.query(ctx, `SELECT `+contributionColumns+` FROM contributions c
		WHERE c.programme_id = ? AND c.flagged = ? AND NOT EXISTS
			(SELECT 1 FROM safeguarding_concerns g WHERE g.contribution_id = c.id)
		ORDER BY c.created_at, c.id`, programmeID, true)
	if err != nil {
		return nil, fmt.Errorf("store: flagged without concern: %w", err)
	}
	defer rows.Close()
	var out []domain.Contribution
	for rows.Next() {
		c, err := scanContribution(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, translate(rows.Err())
}

// ReleaseContribution unflags a contribution the safeguarding lead found
// was not a disclosure, so it returns to analysis.
func (s *DB) ReleaseContribution(ctx context.Context, contributionID string) error {
	res, err := s.exec(ctx, `UPDATE contributions SET flagged = ? WHERE id = ?`, false, contributionID)
	if err != nil {
		return fmt.Errorf("store: release contribution: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("The contribution")
	}
	return nil
}
