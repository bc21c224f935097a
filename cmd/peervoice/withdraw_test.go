package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peervoice/domain"
	"peervoice/privacy/suppress"
	"peervoice/store"
)

// privacyFixture is a small programme made straight in the store, for the
// concern, retention and withdraw commands.
type privacyFixture struct {
	db      string
	prog    *domain.Programme
	session *domain.Session
	codes   []string
}

func newPrivacyFixture(t *testing.T, cutoff domain.Date) privacyFixture {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "pv.db")
	st, err := store.Open(ctx, path)
	mustOK(t, err)
	defer st.Close()
	f := privacyFixture{db: path}
	f.prog = &domain.Programme{Slug: "pilot", Title: "Pilot", StartDate: "2026-01-01", EndDate: "2026-03-31",
		SuppressionThreshold: 5, RetentionDays: 365, WithdrawalCutoff: cutoff}
	mustOK(t, st.CreateProgramme(ctx, f.prog, nil))
	site := &domain.Site{ProgrammeID: f.prog.ID, Name: "HMP Pilot", Type: domain.SiteCatB}
	mustOK(t, st.CreateSite(ctx, site))
	lead := &domain.Facilitator{Name: "Lead", Email: "lead.fac@example.org"}
	mustOK(t, st.CreateFacilitator(ctx, lead))
	f.session = &domain.Session{ProgrammeID: f.prog.ID, SiteID: site.ID, Title: "One", Date: "2026-02-02", StartTime: "10:00",
		LeadFacilitatorID: lead.ID, Status: domain.SessionDelivered}
	mustOK(t, st.CreateSession(ctx, f.session))
	for i := range 2 {
		p := &domain.Participant{ProgrammeID: f.prog.ID, Code: domain.NewCode(func(n int) int { return (i + 3) % n }, 3),
			Consent: domain.Consent{TakePart: true}}
		mustOK(t, st.CreateParticipant(ctx, p))
		_, err := st.CreateContributions(ctx, []domain.Contribution{
			{ProgrammeID: f.prog.ID, SessionID: f.session.ID, ParticipantID: p.ID, Text: "more visits please"},
			{ProgrammeID: f.prog.ID, SessionID: f.session.ID, ParticipantID: p.ID, Text: "gym time"}})
		mustOK(t, err)
		f.codes = append(f.codes, p.Code)
	}
	return f
}

func mustOK(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// runIn is run with text on stdin.
func runIn(t *testing.T, stdin string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr, func(k string) string { return env[k] })
	return code, stdout.String(), stderr.String()
}

// storedContributions counts a programme's contributions as the outputs see them.
func storedContributions(t *testing.T, db string, f privacyFixture) int {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	mustOK(t, err)
	defer st.Close()
	cs, err := st.Contributions(context.Background(), domain.ContributionFilter{ProgrammeID: f.prog.ID})
	mustOK(t, err)
	return len(cs)
}

func TestWithdrawBeforeCutoffDeletes(t *testing.T) {
	f := newPrivacyFixture(t, domain.DateOf(time.Now().AddDate(0, 1, 0)))
	code := f.codes[0]
	typo := code[:3] + string(otherCodeChar(code[3]))
	if c, _, errOut := runIn(t, "", nil, "--db", f.db, "withdraw", typo, "--programme", "pilot", "--yes"); c != 1 || !strings.Contains(errOut, "does not pass its check") {
		t.Fatalf("mistyped code: %d %s", c, errOut)
	}
	unknown := domain.NewCode(func(n int) int { return 11 % n }, 3)
	if c, _, errOut := runIn(t, "", nil, "--db", f.db, "withdraw", unknown, "--programme", "pilot", "--yes"); c != 1 || !strings.Contains(errOut, "No participant in pilot has the code") {
		t.Fatalf("unknown code: %d %s", c, errOut)
	}
	c, out, errOut := runIn(t, "no\n", nil, "--db", f.db, "withdraw", strings.ToLower(code), "--programme", "pilot")
	if c != 1 || !strings.Contains(out, "deleted for good") || !strings.Contains(errOut, "nothing was changed") {
		t.Fatalf("declined: %d %q %q", c, out, errOut)
	}
	if n := storedContributions(t, f.db, f); n != 4 {
		t.Fatalf("after declining: %d contributions, want 4", n)
	}
	c, out, errOut = runIn(t, "yes\n", nil, "--db", f.db, "withdraw", code, "--programme", "pilot")
	if c != 0 || !strings.Contains(out, "Deleted for good: 2 contributions") || !strings.Contains(out, "1 withdrawals") {
		t.Fatalf("confirmed: %d %q %q", c, out, errOut)
	}
	if n := storedContributions(t, f.db, f); n != 2 {
		t.Fatalf("after withdrawal: %d contributions, want 2", n)
	}
	if c, _, errOut := runIn(t, "", nil, "--db", f.db, "withdraw", code, "--programme", "pilot", "--yes"); c != 1 || !strings.Contains(errOut, "already withdrew") {
		t.Fatalf("twice: %d %s", c, errOut)
	}
	restoreOlderBackup(t, f, code)
	if n := storedContributions(t, f.db, f); n != 3 {
		t.Fatalf("simulated restore: %d visible, want 3", n)
	}
	if c, out, errOut := runIn(t, "", nil, "--db", f.db, "retention", "reapply"); c != 0 || !strings.Contains(out, "1 contribution, 1 withdrawal") {
		t.Fatalf("reapply: %d %q %s", c, out, errOut)
	}
	if n := storedContributions(t, f.db, f); n != 2 {
		t.Fatalf("after reapply: %d visible, want 2", n)
	}
}

