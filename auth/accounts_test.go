package auth

import (
	"bytes"
	"image/png"
	"peervoice/domain"
	"strings"
	"testing"
	"time"
)

func TestSessionExpiry(t *testing.T) {
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	s := WebSession{CreatedAt: start, LastSeenAt: start}
	cases := []struct {
		lastSeen, now time.Time
		want          bool
	}{
		{start, start.Add(29 * time.Minute), false},
		{start, start.Add(30 * time.Minute), true},
		{start.Add(11*time.Hour + 50*time.Minute), start.Add(11*time.Hour + 59*time.Minute), false},
		{start.Add(11*time.Hour + 50*time.Minute), start.Add(12 * time.Hour), true},
	}
	for _, c := range cases {
		s.LastSeenAt = c.lastSeen
		if got := s.Expired(c.now); got != c.want {
			t.Errorf("last seen %v, now %v: expired %v, want %v", c.lastSeen, c.now, got, c.want)
		}
	}
}

func TestTokensAreRandomAndHashed(t *testing.T) {
	a, ha, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	b, hb, _ := NewToken()
	if a == b || ha == hb || len(a) < 43 || ha != HashToken(a) || strings.Contains(ha, a) {
		t.Fatalf("tokens %q %q hashes %q %q", a, b, ha, hb)
	}
}

func TestRecoveryCodes(t *testing.T) {
	codes, hashes, err := NewRecoveryCodes()
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != RecoveryCodeCount || len(hashes) != RecoveryCodeCount {
		t.Fatalf("%d codes", len(codes))
	}
	seen := map[string]bool{}
	for i, c := range codes {
		if seen[c] || len(c) != 11 || c[5] != '-' {
			t.Fatalf("bad or duplicate code %q", c)
		}
		seen[c] = true
		typed := " " + strings.ToUpper(strings.ReplaceAll(c, "-", " ")) + " "
		if HashRecoveryCode(typed) != hashes[i] {
			t.Fatalf("typed %q does not match its hash", typed)
		}
	}
}

func TestTOTP(t *testing.T) {
	secret, uri, err := NewTOTP("ada@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(uri, "otpauth://totp/peervoice:ada@example.org?") || !strings.Contains(uri, secret) {
		t.Fatalf("uri %q", uri)
	}
	now := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	code, err := TOTPCode(secret, now)
	if err != nil {
		t.Fatal(err)
	}
	if !CheckTOTP(secret, code, now) || !CheckTOTP(secret, code, now.Add(30*time.Second)) {
		t.Fatal("a current code was refused")
	}
	if CheckTOTP(secret, code, now.Add(5*time.Minute)) {
		t.Fatal("a five-minute-old code was accepted")
	}
	if CheckTOTP("", code, now) || CheckTOTP(secret, "12345", now) {
		t.Fatal("empty secret or short code accepted")
	}
	other, _, _ := NewTOTP("bob@example.org")
	if CheckTOTP(other, code, now) {
		t.Fatal("a code for another secret was accepted")
	}
}

func TestNewInvitation(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	inv, token, err := NewInvitation(" Ann@Example.org ", "p1", "analyst", false, "u1", now)
	if err != nil {
		t.Fatal(err)
	}
	if inv.Email != "ann@example.org" || inv.TokenHash != HashToken(token) || !inv.Usable(now) || inv.Usable(now.Add(InvitationTTL)) {
		t.Fatalf("invitation %+v", inv)
	}
	bad := []struct {
		email, prog, role string
		admin             bool
	}{
		{"not-an-email", "p1", "analyst", false},
		{"a@example.org", "", "analyst", false},
		{"a@example.org", "p1", "wizard", false},
		{"a@example.org", "p1", "analyst", true},
	}
	for _, b := range bad {
		if _, _, err := NewInvitation(b.email, b.prog, domain.Role(b.role), b.admin, "u1", now); err == nil {
			t.Errorf("%+v accepted", b)
		}
	}
}

func TestMatchTOTPStep(t *testing.T) {
	secret, _, _ := NewTOTP("a@example.org")
	now := time.Date(2026, 3, 4, 10, 0, 10, 0, time.UTC)
	code, _ := TOTPCode(secret, now)
	step, ok := MatchTOTP(secret, code, now)
	if !ok || step != now.Unix()/30 {
		t.Fatalf("step %d ok %v", step, ok)
	}
	// The same code, checked 30 s later, matches the same (earlier) step.
	if later, ok := MatchTOTP(secret, code, now.Add(30*time.Second)); !ok || later != step {
		t.Fatalf("later step %d ok %v", later, ok)
	}
}

func TestQRCode(t *testing.T) {
	_, uri, _ := NewTOTP("a@example.org")
	b, err := QRCode(uri)
	if err != nil || len(b) < 100 || string(b[1:4]) != "PNG" {
		t.Fatalf("qr: %d bytes, %v", len(b), err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil || img.Bounds().Dx() != 200 {
		t.Fatalf("qr image: %v", err)
	}
}
