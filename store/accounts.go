package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"peervoice/auth"
	"peervoice/domain"
)

var _ auth.Store = (*DB)(nil)

const userColumns = `id, email, name, password_hash, totp_secret, is_admin, facilitator_id, created_at`

// scanUser reads one row of userColumns.
func scanUser(row interface{ Scan(...any) error }) (*domain.User, error) {
	var u domain.User
	var facilitator sql.NullString
	var created string
	if err := row.Scan(&u.ID, &u.Email, &u.Name, &u.PasswordHash, &u.TOTPSecret, &u.IsAdmin, &facilitator, &created); err != nil {
		return nil, err
	}
	u.FacilitatorID, u.CreatedAt = facilitator.String, parseTimestamp(created)
	return &u, nil
}

// UserByID finds an account by its ID.
func (s *DB) UserByID(ctx context.Context, id string) (*domain.User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("store: user %s: %w", id, translate(err))
	}
	return u, nil
}

// Users lists every account by email.
func (s *DB) Users(ctx context.Context) ([]domain.User, error) {
	rows, err := s.query(ctx, `SELECT `+userColumns+` FROM users ORDER BY email`)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var out []domain.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan user: %w", err)
		}
		out = append(out, *u)
	}
	return out, translate(rows.Err())
}

// SetTOTPSecret sets (or, with "", clears) a user's TOTP secret.
func (s *DB) SetTOTPSecret(ctx context.Context, userID, secret string) error {
	return s.updateOne(ctx, "The user", `UPDATE users SET totp_secret = ? WHERE id = ?`, secret, userID)
}

