package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"peervoice/audit"
	"peervoice/crypt"
	"peervoice/domain"
	"peervoice/privacy/screen"
	"peervoice/safeguarding"
	"peervoice/store"
)

// seedConcern raises a concern with a note and makes a safeguarding lead
// and an analyst, returning the concern's ID.
func seedConcern(t *testing.T, f privacyFixture, keyFile string) string {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, f.db)
	mustOK(t, err)
	defer st.Close()
	kr, err := crypt.LoadKeyring(keyFile)
	mustOK(t, err)
	for _, u := range []struct {
		email string
		role  domain.Role
	}{{"lead@example.org", domain.RoleSafeguardingLead}, {"analyst@example.org", domain.RoleAnalyst}} {
		user := &domain.User{Email: u.email, Name: "Someone"}
		mustOK(t, st.CreateUser(ctx, user))
		mustOK(t, st.AddMembership(ctx, domain.Membership{UserID: user.ID, ProgrammeID: f.prog.ID, Role: u.role}))
	}
	c, err := safeguarding.New(st, audit.New(st), kr).Raise(ctx, domain.SafeguardingConcern{ProgrammeID: f.prog.ID,
		SessionID: f.session.ID, RaisedBy: "facilitator", Categories: []string{screen.AtRisk}, Notes: "owes money for vapes"})
	mustOK(t, err)
	return c.ID
}

func TestConcernListAndMove(t *testing.T) {
	f := newPrivacyFixture(t, "")
	keyFile := filepath.Join(t.TempDir(), "pv.key")
	if c, _, errOut := run(t, nil, "key", "generate", "--out", keyFile); c != 0 {
		t.Fatal(errOut)
	}
	id := seedConcern(t, f, keyFile)
	env := map[string]string{"PEERVOICE_KEY_FILE": keyFile, "USER": "ops"}

	c, out, errOut := run(t, env, "--db", f.db, "concern", "list", "--programme", "pilot")
	if c != 0 || !strings.Contains(out, id) || !strings.Contains(out, "raised") || !strings.Contains(out, "at_risk") || strings.Contains(out, "vapes") {
		t.Fatalf("list: %d %q %q", c, out, errOut)
	}
	c, out, _ = run(t, env, "--db", f.db, "concern", "list", "--programme", "pilot", "--json")
	var list []safeguarding.Concern
	if c != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list) != 1 || !strings.Contains(list[0].Notes, "owes money for vapes") {
		t.Fatalf("json: %d %q", c, out)
	}

	move := func(args ...string) (int, string, string) {
		return run(t, env, append([]string{"--db", f.db, "concern", "move", id}, args...)...)
	}
	if c, _, errOut := move("--to", "assessed"); c != 2 || !strings.Contains(errOut, "--actor") {
		t.Fatalf("move without actor: %d %s", c, errOut)
	}
	if c, _, errOut := move("--to", "assessed", "--actor", "analyst@example.org"); c != 1 || !strings.Contains(errOut, "not the safeguarding lead") {
		t.Fatalf("move by analyst: %d %s", c, errOut)
	}
	if c, _, errOut := move("--to", "referred", "--referred-to", "Safer custody", "--actor", "lead@example.org"); c != 1 || !strings.Contains(errOut, "can move to assessed or closed") {
		t.Fatalf("skipping assessment: %d %s", c, errOut)
	}
	if c, out, errOut := move("--to", "assessed", "--note", "spoke to him", "--actor", "lead@example.org"); c != 0 || !strings.Contains(out, "is now assessed") {
		t.Fatalf("assess: %d %q %s", c, out, errOut)
	}
	if c, out, errOut := move("--to", "referred", "--referred-to", "Safer custody", "--actor", "lead@example.org"); c != 0 || !strings.Contains(out, "is now referred") {
		t.Fatalf("refer: %d %q %s", c, out, errOut)
	}
	c, out, _ = run(t, env, "--db", f.db, "concern", "list", "--programme", "pilot", "--notes")
	if c != 0 || !strings.Contains(out, "referred") || !strings.Contains(out, "spoke to him") {
		t.Fatalf("list with notes: %q", out)
	}
	// Without the key the notes are not readable, and saying so is not an error.
	c, out, _ = run(t, nil, "--db", f.db, "concern", "list", "--programme", "pilot", "--json")
	if c != 0 || strings.Contains(out, "vapes") || !strings.Contains(out, "no key is configured") {
		t.Fatalf("list without key: %d %q", c, out)
	}
}

func TestConcernQueueOnDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	env := map[string]string{"PEERVOICE_DEMO_PASSWORD": "a demo password for tests"}
	if c, _, errOut := run(t, env, "--db", db, "demo"); c != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	c, out, errOut := run(t, nil, "--db", db, "concern", "list", "--programme", "hmpps-long-term-strategy", "--json")
	var list []safeguarding.Concern
	if c != 0 || json.Unmarshal([]byte(out), &list) != nil {
		t.Fatalf("list: %d %q %s", c, out, errOut)
	}
	st, err := store.Open(context.Background(), db)
	mustOK(t, err)
	defer st.Close()
	flagged := 0
	ps, _ := st.ProgrammeBySlug(context.Background(), "hmpps-long-term-strategy")
	cs, err := st.Contributions(context.Background(), domain.ContributionFilter{ProgrammeID: ps.ID, IncludeFlagged: true})
	mustOK(t, err)
	for _, x := range cs {
		if x.Flagged {
			flagged++
		}
	}
	if flagged == 0 || len(list) < flagged {
		t.Fatalf("%d concerns for %d flagged contributions", len(list), flagged)
	}
	for _, x := range list {
		if x.Status != domain.ConcernRaised || x.RaisedBy != safeguarding.RaisedByScreen || x.ContributionID == "" {
			t.Fatalf("demo concern: %+v", x)
		}
	}
}
