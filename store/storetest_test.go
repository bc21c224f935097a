package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// postgresURL is the server the PostgreSQL half of the contract suite uses.
// `make test` sets it; in CI its absence or an unreachable server is a
// failure, so that half never silently skips.
func postgresURL(t testing.TB) string {
	url := os.Getenv("PEERVOICE_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("PEERVOICE_TEST_POSTGRES is not set in CI: the PostgreSQL contract suite must run")
		}
		t.Skip("SKIPPING PostgreSQL: set PEERVOICE_TEST_POSTGRES=postgres://... to run the contract suite on it")
	}
	return url
}

var schemaSeq atomic.Int64

// openPostgres opens a fresh schema on the test server, dropped at cleanup.
func openPostgres(t testing.TB) *DB {
	url := postgresURL(t)
	ctx := context.Background()
	admin, err := connect(ctx, url)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("PostgreSQL unreachable in CI: %v", err)
		}
		t.Skipf("SKIPPING PostgreSQL, unreachable: %v", err)
	}
	schema := fmt.Sprintf("pvtest_%d_%d_%d", os.Getpid(), schemaSeq.Add(1), rand.IntN(1_000_000))
	if _, err := admin.db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	s, err := Open(ctx, url+sep+"search_path="+schema)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openSQLite(t testing.TB) *DB {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// eachEngine runs f once on SQLite and once on PostgreSQL.
func eachEngine(t *testing.T, f func(t *testing.T, s *DB)) {
	t.Run("sqlite", func(t *testing.T) { f(t, openSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { f(t, openPostgres(t)) })
}
