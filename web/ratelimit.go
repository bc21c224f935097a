package web

import (
	"context"
	"strings"
	"time"
)

// Sign-in rate limits. Failures are held in the database, so every server
// sharing it enforces the same limits.
const (
	failureWindow      = 15 * time.Minute
	maxAccountFailures = 5
	maxAddrFailures    = 20
)

func accountKey(email string) string { return "account:" + strings.ToLower(strings.TrimSpace(email)) }
func addrKey(addr string) string     { return "addr:" + addr }

// limited reports whether sign-in attempts for this account or from this
// address are paused.
func (s *Server) limited(ctx context.Context, email, addr string) (bool, error) {
	since := s.now().Add(-failureWindow)
	n, err := s.accounts.LoginFailures(ctx, accountKey(email), since)
	if err != nil || n >= maxAccountFailures {
		return err == nil, err
	}
	n, err = s.accounts.LoginFailures(ctx, addrKey(addr), since)
	return err == nil && n >= maxAddrFailures, err
}

// failed counts a failed attempt against both the account and the address.
// Unknown accounts count too, so the limit reveals nothing about which
// emails have accounts.
func (s *Server) failed(ctx context.Context, email, addr string) error {
	now := s.now()
	if err := s.accounts.RecordLoginFailure(ctx, accountKey(email), now); err != nil {
		return err
	}
	return s.accounts.RecordLoginFailure(ctx, addrKey(addr), now)
}

// succeeded forgets the account's failures. The address's stay: one address
// guessing at many accounts is still limited.
func (s *Server) succeeded(ctx context.Context, email string) error {
	return s.accounts.ClearLoginFailures(ctx, accountKey(email))
}
