package store

import (
	"context"
	"testing"
	"time"

	"peervoice/auth"
	"peervoice/domain"
)

func newUser(t *testing.T, s *DB, email string) *domain.User {
	t.Helper()
	u := &domain.User{Email: email, Name: "Test User", PasswordHash: "x"}
	must(t, s.CreateUser(context.Background(), u))
	return u
}

func TestContractUsersAndTOTP(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		u := newUser(t, s, "B@Example.org")
		newUser(t, s, "a@example.org")
		must(t, s.SetTOTPSecret(ctx, u.ID, "SECRET"))
		got, err := s.UserByID(ctx, u.ID)
		must(t, err)
		if got.Email != "b@example.org" || got.TOTPSecret != "SECRET" {
			t.Fatalf("user: %+v", got)
		}
		_, err = s.UserByID(ctx, domain.NewID())
		wantCode(t, err, domain.ENotFound)
		wantCode(t, s.SetTOTPSecret(ctx, domain.NewID(), "x"), domain.ENotFound)
		us, err := s.Users(ctx)
		must(t, err)
		if len(us) != 2 || us[0].Email != "a@example.org" {
			t.Fatalf("users: %+v", us)
		}
	})
}

func TestContractWebSessions(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		u := newUser(t, s, "s@example.org")
		t0 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
		ws := &auth.WebSession{TokenHash: "h1", UserID: u.ID, CSRF: "c", CreatedAt: t0, LastSeenAt: t0}
		must(t, s.CreateWebSession(ctx, ws))
		must(t, s.CreateWebSession(ctx, &auth.WebSession{TokenHash: "h2", UserID: u.ID, CSRF: "d", CreatedAt: t0, LastSeenAt: t0}))
		wantCode(t, s.CreateWebSession(ctx, ws), domain.EConflict)
		ws.MFADone, ws.PendingTOTP, ws.LastSeenAt = true, "PENDING", t0.Add(time.Minute)
		must(t, s.UpdateWebSession(ctx, ws))
		got, err := s.WebSession(ctx, "h1")
		must(t, err)
		if !got.MFADone || got.PendingTOTP != "PENDING" || !got.LastSeenAt.Equal(t0.Add(time.Minute)) || !got.CreatedAt.Equal(t0) || got.CSRF != "c" {
			t.Fatalf("session: %+v", got)
		}
		must(t, s.DeleteWebSession(ctx, "h1"))
		_, err = s.WebSession(ctx, "h1")
		wantCode(t, err, domain.ENotFound)
		wantCode(t, s.UpdateWebSession(ctx, ws), domain.ENotFound)
		must(t, s.DeleteUserWebSessions(ctx, u.ID))
		_, err = s.WebSession(ctx, "h2")
		wantCode(t, err, domain.ENotFound)
	})
}

func TestContractAPITokensAndInvitations(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		u := newUser(t, s, "t@example.org")
		f := newFixture(t, s, "inv")
		t0 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
		must(t, s.CreateAPIToken(ctx, &auth.APIToken{TokenHash: "th", UserID: u.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
		tok, err := s.APITokenByHash(ctx, "th")
		must(t, err)
		if tok.UserID != u.ID || !tok.ExpiresAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("token: %+v", tok)
		}
		inv := &auth.Invitation{TokenHash: "ih", Email: " New@Example.org", ProgrammeID: f.prog.ID, Role: domain.RoleAnalyst,
			InvitedBy: u.ID, CreatedAt: t0, ExpiresAt: t0.Add(auth.InvitationTTL)}
		must(t, s.CreateInvitation(ctx, inv))
		must(t, s.CreateInvitation(ctx, &auth.Invitation{TokenHash: "admin", Email: "root@example.org", IsAdmin: true, CreatedAt: t0, ExpiresAt: t0}))
		got, err := s.InvitationByHash(ctx, "ih")
		must(t, err)
		if got.Email != "new@example.org" || got.Role != domain.RoleAnalyst || got.ProgrammeID != f.prog.ID || got.UsedAt != nil || !got.Usable(t0) {
			t.Fatalf("invitation: %+v", got)
		}
		must(t, s.MarkInvitationUsed(ctx, "ih", t0.Add(time.Minute)))
		wantCode(t, s.MarkInvitationUsed(ctx, "ih", t0.Add(2*time.Minute)), domain.EConflict)
		got, _ = s.InvitationByHash(ctx, "ih")
		if got.UsedAt == nil || got.Usable(t0) {
			t.Fatal("a used invitation is still usable")
		}
		all, err := s.Invitations(ctx)
		must(t, err)
		if len(all) != 2 || !all[1].IsAdmin && !all[0].IsAdmin {
			t.Fatalf("invitations: %+v", all)
		}
	})
}

func TestContractRecoveryCodesAndLoginFailures(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		u := newUser(t, s, "r@example.org")
		t0 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
		must(t, s.ReplaceRecoveryCodes(ctx, u.ID, []string{"a", "b", "c"}))
		must(t, s.UseRecoveryCode(ctx, u.ID, "b", t0))
		wantCode(t, s.UseRecoveryCode(ctx, u.ID, "b", t0), domain.ENotFound)
		wantCode(t, s.UseRecoveryCode(ctx, u.ID, "zzz", t0), domain.ENotFound)
		if n, err := s.UnusedRecoveryCodes(ctx, u.ID); err != nil || n != 2 {
			t.Fatalf("unused = %d, %v", n, err)
		}
		must(t, s.ReplaceRecoveryCodes(ctx, u.ID, []string{"d"}))
		wantCode(t, s.UseRecoveryCode(ctx, u.ID, "a", t0), domain.ENotFound)
		for i := range 3 {
			must(t, s.RecordLoginFailure(ctx, "account:x", t0.Add(time.Duration(i)*10*time.Minute)))
		}
		must(t, s.RecordLoginFailure(ctx, "addr:1.2.3.4", t0))
		if n, _ := s.LoginFailures(ctx, "account:x", t0.Add(5*time.Minute)); n != 2 {
			t.Fatalf("failures since +5m = %d, want 2", n)
		}
		must(t, s.ClearLoginFailures(ctx, "account:x"))
		if n, _ := s.LoginFailures(ctx, "account:x", t0.Add(-time.Hour)); n != 0 {
			t.Fatalf("after clear: %d", n)
		}
		if n, _ := s.LoginFailures(ctx, "addr:1.2.3.4", t0); n != 1 {
			t.Fatalf("other key cleared too: %d", n)
		}
	})
}

func TestContractClaimTOTPStep(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		u := newUser(t, s, "step@example.org")
		must(t, s.ClaimTOTPStep(ctx, u.ID, 59_000_000))
		wantCode(t, s.ClaimTOTPStep(ctx, u.ID, 59_000_000), domain.EConflict)
		wantCode(t, s.ClaimTOTPStep(ctx, u.ID, 58_999_999), domain.EConflict)
		must(t, s.ClaimTOTPStep(ctx, u.ID, 59_000_001))
	})
}