// restoreOlderBackup simulates restoring a backup made before the
// withdrawal: the participant is not withdrawn, one of their contributions
// is back, and the deletions table has no entry. Only the journal knows.
func restoreOlderBackup(t *testing.T, f privacyFixture, code string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, f.db)
	mustOK(t, err)
	defer st.Close()
	p, err := st.ParticipantByCode(ctx, f.prog.ID, code)
	mustOK(t, err)
	for _, q := range []string{`UPDATE participants SET withdrawn_at = NULL WHERE id = ?`, `DELETE FROM deletions WHERE record_id = ?`} {
		_, err := st.SQL().ExecContext(ctx, q, p.ID)
		mustOK(t, err)
	}
	_, err = st.CreateContributions(ctx, []domain.Contribution{{ProgrammeID: f.prog.ID, SessionID: f.session.ID, ParticipantID: p.ID, Text: "from the backup"}})
	mustOK(t, err)
}

func TestWithdrawAfterCutoffKeepsButHides(t *testing.T) {
	f := newPrivacyFixture(t, "2026-01-15")
	c, out, errOut := runIn(t, "", nil, "--db", f.db, "withdraw", f.codes[1], "--programme", "pilot", "--yes")
	if c != 0 || !strings.Contains(out, "after the cut-off (2026-01-15)") {
		t.Fatalf("late withdrawal: %d %q %q", c, out, errOut)
	}
	if n := storedContributions(t, f.db, f); n != 2 {
		t.Fatalf("visible after late withdrawal: %d, want 2", n)
	}
	if c, _, _ := runIn(t, "", nil, "--db", f.db, "withdraw", f.codes[1]); c != 2 {
		t.Fatalf("missing --programme: exit %d, want 2", c)
	}
	// The export leaves the participant out and states only the count.
	dir := t.TempDir()
	if c, out, errOut := runIn(t, "", nil, "--db", f.db, "export", "polis", "--programme", "pilot", "--out", dir); c != 0 {
		t.Fatalf("export: %d %q %q", c, out, errOut)
	}
	summary, err := os.ReadFile(filepath.Join(dir, "summary.csv"))
	if err != nil || !strings.Contains(string(summary), "withdrawals,1\n") {
		t.Fatalf("summary.csv does not state one withdrawal: %q %v", summary, err)
	}
	// Each analysis states the count, suppressed below the threshold of 5.
	for _, kind := range []string{"debates", "priorities", "opinions"} {
		c, _, errOut := runIn(t, "", nil, "--db", f.db, "analyse", kind, "--programme", "pilot")
		if c != 0 || !strings.Contains(errOut, "Withdrawals: "+suppress.Marker) {
			t.Fatalf("analyse %s: exit %d, stderr %q", kind, c, errOut)
		}
	}
}

func otherCodeChar(c byte) byte {
	for i := 0; i < len(domain.CodeAlphabet); i++ {
		if domain.CodeAlphabet[i] != c {
			return domain.CodeAlphabet[i]
		}
	}
	return c
}
