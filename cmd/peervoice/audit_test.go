package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/store"
)

// seedAudit fills a new database with a programme, a user and six audit
// entries, and returns the database path and the user's and programme's IDs.
func seedAudit(t *testing.T) (path, userID, progID string) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "audit.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := &domain.Programme{Slug: "voices", Title: "Voices", StartDate: "2026-01-01", EndDate: "2026-12-31",
		SuppressionThreshold: 5, RetentionDays: 365}
	u := &domain.User{Email: "Lead@Example.org", Name: "Safeguarding Lead"}
	for _, err := range []error{db.CreateProgramme(ctx, p, nil), db.CreateUser(ctx, u)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	log := audit.New(db)
	base := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	for i, a := range []struct{ actor, action, prog string }{
		{u.ID, "read", p.ID}, {"other", "read", ""}, {u.ID, "update", p.ID},
		{u.ID, "read", p.ID}, {"other", "export", p.ID}, {u.ID, "read", ""},
	} {
		e := domain.AuditEvent{At: base.Add(time.Duration(i) * 24 * time.Hour), ActorID: a.actor, Action: a.action,
			Resource: audit.ResourceSafeguarding, ResourceID: "sg-1", ProgrammeID: a.prog, Addr: "192.0.2.7"}
		if err := log.Record(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	return path, u.ID, p.ID
}

// listSeqs runs audit list --json with extra flags and returns the seqs.
func listSeqs(t *testing.T, db string, flags ...string) []int64 {
	t.Helper()
	code, out, errOut := run(t, nil, append([]string{"--db", db, "audit", "list", "--json"}, flags...)...)
	var es []domain.AuditEvent
	if code != 0 || json.Unmarshal([]byte(out), &es) != nil {
		t.Fatalf("audit list %v: code %d\n%s\n%s", flags, code, out, errOut)
	}
	seqs := make([]int64, len(es))
	for i, e := range es {
		seqs[i] = e.Seq
	}
	return seqs
}

func TestAuditList(t *testing.T) {
	db, userID, _ := seedAudit(t)
	cases := map[string]struct {
		flags []string
		want  string
	}{
		"all":              {nil, "[6 5 4 3 2 1]"},
		"actor by email":   {[]string{"--actor", "lead@example.org"}, "[6 4 3 1]"},
		"actor by id":      {[]string{"--actor", userID}, "[6 4 3 1]"},
		"action":           {[]string{"--action", "read"}, "[6 4 2 1]"},
		"programme":        {[]string{"--programme", "voices", "--action", "read"}, "[4 1]"},
		"date range":       {[]string{"--since", "2026-05-02", "--until", "2026-05-04"}, "[3 2]"},
		"limit and offset": {[]string{"--limit", "2", "--offset", "1"}, "[5 4]"},
	}
	for name, tc := range cases {
		if got := fmt.Sprint(listSeqs(t, db, tc.flags...)); got != tc.want {
			t.Errorf("%s: seqs %s, want %s", name, got, tc.want)
		}
	}
	code, out, _ := run(t, nil, "--db", db, "audit", "list", "--action", "export")
	if code != 0 || !strings.Contains(out, "SEQ") || !regexp.MustCompile(`(?m)^5\s+2026-05-05T09:00:00Z\s+other\s+export\s+safeguarding_concern\s+sg-1`).MatchString(out) {
		t.Fatalf("table output: %d\n%s", code, out)
	}
	code, _, errOut := run(t, nil, "--db", db, "audit", "list", "--programme", "nope")
	if code != 1 || !strings.Contains(errOut, "not found") {
		t.Fatalf("unknown programme: %d %s", code, errOut)
	}
	code, _, errOut = run(t, nil, "--db", db, "audit", "list", "--since", "last tuesday")
	if code != 2 || !strings.Contains(errOut, "--since") {
		t.Fatalf("bad --since: %d %s", code, errOut)
	}
}

func TestAuditVerify(t *testing.T) {
	db, _, _ := seedAudit(t)
	code, out, errOut := run(t, nil, "--db", db, "audit", "verify")
	m := regexp.MustCompile(`audit log intact: 6 entries, last seq 6, head hash ([0-9a-f]{64})\nanchor (6:[0-9a-f]{64})\n`).FindStringSubmatch(out)
	if code != 0 || m == nil || m[2] != "6:"+m[1] {
		t.Fatalf("verify: code %d\n%s\n%s", code, out, errOut)
	}
	anchor := m[2]
	if code, _, errOut := run(t, nil, "--db", db, "audit", "verify", "--anchor", anchor); code != 0 {
		t.Fatalf("verify against its own anchor: %d %s", code, errOut)
	}
	wrong := "6:" + strings.Repeat("0", 64)
	code, _, errOut = run(t, nil, "--db", db, "audit", "verify", "--anchor", wrong)
	if code != 1 || !strings.Contains(errOut, "BROKEN at seq 6: hash differs from the anchor") {
		t.Fatalf("wrong anchor: %d %s", code, errOut)
	}
	code, _, errOut = run(t, nil, "--db", db, "audit", "verify", "--anchor", "six")
	if code != 2 || !strings.Contains(errOut, "not an anchor") {
		t.Fatalf("malformed anchor: %d %s", code, errOut)
	}
	tamperAudit(t, db, `UPDATE audit_events SET actor_id = 'nobody' WHERE seq = 3`)
	code, out, errOut = run(t, nil, "--db", db, "audit", "verify")
	if code != 1 || !strings.Contains(errOut, "audit log BROKEN at seq 3: hash mismatch (entry edited)") || strings.Contains(out, "intact") {
		t.Fatalf("after tampering: code %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = run(t, nil, "--db", db, "audit", "verify", "--json")
	var r audit.Report
	if code != 1 || json.Unmarshal([]byte(out), &r) != nil || r.Intact || r.BrokenSeq != 3 || r.Entries != 6 {
		t.Fatalf("json after tampering: %d %s", code, out)
	}
}

// tamperAudit drops the append-only triggers and runs stmt, as an intruder
// with write access to the database file could.
func tamperAudit(t *testing.T, path, stmt string) {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range []string{`DROP TRIGGER audit_events_no_update`, `DROP TRIGGER audit_events_no_delete`, stmt} {
		if _, err := db.SQL().Exec(s); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAuditUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, args := range [][]string{{"audit"}, {"audit", "shred"}, {"audit", "list", "--limit", "many"}} {
		if code, _, errOut := run(t, nil, append([]string{"--db", db}, args...)...); code != 2 || errOut == "" {
			t.Errorf("%v: code %d, stderr %q", args, code, errOut)
		}
	}
	code, out, _ := run(t, nil, "--db", db, "audit", "verify")
	if code != 0 || strings.TrimSpace(out) != "audit log intact: 0 entries" {
		t.Fatalf("empty log: %d %q", code, out)
	}
}
