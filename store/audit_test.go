package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"peervoice/audit"
	"peervoice/domain"
)

// appendMany appends n events from workers goroutines and fails the test on
// any error. Call it from the test's own goroutine.
func appendMany(t testing.TB, s *DB, workers, n int, actor string) {
	t.Helper()
	must(t, appendConcurrently(s, workers, n, actor))
}

// appendConcurrently appends n events from workers goroutines and returns
// the first error.
func appendConcurrently(s *DB, workers, n int, actor string) error {
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				e := &domain.AuditEvent{ActorID: fmt.Sprintf("%s-%d", actor, w), Action: audit.ActionRead,
					Resource: audit.ResourceContribution, ResourceID: strconv.Itoa(i), Addr: "127.0.0.1"}
				if err := s.AppendAudit(ctx, e); err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// wantIntact verifies the chain and checks it holds n contiguous entries.
func wantIntact(t *testing.T, s *DB, n int64) {
	t.Helper()
	r, err := audit.Verify(context.Background(), s)
	must(t, err)
	if !r.Intact || r.Entries != n || r.LastSeq != n {
		t.Fatalf("want %d intact entries, got %+v", n, r)
	}
	var seqs []int64
	must(t, s.AuditChain(context.Background(), func(e domain.AuditEvent) error {
		seqs = append(seqs, e.Seq)
		return nil
	}))
	for i, seq := range seqs {
		if seq != int64(i+1) {
			t.Fatalf("seq %d at position %d: not contiguous", seq, i)
		}
	}
}

func TestContractAuditConcurrentAppends(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		appendMany(t, s, 8, 200, "worker")
		wantIntact(t, s, 200)
	})
}

// dsnOf returns a DSN that opens the same database as s, so that other
// handles and processes can share it.
func dsnOf(t *testing.T, s *DB) string {
	t.Helper()
	ctx := context.Background()
	if s.engine == SQLite {
		var seq int
		var name, file string
		must(t, s.db.QueryRowContext(ctx, `PRAGMA database_list`).Scan(&seq, &name, &file))
		return file
	}
	var schema string
	must(t, s.db.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema))
	url := postgresURL(t)
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + "search_path=" + schema
}

// TestContractAuditAcrossHandles appends through three separate connection
// pools at once, as three servers sharing one database would.
func TestContractAuditAcrossHandles(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		dsn := dsnOf(t, s)
		var wg sync.WaitGroup
		for h := 0; h < 3; h++ {
			other, err := Open(context.Background(), dsn)
			must(t, err)
			defer other.Close()
			wg.Add(1)
			go func(h int) {
				defer wg.Done()
				if err := appendConcurrently(other, 4, 40, fmt.Sprintf("server%d", h)); err != nil {
					t.Error(err)
				}
			}(h)
		}
		wg.Wait()
		wantIntact(t, s, 120)
	})
}

const childDSNEnv = "PEERVOICE_AUDIT_CHILD_DSN"

// TestAuditChildProcess is not a test on its own: the multi-process test
// runs this binary again with childDSNEnv set, to append from another
// operating-system process.
func TestAuditChildProcess(t *testing.T) {
	dsn := os.Getenv(childDSNEnv)
	if dsn == "" {
		t.Skip("only runs as a child of TestContractAuditAcrossProcesses")
	}
	s, err := Open(context.Background(), dsn)
	must(t, err)
	defer s.Close()
	appendMany(t, s, 4, 50, fmt.Sprintf("pid%d", os.Getpid()))
}

func TestContractAuditAcrossProcesses(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		dsn := dsnOf(t, s)
		var wg sync.WaitGroup
		for i := 0; i < 3; i++ {
			cmd := exec.Command(os.Args[0], "-test.run=^TestAuditChildProcess$", "-test.count=1")
			cmd.Env = append(os.Environ(), childDSNEnv+"="+dsn)
			wg.Add(1)
			go func() {
				defer wg.Done()
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("child process: %v\n%s", err, out)
				}
			}()
		}
		wg.Wait()
		wantIntact(t, s, 150)
	})
}

