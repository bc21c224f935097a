package importer_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"peervoice/bench/import/gen"
	"peervoice/domain"
	"peervoice/importer"
	"peervoice/privacy/intake"
	"peervoice/privacy/redact"
	"peervoice/store"
)

var pipeline = intake.New(redact.Options{})

func openSQLite(t testing.TB) *store.DB {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var schemaSeq atomic.Int64

// openPostgres opens a fresh schema on PEERVOICE_TEST_POSTGRES, dropped at
// cleanup, as the store's contract suite does.
func openPostgres(t testing.TB) *store.DB {
	t.Helper()
	url := os.Getenv("PEERVOICE_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("PEERVOICE_TEST_POSTGRES is not set in CI")
		}
		t.Skip("SKIPPING PostgreSQL: set PEERVOICE_TEST_POSTGRES=postgres://... to run on it")
	}
	ctx := context.Background()
	// A plain connection: opening the store would migrate the public schema.
	admin, err := sql.Open("pgx", url)
	if err == nil {
		err = admin.PingContext(ctx)
	}
	if err != nil {
		t.Skipf("SKIPPING PostgreSQL, unreachable: %v", err)
	}
	schema := fmt.Sprintf("pvimport_%d_%d_%d", os.Getpid(), schemaSeq.Add(1), rand.IntN(1_000_000))
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	s, err := store.Open(ctx, url+sep+"search_path="+schema)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// eachEngine runs f on SQLite and on PostgreSQL.
func eachEngine(t *testing.T, f func(t *testing.T, s *store.DB)) {
	t.Run("sqlite", func(t *testing.T) { f(t, openSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { f(t, openPostgres(t)) })
}

func setup(t testing.TB, s *store.DB) *gen.Fixture {
	t.Helper()
	fx, err := gen.Setup(context.Background(), s, "imp", 8, 6)
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

// csvFile is a capture CSV for fx with the given data lines.
func csvFile(fx *gen.Fixture, lines ...string) string {
	return fx.Header() + strings.Join(lines, "\n") + "\n"
}

func importCSV(t testing.TB, s *store.DB, fx *gen.Fixture, data string) (*importer.CaptureResult, error) {
	t.Helper()
	return importer.ImportCSV(context.Background(), s, strings.NewReader(data),
		importer.CaptureOptions{SessionID: fx.Session.ID, Pipeline: pipeline})
}

func stats(t testing.TB, s *store.DB) domain.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// fileError returns err as a *FileError, failing the test otherwise.
func fileError(t *testing.T, err error) *importer.FileError {
	t.Helper()
	var fe *importer.FileError
	if !errors.As(err, &fe) {
		t.Fatalf("error = %v (%T), want a *FileError", err, err)
	}
	if domain.ErrorCode(err) != domain.EInvalid {
		t.Fatalf("error code = %q, want invalid", domain.ErrorCode(err))
	}
	return fe
}

// wantProblem fails unless some problem is at row and column and its
// message contains msg.
func wantProblem(t *testing.T, fe *importer.FileError, row int, column, msg string) {
	t.Helper()
	for _, p := range fe.Problems {
		if p.Row == row && p.Column == column && strings.Contains(p.Message, msg) {
			return
		}
	}
	t.Fatalf("no problem at row %d column %q containing %q; got:\n%v", row, column, msg, fe)
}

func code(fx *gen.Fixture, i int) string { return fx.Participants[i].Code }

// badCheck returns code with its check character changed, which the Luhn
// check always catches.
func badCheck(c string) string {
	last := c[len(c)-1]
	for _, r := range domain.CodeAlphabet {
		if byte(r) != last {
			return c[:len(c)-1] + string(r)
		}
	}
	return c
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
