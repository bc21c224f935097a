package audit_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/store"
)

// These tests run the log on the real store, on SQLite and on PostgreSQL
// (when PEERVOICE_TEST_POSTGRES names a server), and tamper with the table
// directly through SQL as an intruder with database access would.

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func openSQLite(t *testing.T) *store.DB {
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "audit.db"))
	must(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// openPostgres opens a fresh schema on the test server, dropped at cleanup.
func openPostgres(t *testing.T) *store.DB {
	url := os.Getenv("PEERVOICE_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("PEERVOICE_TEST_POSTGRES is not set in CI")
		}
		t.Skip("SKIPPING PostgreSQL: set PEERVOICE_TEST_POSTGRES=postgres://... to run on it")
	}
	ctx := context.Background()
	// A plain connection: store.Open would migrate the server's default schema.
	admin, err := sql.Open("pgx", url)
	must(t, err)
	schema := fmt.Sprintf("pvaudit_%d_%d", os.Getpid(), rand.IntN(1_000_000_000))
	_, err = admin.ExecContext(ctx, "CREATE SCHEMA "+schema)
	must(t, err)
	t.Cleanup(func() {
		admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	s, err := store.Open(ctx, url+sep+"search_path="+schema)
	must(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func eachEngine(t *testing.T, f func(t *testing.T, s *store.DB)) {
	t.Run("sqlite", func(t *testing.T) { f(t, openSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { f(t, openPostgres(t)) })
}

// seed records n varied events through the Log.
func seed(t *testing.T, s *store.DB, n int) *audit.Log {
	t.Helper()
	log := audit.New(s)
	for i := 1; i <= n; i++ {
		e := domain.AuditEvent{ActorID: fmt.Sprintf("user-%d", i%4), Action: []string{"read", "update", "export"}[i%3],
			Resource: audit.ResourceContribution, ResourceID: fmt.Sprintf("c-%d", i), ProgrammeID: "prog",
			Addr: fmt.Sprintf("10.0.0.%d", i)}
		must(t, log.Record(context.Background(), e))
	}
	return log
}

// allowTampering removes the append-only guard, as an intruder with owner
// or superuser rights could.
func allowTampering(t *testing.T, s *store.DB) {
	t.Helper()
	stmts := []string{`DROP TRIGGER audit_events_no_update`, `DROP TRIGGER audit_events_no_delete`}
	if s.Engine() == store.Postgres {
		stmts = []string{`ALTER TABLE audit_events DISABLE TRIGGER USER`}
	}
	for _, stmt := range stmts {
		_, err := s.SQL().ExecContext(context.Background(), stmt)
		must(t, err)
	}
}

func tamper(t *testing.T, s *store.DB, stmts ...string) {
	t.Helper()
	allowTampering(t, s)
	for _, stmt := range stmts {
		_, err := s.SQL().ExecContext(context.Background(), stmt)
		must(t, err)
	}
}

func verify(t *testing.T, log *audit.Log, anchors ...audit.Anchor) audit.Report {
	t.Helper()
	r, err := log.Verify(context.Background(), anchors...)
	must(t, err)
	return r
}

func wantBroken(t *testing.T, r audit.Report, seq int64, p audit.Problem) {
	t.Helper()
	if r.Intact || r.BrokenSeq != seq || r.Problem != p {
		t.Fatalf("got %s, want broken at %d with %q", r, seq, p)
	}
}

func TestRecordStampsTimeAndVerifies(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.DB) {
		before := time.Now().UTC().Add(-time.Second)
		log := seed(t, s, 20)
		r := verify(t, log)
		if !r.Intact || r.Entries != 20 || r.LastSeq != 20 || len(r.HeadHash) != 64 {
			t.Fatalf("report %+v", r)
		}
		es, err := log.List(context.Background(), audit.Filter{Limit: 1})
		must(t, err)
		if len(es) != 1 || es[0].Seq != 20 || es[0].At.Before(before) || es[0].At.After(time.Now()) || es[0].Hash != r.HeadHash {
			t.Fatalf("newest entry %+v", es)
		}
		err = log.Record(context.Background(), domain.AuditEvent{Action: "read"})
		if domain.ErrorCode(err) != domain.EInvalid {
			t.Fatalf("Record without a resource: %v", err)
		}
	})
}

func TestVerifyCatchesSQLTampering(t *testing.T) {
	cases := []struct {
		name  string
		stmts []string
		seq   int64
		p     audit.Problem
	}{
		{"edited actor", []string{`UPDATE audit_events SET actor_id = 'someone-else' WHERE seq = 17`}, 17, audit.ProblemHash},
		{"edited time", []string{`UPDATE audit_events SET at = '2020-01-01T00:00:00.000000Z' WHERE seq = 5`}, 5, audit.ProblemHash},
		{"deleted middle", []string{`DELETE FROM audit_events WHERE seq = 12`}, 12, audit.ProblemGap},
		{"deleted first", []string{`DELETE FROM audit_events WHERE seq = 1`}, 1, audit.ProblemGap},
		{"deleted and renumbered", []string{
			`DELETE FROM audit_events WHERE seq = 12`,
			`UPDATE audit_events SET seq = seq - 1 WHERE seq > 12`,
		}, 12, audit.ProblemHash},
		{"reordered", []string{
			`UPDATE audit_events SET seq = 1000 WHERE seq = 8`,
			`UPDATE audit_events SET seq = 8 WHERE seq = 9`,
			`UPDATE audit_events SET seq = 9 WHERE seq = 1000`,
		}, 8, audit.ProblemHash},
		{"forged hash on edited row", []string{
			`UPDATE audit_events SET actor_id = 'x', hash = (SELECT hash FROM audit_events WHERE seq = 3) WHERE seq = 4`,
		}, 4, audit.ProblemHash},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			eachEngine(t, func(t *testing.T, s *store.DB) {
				log := seed(t, s, 30)
				tamper(t, s, tc.stmts...)
				wantBroken(t, verify(t, log), tc.seq, tc.p)
			})
		})
	}
}

// TestTruncatedTailNeedsAnchor documents the chain's limit: removing the
// newest entries leaves a valid, shorter chain. An anchor noted earlier
// catches it.
func TestTruncatedTailNeedsAnchor(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.DB) {
		log := seed(t, s, 30)
		anchor := verify(t, log).Anchor()
		if anchor.Seq != 30 {
			t.Fatalf("anchor %v", anchor)
		}
		if r := verify(t, log, anchor); !r.Intact {
			t.Fatalf("untouched log against its own anchor: %s", r)
		}
		tamper(t, s, `DELETE FROM audit_events WHERE seq > 27`)
		if r := verify(t, log); !r.Intact || r.LastSeq != 27 {
			t.Fatalf("without an anchor a truncated tail is expected to pass, got %s", r)
		}
		wantBroken(t, verify(t, log, anchor), 30, audit.ProblemAnchorMissing)
	})
}