func TestContractAuditRoundTrip(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		at := time.Date(2026, 4, 5, 6, 7, 8, 987654321, time.FixedZone("BST", 3600))
		e := &domain.AuditEvent{At: at, ActorID: "user-1", Action: audit.ActionUpdate,
			Resource: audit.ResourceSafeguarding, ResourceID: "sg-1", ProgrammeID: "prog-1", Addr: "2001:db8::1",
			Seq: 99, PrevHash: "ignored", Hash: "ignored"}
		must(t, s.AppendAudit(ctx, e))
		if e.Seq != 1 || e.PrevHash != audit.GenesisHash || e.Hash != audit.Hash(*e) || !e.At.Equal(audit.Normalise(at)) {
			t.Fatalf("appended %+v", e)
		}
		got, err := s.AuditEvents(ctx, audit.Filter{})
		must(t, err)
		if len(got) != 1 || got[0] != *e {
			t.Fatalf("read back %+v, want %+v", got, *e)
		}
		second := &domain.AuditEvent{Action: audit.ActionRead, Resource: audit.ResourceContribution}
		must(t, s.AppendAudit(ctx, second))
		if second.Seq != 2 || second.PrevHash != e.Hash || second.At.IsZero() {
			t.Fatalf("second %+v", second)
		}
	})
}

func TestContractAuditRejectsInvalid(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		wantCode(t, s.AppendAudit(ctx, &domain.AuditEvent{Resource: "contribution"}), domain.EInvalid)
		wantCode(t, s.AppendAudit(ctx, &domain.AuditEvent{Action: "read", Resource: "x", Addr: "a\x00b"}), domain.EInvalid)
		wantIntact(t, s, 0)
	})
}

// TestContractAuditRollsBackWithCaller checks that an entry appended inside
// a failed transaction vanishes with it and leaves no gap in seq.
func TestContractAuditRollsBackWithCaller(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		must(t, s.AppendAudit(ctx, &domain.AuditEvent{Action: "read", Resource: "x"}))
		boom := errors.New("boom")
		err := s.InTx(ctx, func(tx domain.Store) error {
			must(t, tx.(*DB).AppendAudit(ctx, &domain.AuditEvent{Action: "update", Resource: "x"}))
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx err = %v", err)
		}
		must(t, s.AppendAudit(ctx, &domain.AuditEvent{Action: "delete", Resource: "x"}))
		wantIntact(t, s, 2)
		got, err := s.AuditEvents(ctx, audit.Filter{Action: "update"})
		must(t, err)
		if len(got) != 0 {
			t.Fatalf("rolled-back entry survived: %+v", got)
		}
	})
}

func TestContractAuditAppendOnly(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		appendMany(t, s, 1, 3, "u")
		statements := []string{
			`UPDATE audit_events SET actor_id = 'forged' WHERE seq = 2`,
			`UPDATE audit_events SET hash = hash`,
			`DELETE FROM audit_events WHERE seq = 3`,
			`DELETE FROM audit_events`,
		}
		if s.engine == Postgres {
			statements = append(statements, `TRUNCATE audit_events`)
		}
		for _, stmt := range statements {
			if _, err := s.db.ExecContext(ctx, stmt); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: err = %v, want append-only refusal", stmt, err)
			}
		}
		wantIntact(t, s, 3)
		got, err := s.AuditEvents(ctx, audit.Filter{ActorID: "forged"})
		must(t, err)
		if len(got) != 0 {
			t.Fatal("an UPDATE got through")
		}
	})
}

// seedFilterEvents appends a small, varied log an hour apart from base.
func seedFilterEvents(t *testing.T, s *DB, base time.Time) {
	t.Helper()
	rows := []struct{ actor, action, resource, resID, prog string }{
		{"alice", "read", "contribution", "c1", "p1"},
		{"bob", "update", "contribution", "c1", "p1"},
		{"alice", "read", "safeguarding_concern", "s1", "p1"},
		{"carol", "read", "contribution", "c2", "p2"},
		{"alice", "export", "report", "", "p2"},
		{"bob", "read", "safeguarding_concern", "s1", "p1"},
	}
	for i, r := range rows {
		e := &domain.AuditEvent{At: base.Add(time.Duration(i) * time.Hour), ActorID: r.actor, Action: r.action,
			Resource: r.resource, ResourceID: r.resID, ProgrammeID: r.prog, Addr: "10.1.1." + strconv.Itoa(i)}
		must(t, s.AppendAudit(context.Background(), e))
	}
}

// seqsOf lists the seqs of events, in order.
func seqsOf(es []domain.AuditEvent) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = strconv.FormatInt(e.Seq, 10)
	}
	return strings.Join(parts, ",")
}

