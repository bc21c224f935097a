package auth

import (
	"context"
	"time"

	"peervoice/domain"
)

// Session lifetimes, fixed by policy rather than configuration.
const (
	IdleTimeout     = 30 * time.Minute
	AbsoluteTimeout = 12 * time.Hour
	APITokenTTL     = time.Hour
	InvitationTTL   = 7 * 24 * time.Hour
)

// WebSession is a signed-in browser. The cookie holds a random token; only its
// SHA-256 (TokenHash) is stored, so a copy of the database lets nobody in.
type WebSession struct {
	TokenHash string
	UserID    string
	// CSRF is the per-session token every form carries.
	CSRF string
	// MFADone is false between the password and the TOTP step.
	MFADone bool
	// PendingTOTP is a secret being set up, not yet confirmed.
	PendingTOTP string
	CreatedAt   time.Time
	LastSeenAt  time.Time
}

// Expired reports whether the session has passed its idle or absolute limit.
func (s *WebSession) Expired(now time.Time) bool {
	return now.Sub(s.LastSeenAt) >= IdleTimeout || now.Sub(s.CreatedAt) >= AbsoluteTimeout
}

// APIToken is a bearer token for the JSON API, stored hashed.
type APIToken struct {
	TokenHash string
	UserID    string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Invitation lets a person create an account by following a one-time link.
// ProgrammeID and Role give the role it grants; IsAdmin makes a global admin.
type Invitation struct {
	TokenHash   string
	Email       string
	ProgrammeID string
	Role        domain.Role
	IsAdmin     bool
	InvitedBy   string
	CreatedAt   time.Time
	ExpiresAt   time.Time
	UsedAt      *time.Time
}

// Usable reports whether the invitation may still be accepted.
func (i *Invitation) Usable(now time.Time) bool {
	return i.UsedAt == nil && now.Before(i.ExpiresAt)
}

// Store is the persistence the account features need. The store package
// implements it on both engines.
type Store interface {
	UserByID(ctx context.Context, id string) (*domain.User, error)
	Users(ctx context.Context) ([]domain.User, error)
	SetTOTPSecret(ctx context.Context, userID, secret string) error
	// ClaimTOTPStep records that the user has used the code of a time step;
	// it fails with a conflict for that step or an earlier one, so a code
	// seen over someone's shoulder cannot be replayed.
	ClaimTOTPStep(ctx context.Context, userID string, step int64) error

	CreateWebSession(ctx context.Context, s *WebSession) error
	WebSession(ctx context.Context, tokenHash string) (*WebSession, error)
	UpdateWebSession(ctx context.Context, s *WebSession) error
	DeleteWebSession(ctx context.Context, tokenHash string) error
	DeleteUserWebSessions(ctx context.Context, userID string) error

	CreateAPIToken(ctx context.Context, t *APIToken) error
	APITokenByHash(ctx context.Context, tokenHash string) (*APIToken, error)

	CreateInvitation(ctx context.Context, inv *Invitation) error
	InvitationByHash(ctx context.Context, tokenHash string) (*Invitation, error)
	Invitations(ctx context.Context) ([]Invitation, error)
	// MarkInvitationUsed consumes an invitation; it fails with a conflict
	// if it was already used, so a link works once even under a race.
	MarkInvitationUsed(ctx context.Context, tokenHash string, at time.Time) error

	ReplaceRecoveryCodes(ctx context.Context, userID string, hashes []string) error
	// UseRecoveryCode consumes one unused code; not found if none matches.
	UseRecoveryCode(ctx context.Context, userID, hash string, at time.Time) error
	UnusedRecoveryCodes(ctx context.Context, userID string) (int, error)

	RecordLoginFailure(ctx context.Context, key string, at time.Time) error
	LoginFailures(ctx context.Context, key string, since time.Time) (int, error)
	ClearLoginFailures(ctx context.Context, key string) error
}
