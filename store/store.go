// Package store implements domain.Store on SQLite (the default, embedded,
// one file) and PostgreSQL (for several servers at national scale). Both
// engines share the same Go code and SQL; the dialect differences are
// placeholders, booleans and the schema files.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"peervoice/domain"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Engine names.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// queryer is what *sql.DB and *sql.Tx have in common.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// DB is a store on one engine. Its zero value is not usable: call Open.
type DB struct {
	db     *sql.DB
	q      queryer
	engine string
	inTx   bool
	// now is the clock, replaceable in tests.
	now func() time.Time
}

var _ domain.Store = (*DB)(nil)

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to dsn (a SQLite file path or a postgres:// URL), checks the
// schema version and applies any pending migrations. A file that is not a
// SQLite database, or a schema newer than this binary, is refused without
// changing anything.
func Open(ctx context.Context, dsn string) (*DB, error) {
	s, err := connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// connect opens the database without migrating it.
func connect(ctx context.Context, dsn string) (*DB, error) {
	if IsPostgres(dsn) {
		return connectPostgres(ctx, dsn)
	}
	return connectSQLite(ctx, dsn)
}

func connectSQLite(ctx context.Context, path string) (*DB, error) {
	if err := checkSQLiteFile(path); err != nil {
		return nil, err
	}
	dsn := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)" +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=temp_store(MEMORY)" +
		"&_pragma=cache_size(-65536)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(8)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return &DB{db: db, q: db, engine: SQLite, now: time.Now}, nil
}

// checkSQLiteFile refuses an existing file that is not a SQLite database
// before the driver touches it, so the file is left exactly as it was.
func checkSQLiteFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	defer f.Close()
	header := make([]byte, 16)
	n, err := io.ReadFull(f, header)
	if n == 0 && (err == io.EOF || err == nil) {
		return nil // an empty file becomes a new database
	}
	if !bytes.Equal(header[:n], []byte("SQLite format 3\x00")[:n]) || n < 16 {
		return domain.Errorf(domain.EInvalid, "%s is not a SQLite database (its header is wrong); it was left unchanged. Use --db to choose another file.", path)
	}
	return nil
}

func connectPostgres(ctx context.Context, dsn string) (*DB, error) {
	if !strings.Contains(dsn, "connect_timeout=") {
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		dsn += sep + "connect_timeout=5"
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open PostgreSQL: %w", err)
	}
	db.SetMaxOpenConns(16)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, domain.Errorf(domain.EInvalid, "cannot reach PostgreSQL at %s: %v", redactDSN(dsn), err)
	}
	return &DB{db: db, q: db, engine: Postgres, now: time.Now}, nil
}

// redactDSN hides a password in a connection URL before it is shown.
func redactDSN(dsn string) string {
	at := strings.Index(dsn, "@")
	scheme := strings.Index(dsn, "://")
	if at < 0 || scheme < 0 {
		return dsn
	}
	userinfo := dsn[scheme+3 : at]
	if i := strings.Index(userinfo, ":"); i >= 0 {
		return dsn[:scheme+3] + userinfo[:i] + ":***" + dsn[at:]
	}
	return dsn
}

// Engine returns "sqlite" or "postgres".
func (s *DB) Engine() string { return s.engine }

// SQL returns the underlying handle, for health checks and benchmarks.
func (s *DB) SQL() *sql.DB { return s.db }

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// Ping checks the database answers, for /readyz.
func (s *DB) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// InTx runs fn inside one transaction. Nested calls join the outer one.
func (s *DB) InTx(ctx context.Context, fn func(domain.Store) error) error {
	if s.inTx {
		return fn(s)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return translate(fmt.Errorf("store: begin: %w", err))
	}
	inner := *s
	inner.q, inner.inTx = tx, true
	if err := fn(&inner); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return translate(fmt.Errorf("store: commit: %w", err))
	}
	return nil
}

// rebind turns ? placeholders into $1, $2, ... for PostgreSQL.
func (s *DB) rebind(query string) string {
	if s.engine != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

func (s *DB) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	r, err := s.q.ExecContext(ctx, s.rebind(query), args...)
	return r, translate(err)
}

func (s *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := s.q.QueryContext(ctx, s.rebind(query), args...)
	return rows, translate(err)
}

func (s *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return s.q.QueryRowContext(ctx, s.rebind(query), args...)
}

// timestamp formats t for storage: fixed-width UTC text that sorts correctly
// on both engines.
func timestamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000Z")
}

func parseTimestamp(s string) time.Time {
	t, _ := time.Parse("2006-01-02T15:04:05.000000Z", s)
	return t
}

// nullable turns "" into SQL NULL, for optional foreign keys.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// queryAll runs query and scans every row with scan. what names the query
// in errors.
func queryAll[T any](ctx context.Context, s *DB, what, query string, scan func(*sql.Rows) (T, error), args ...any) ([]T, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, translate(rows.Err())
}
