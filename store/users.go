package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"peervoice/domain"
)

// CreateUser inserts an account. Emails are stored lower-case.
func (s *DB) CreateUser(ctx context.Context, u *domain.User) error {
	if u.ID == "" {
		u.ID = domain.NewID()
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = s.now().UTC()
	}
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	if err := u.Validate(); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO users (id, email, name, password_hash, totp_secret, is_admin, facilitator_id, created_at)
		VALUES (?,?,?,?,?,?,?,?)`, u.ID, u.Email, u.Name, u.PasswordHash, u.TOTPSecret, u.IsAdmin,
		nullable(u.FacilitatorID), timestamp(u.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: create user: %w", err)
	}
	return nil
}

// UserByEmail finds an account by email, ignoring case.
func (s *DB) UserByEmail(ctx context.Context, email string) (*domain.User, error) {
	var u domain.User
	var facilitator sql.NullString
	var created string
	err := s.queryRow(ctx, `SELECT id, email, name, password_hash, totp_secret, is_admin, facilitator_id, created_at
		FROM users WHERE email = ?`, strings.ToLower(strings.TrimSpace(email))).
		Scan(&u.ID, &u.Email, &u.Name, &u.PasswordHash, &u.TOTPSecret, &u.IsAdmin, &facilitator, &created)
	if err != nil {
		return nil, fmt.Errorf("store: user by email: %w", translate(err))
	}
	u.FacilitatorID, u.CreatedAt = facilitator.String, parseTimestamp(created)
	return &u, nil
}

// SetPasswordHash replaces a user's password hash.
func (s *DB) SetPasswordHash(ctx context.Context, userID, hash string) error {
	res, err := s.exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID)
	if err != nil {
		return fmt.Errorf("store: set password: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("The user")
	}
	return nil
}

// AddMembership gives a user a role in a programme; adding it twice is harmless.
func (s *DB) AddMembership(ctx context.Context, m domain.Membership) error {
	if !m.Role.Valid() {
		return domain.Errorf(domain.EInvalid, "%q is not a programme role.", m.Role)
	}
	_, err := s.exec(ctx, `INSERT INTO memberships (user_id, programme_id, role) VALUES (?,?,?) ON CONFLICT DO NOTHING`,
		m.UserID, m.ProgrammeID, string(m.Role))
	if err != nil {
		return fmt.Errorf("store: add membership: %w", err)
	}
	return nil
}

// Memberships lists a user's roles.
func (s *DB) Memberships(ctx context.Context, userID string) ([]domain.Membership, error) {
	rows, err := s.query(ctx, `SELECT user_id, programme_id, role FROM memberships WHERE user_id = ? ORDER BY programme_id, role`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: memberships: %w", err)
	}
	defer rows.Close()
	var out []domain.Membership
	for rows.Next() {
		var m domain.Membership
		var role string
		if err := rows.Scan(&m.UserID, &m.ProgrammeID, &role); err != nil {
			return nil, fmt.Errorf("store: scan membership: %w", err)
		}
		m.Role = domain.Role(role)
		out = append(out, m)
	}
	return out, translate(rows.Err())
}

// Stats counts the records of each kind.
func (s *DB) Stats(ctx context.Context) (domain.Stats, error) {
	var st domain.Stats
	err := s.queryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM programmes), (SELECT COUNT(*) FROM sites), (SELECT COUNT(*) FROM sessions),
		(SELECT COUNT(*) FROM facilitators), (SELECT COUNT(*) FROM participants),
		(SELECT COUNT(*) FROM contributions), (SELECT COUNT(*) FROM statements), (SELECT COUNT(*) FROM votes),
		(SELECT COUNT(*) FROM debate_votes), (SELECT COUNT(*) FROM dot_votes), (SELECT COUNT(*) FROM users)`).
		Scan(&st.Programmes, &st.Sites, &st.Sessions, &st.Facilitators, &st.Participants,
			&st.Contributions, &st.Statements, &st.Votes, &st.DebateVotes, &st.DotVotes, &st.Users)
	if err != nil {
		return st, fmt.Errorf("store: stats: %w", translate(err))
	}
	return st, nil
}