// ClaimTOTPStep moves the user's last used TOTP step forward, or fails
// with a conflict if the step is not newer.
func (s *DB) ClaimTOTPStep(ctx context.Context, userID string, step int64) error {
	res, err := s.exec(ctx, `UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?`, step, userID, step)
	if err != nil {
		return fmt.Errorf("store: claim TOTP step: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.Errorf(domain.EConflict, "That code has already been used. Wait for the next one.")
	}
	return nil
}

// updateOne runs an UPDATE or DELETE that must touch exactly one row.
func (s *DB) updateOne(ctx context.Context, what, query string, args ...any) error {
	res, err := s.exec(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: update %s: %w", strings.ToLower(what), err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound(what)
	}
	return nil
}

// CreateWebSession stores a new web session.
func (s *DB) CreateWebSession(ctx context.Context, ws *auth.WebSession) error {
	_, err := s.exec(ctx, `INSERT INTO web_sessions (token_hash, user_id, csrf_token, mfa_done, pending_totp, created_at, last_seen_at)
		VALUES (?,?,?,?,?,?,?)`, ws.TokenHash, ws.UserID, ws.CSRF, ws.MFADone, ws.PendingTOTP,
		timestamp(ws.CreatedAt), timestamp(ws.LastSeenAt))
	if err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// WebSession finds a web session by the hash of its token.
func (s *DB) WebSession(ctx context.Context, tokenHash string) (*auth.WebSession, error) {
	var ws auth.WebSession
	var created, seen string
	err := s.queryRow(ctx, `SELECT token_hash, user_id, csrf_token, mfa_done, pending_totp, created_at, last_seen_at
		FROM web_sessions WHERE token_hash = ?`, tokenHash).
		Scan(&ws.TokenHash, &ws.UserID, &ws.CSRF, &ws.MFADone, &ws.PendingTOTP, &created, &seen)
	if err != nil {
		return nil, fmt.Errorf("store: session: %w", translate(err))
	}
	ws.CreatedAt, ws.LastSeenAt = parseTimestamp(created), parseTimestamp(seen)
	return &ws, nil
}

// UpdateWebSession saves a session's MFA state, pending secret and last use.
func (s *DB) UpdateWebSession(ctx context.Context, ws *auth.WebSession) error {
	return s.updateOne(ctx, "The session", `UPDATE web_sessions SET mfa_done = ?, pending_totp = ?, last_seen_at = ? WHERE token_hash = ?`,
		ws.MFADone, ws.PendingTOTP, timestamp(ws.LastSeenAt), ws.TokenHash)
}

// DeleteWebSession ends a session; ending one that is gone is harmless.
func (s *DB) DeleteWebSession(ctx context.Context, tokenHash string) error {
	if _, err := s.exec(ctx, `DELETE FROM web_sessions WHERE token_hash = ?`, tokenHash); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// DeleteUserWebSessions ends every session of a user, as after a password change.
func (s *DB) DeleteUserWebSessions(ctx context.Context, userID string) error {
	if _, err := s.exec(ctx, `DELETE FROM web_sessions WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("store: delete sessions: %w", err)
	}
	return nil
}

// CreateAPIToken stores a bearer token's hash.
func (s *DB) CreateAPIToken(ctx context.Context, t *auth.APIToken) error {
	_, err := s.exec(ctx, `INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at) VALUES (?,?,?,?)`,
		t.TokenHash, t.UserID, timestamp(t.CreatedAt), timestamp(t.ExpiresAt))
	if err != nil {
		return fmt.Errorf("store: create API token: %w", err)
	}
	return nil
}

// APITokenByHash finds a bearer token by its hash.
func (s *DB) APITokenByHash(ctx context.Context, tokenHash string) (*auth.APIToken, error) {
	var t auth.APIToken
	var created, expires string
	err := s.queryRow(ctx, `SELECT token_hash, user_id, created_at, expires_at FROM api_tokens WHERE token_hash = ?`, tokenHash).
		Scan(&t.TokenHash, &t.UserID, &created, &expires)
	if err != nil {
		return nil, fmt.Errorf("store: API token: %w", translate(err))
	}
	t.CreatedAt, t.ExpiresAt = parseTimestamp(created), parseTimestamp(expires)
	return &t, nil
}

// CreateInvitation stores an invitation. Emails are stored lower-case.
func (s *DB) CreateInvitation(ctx context.Context, inv *auth.Invitation) error {
	inv.Email = strings.ToLower(strings.TrimSpace(inv.Email))
	_, err := s.exec(ctx, `INSERT INTO invitations (token_hash, email, programme_id, role, is_admin, invited_by, created_at, expires_at)
		VALUES (?,?,?,?,?,?,?,?)`, inv.TokenHash, inv.Email, nullable(inv.ProgrammeID), string(inv.Role), inv.IsAdmin,
		inv.InvitedBy, timestamp(inv.CreatedAt), timestamp(inv.ExpiresAt))
	if err != nil {
		return fmt.Errorf("store: create invitation: %w", err)
	}
	return nil
}

const invitationColumns = `token_hash, email, programme_id, role, is_admin, invited_by, created_at, expires_at, used_at`

func scanInvitation(row interface{ Scan(...any) error }) (*auth.Invitation, error) {
	var inv auth.Invitation
	var programme, used sql.NullString
	var role, created, expires string
	if err := row.Scan(&inv.TokenHash, &inv.Email, &programme, &role, &inv.IsAdmin, &inv.InvitedBy, &created, &expires, &used); err != nil {
		return nil, err
	}
	inv.ProgrammeID, inv.Role = programme.String, domain.Role(role)
	inv.CreatedAt, inv.ExpiresAt = parseTimestamp(created), parseTimestamp(expires)
	if used.Valid {
		t := parseTimestamp(used.String)
		inv.UsedAt = &t
	}
	return &inv, nil
}

// InvitationByHash finds an invitation by the hash of its link token.
func (s *DB) InvitationByHash(ctx context.Context, tokenHash string) (*auth.Invitation, error) {
	inv, err := scanInvitation(s.queryRow(ctx, `SELECT `+invitationColumns+` FROM invitations WHERE token_hash = ?`, tokenHash))
	if err != nil {
		return nil, fmt.Errorf("store: invitation: %w", translate(err))
	}
	return inv, nil
}

// Invitations lists invitations, newest first.
func (s *DB) Invitations(ctx context.Context) ([]auth.Invitation, error) {
	rows, err := s.query(ctx, `SELECT `+invitationColumns+` FROM invitations ORDER BY created_at DESC`)
	if err != nil {
		return nil, fmt.Errorf("store: invitations: %w", err)
	}
	defer rows.Close()
	var out []auth.Invitation
	for rows.Next() {
		inv, err := scanInvitation(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan invitation: %w", err)
		}
		out = append(out, *inv)
	}
	return out, translate(rows.Err())
}

// MarkInvitationUsed consumes an unused invitation, or fails with a conflict.
func (s *DB) MarkInvitationUsed(ctx context.Context, tokenHash string, at time.Time) error {
	res, err := s.exec(ctx, `UPDATE invitations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL`, timestamp(at), tokenHash)
	if err != nil {
		return fmt.Errorf("store: use invitation: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.Errorf(domain.EConflict, "This invitation has already been used.")
	}
	return nil
}

// ReplaceRecoveryCodes swaps a user's recovery codes for a fresh set.
func (s *DB) ReplaceRecoveryCodes(ctx context.Context, userID string, hashes []string) error {
	return s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		if _, err := t.exec(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, userID); err != nil {
			return fmt.Errorf("store: clear recovery codes: %w", err)
		}
		for _, h := range hashes {
			if _, err := t.exec(ctx, `INSERT INTO recovery_codes (user_id, code_hash) VALUES (?,?)`, userID, h); err != nil {
				return fmt.Errorf("store: add recovery code: %w", err)
			}
		}
		return nil
	})
}

// UseRecoveryCode consumes one unused code of the user's.
func (s *DB) UseRecoveryCode(ctx context.Context, userID, hash string, at time.Time) error {
	return s.updateOne(ctx, "The recovery code", `UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`,
		timestamp(at), userID, hash)
}

// UnusedRecoveryCodes counts the codes a user has left.
func (s *DB) UnusedRecoveryCodes(ctx context.Context, userID string) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL`, userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count recovery codes: %w", translate(err))
	}
	return n, nil
}

// RecordLoginFailure notes a failed sign-in against key (an account or an
// address), and forgets failures older than a day while it is there.
func (s *DB) RecordLoginFailure(ctx context.Context, key string, at time.Time) error {
	if _, err := s.exec(ctx, `INSERT INTO login_failures (key, at) VALUES (?,?)`, key, timestamp(at)); err != nil {
		return fmt.Errorf("store: record login failure: %w", err)
	}
	if _, err := s.exec(ctx, `DELETE FROM login_failures WHERE at < ?`, timestamp(at.Add(-24*time.Hour))); err != nil {
		return fmt.Errorf("store: prune login failures: %w", err)
	}
	return nil
}

// LoginFailures counts failures against key since a time.
func (s *DB) LoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM login_failures WHERE key = ? AND at >= ?`, key, timestamp(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count login failures: %w", translate(err))
	}
	return n, nil
}

// ClearLoginFailures forgets the failures against key, after a good sign-in.
func (s *DB) ClearLoginFailures(ctx context.Context, key string) error {
	if _, err := s.exec(ctx, `DELETE FROM login_failures WHERE key = ?`, key); err != nil {
		return fmt.Errorf("store: clear login failures: %w", err)
	}
	return nil
}
