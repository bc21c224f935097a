package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"peervoice/domain"
	"peervoice/store"
)

func TestRetentionRunAndReapply(t *testing.T) {
	f := newPrivacyFixture(t, "")
	ctx := context.Background()
	// Make the programme long over: ended two years ago, kept one year.
	st, err := store.Open(ctx, f.db)
	mustOK(t, err)
	end := domain.DateOf(time.Now().AddDate(-2, 0, 0))
	_, err = st.SQL().ExecContext(ctx, `UPDATE programmes SET start_date = ?, end_date = ? WHERE id = ?`, end.AddDays(-30), end, f.prog.ID)
	mustOK(t, err)
	st.Close()

	c, out, errOut := run(t, nil, "--db", f.db, "retention", "run", "--dry-run")
	if c != 0 || !strings.Contains(out, "Would delete all contributions and votes of expired programme") || !strings.Contains(out, "(programme pilot)") {
		t.Fatalf("dry run: %d %q %q", c, out, errOut)
	}
	if n := storedContributions(t, f.db, f); n != 4 {
		t.Fatalf("dry run deleted something: %d left", n)
	}
	c, out, errOut = run(t, nil, "--db", f.db, "retention", "run")
	if c != 0 || !strings.Contains(out, "Done: 4 contributions.") {
		t.Fatalf("run: %d %q %q", c, out, errOut)
	}
	if n := storedContributions(t, f.db, f); n != 0 {
		t.Fatalf("after run: %d left", n)
	}
	c, out, _ = run(t, nil, "--db", f.db, "retention", "run")
	if c != 0 || !strings.Contains(out, "Nothing is due") {
		t.Fatalf("second run: %q", out)
	}

	// An old backup is restored: the contributions come back, and the
	// deletions table with them is the old one (empty). The journal beside
	// the database still knows.
	st, err = store.Open(ctx, f.db)
	mustOK(t, err)
	_, err = st.CreateContributions(ctx, []domain.Contribution{{ProgrammeID: f.prog.ID, SessionID: f.session.ID, Text: "restored"}})
	mustOK(t, err)
	_, err = st.SQL().ExecContext(ctx, `DELETE FROM deletions`)
	mustOK(t, err)
	st.Close()
	c, out, errOut = run(t, nil, "--db", f.db, "retention", "reapply")
	if c != 0 || !strings.Contains(out, "removed again: 1 contribution.") {
		t.Fatalf("reapply: %d %q %q", c, out, errOut)
	}
	if n := storedContributions(t, f.db, f); n != 0 {
		t.Fatalf("after reapply: %d left", n)
	}
}