func TestContractAuditFilter(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		base := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		seedFilterEvents(t, s, base)
		cases := map[string]struct {
			f    audit.Filter
			want string
		}{
			"all newest first":  {audit.Filter{}, "6,5,4,3,2,1"},
			"actor":             {audit.Filter{ActorID: "alice"}, "5,3,1"},
			"action":            {audit.Filter{Action: "read"}, "6,4,3,1"},
			"resource":          {audit.Filter{Resource: "safeguarding_concern"}, "6,3"},
			"resource id":       {audit.Filter{Resource: "contribution", ResourceID: "c1"}, "2,1"},
			"programme":         {audit.Filter{ProgrammeID: "p2"}, "5,4"},
			"combined":          {audit.Filter{ActorID: "alice", ProgrammeID: "p1", Action: "read"}, "3,1"},
			"since inclusive":   {audit.Filter{Since: base.Add(4 * time.Hour)}, "6,5"},
			"until exclusive":   {audit.Filter{Until: base.Add(2 * time.Hour)}, "2,1"},
			"range in BST":      {audit.Filter{Since: base.Add(time.Hour).In(time.FixedZone("BST", 3600)), Until: base.Add(3 * time.Hour)}, "3,2"},
			"limit":             {audit.Filter{Limit: 2}, "6,5"},
			"limit and offset":  {audit.Filter{Limit: 2, Offset: 3}, "3,2"},
			"offset past end":   {audit.Filter{Offset: 10}, ""},
			"no match":          {audit.Filter{ActorID: "mallory"}, ""},
			"injection is text": {audit.Filter{ActorID: "' OR 1=1 --"}, ""},
		}
		for name, tc := range cases {
			got, err := s.AuditEvents(context.Background(), tc.f)
			must(t, err)
			if seqsOf(got) != tc.want {
				t.Errorf("%s: got seqs %q, want %q", name, seqsOf(got), tc.want)
			}
		}
	})
}

func TestContractAuditChainStopsOnError(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		appendMany(t, s, 1, 5, "u")
		stop := errors.New("stop")
		n := 0
		err := s.AuditChain(context.Background(), func(domain.AuditEvent) error {
			n++
			if n == 2 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || n != 2 {
			t.Fatalf("err %v after %d entries", err, n)
		}
	})
}

// BenchmarkAppendAudit measures sequential appends on SQLite, each its own
// committed transaction, in events per second.
func BenchmarkAppendAudit(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e := &domain.AuditEvent{ActorID: "user-1", Action: audit.ActionRead, Resource: audit.ResourceContribution,
			ResourceID: strconv.Itoa(i), ProgrammeID: "prog-1", Addr: "10.0.0.1"}
		if err := s.AppendAudit(ctx, e); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkAppendAuditParallel measures appends from many goroutines at
// once on SQLite, where they queue for the single write lock.
func BenchmarkAppendAuditParallel(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			e := &domain.AuditEvent{ActorID: "user-1", Action: audit.ActionRead, Resource: audit.ResourceContribution}
			if err := s.AppendAudit(ctx, e); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkVerifyAudit measures `audit verify` on a 10,000-entry SQLite
// log, in entries per second.
func BenchmarkVerifyAudit(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	const n = 10_000
	if err := seedBulk(s, n); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := audit.Verify(context.Background(), s)
		if err != nil || !r.Intact || r.Entries != n {
			b.Fatalf("verify: %+v %v", r, err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "entries/s")
}

// seedBulk appends n entries in one transaction, which is quicker than n
// separate appends and builds the same chain.
func seedBulk(s *DB, n int) error {
	ctx := context.Background()
	return s.InTx(ctx, func(tx domain.Store) error {
		for i := 0; i < n; i++ {
			e := &domain.AuditEvent{ActorID: "user-1", Action: audit.ActionRead, Resource: audit.ResourceContribution,
				ResourceID: strconv.Itoa(i), ProgrammeID: "prog-1", Addr: "10.0.0.1"}
			if err := tx.(*DB).AppendAudit(ctx, e); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkAppendAuditPostgres measures appends from many goroutines on
// PostgreSQL, where they queue for the advisory lock.
func BenchmarkAppendAuditPostgres(b *testing.B) {
	s := openPostgres(b)
	ctx := context.Background()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			e := &domain.AuditEvent{ActorID: "user-1", Action: audit.ActionRead, Resource: audit.ResourceContribution}
			if err := s.AppendAudit(ctx, e); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
