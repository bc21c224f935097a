// Command import measures the CSV capture import: it sets up a session,
// writes a capture file of N generated contributions, imports it through
// the real code (parse, check, redaction and screening, one transaction),
// and prints the throughput, the time per stage, the peak resident memory
// and the peak Go heap. It then times redaction and screening alone on the
// same kind of text, to show what the privacy pipeline costs.
//
//	go run ./bench/import --rows 100000
//	go run ./bench/import --rows 100000 --db 'postgres://postgres@127.0.0.1:5432/test?sslmode=disable'
package main

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"time"

	"peervoice/bench/import/gen"
	"peervoice/domain"
	"peervoice/importer"
	"peervoice/privacy/intake"
	"peervoice/privacy/redact"
	"peervoice/privacy/screen"
	"peervoice/store"
)

func main() {
	rows := flag.Int("rows", 100_000, "contributions in the generated file")
	dsn := flag.String("db", "", "postgres:// URL to measure PostgreSQL (a fresh schema is made and dropped); default a temporary SQLite file")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the import to this file")
	noScreen := flag.Bool("no-screen", false, "diagnostic only: redact but skip the safeguarding screen, to measure its share")
	tune := flag.Bool("sqlite-tune", false, "diagnostic only: keep SQLite temp files in memory and use a 64 MB page cache, to measure what that would gain")
	flag.Parse()
	sqliteTune = *tune
	var pipe importer.Intake = intake.New(redact.Options{})
	if *noScreen {
		pipe = redactOnly{redact.New(redact.Options{})}
	}
	if err := run(context.Background(), *rows, *dsn, *cpuProfile, pipe); err != nil {
		fmt.Fprintln(os.Stderr, "bench/import:", err)
		os.Exit(1)
	}
}

// redactOnly is the pipeline without the screen, for --no-screen.
type redactOnly struct{ r *redact.Redactor }

func (p redactOnly) Apply(c *domain.Contribution) intake.Outcome {
	res := p.r.Redact(c.Text)
	c.Text, c.Review = strings.TrimSpace(res.Text), domain.ReviewPending
	return intake.Outcome{Redactions: res.Spans}
}

func run(ctx context.Context, rows int, dsn, cpuProfile string, pipe importer.Intake) error {
	dir, err := os.MkdirTemp("", "pv-import-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, cleanup, err := openDB(ctx, dsn, dir)
	if err != nil {
		return err
	}
	defer cleanup()
	fx, err := gen.Setup(ctx, db, "bench-import", 40, 10)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "capture.csv")
	if err := writeFile(path, fx, rows); err != nil {
		return err
	}
	info, _ := os.Stat(path)
	fmt.Printf("engine %s, %d rows, file %.1f MB, GOMAXPROCS %d\n", db.Engine(), rows, float64(info.Size())/1e6, runtime.GOMAXPROCS(0))
	heap := watchHeap()
	res, elapsed, err := importFile(ctx, db, fx, path, cpuProfile, pipe)
	peakHeap := heap()
	if err != nil {
		return err
	}
	report(rows, res, elapsed, peakHeap)
	pipelineCost(min(rows, 20_000))
	return nil
}

// sqliteTune is set by --sqlite-tune.
var sqliteTune bool

// tuneSQLite applies the pragmas --sqlite-tune measures. Pragmas are per
// connection, so the pool is cut to one connection first.
func tuneSQLite(ctx context.Context, db *store.DB) error {
	db.SQL().SetMaxOpenConns(1)
	for _, p := range []string{"PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -65536"} {
		if _, err := db.SQL().ExecContext(ctx, p); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	return nil
}

// openDB opens a temporary SQLite file, or a fresh schema on PostgreSQL.
func openDB(ctx context.Context, dsn, dir string) (*store.DB, func(), error) {
	if dsn == "" {
		db, err := store.Open(ctx, filepath.Join(dir, "bench.db"))
		if err == nil && sqliteTune {
			err = tuneSQLite(ctx, db)
		}
		if err != nil {
			return nil, nil, err
		}
		return db, func() { db.Close() }, nil
	}
	if !store.IsPostgres(dsn) {
		return nil, nil, errors.New("--db must be a postgres:// URL (SQLite uses a temporary file)")
	}
	return openSchema(ctx, dsn)
}

// openSchema opens a fresh PostgreSQL schema, dropped by the cleanup.
func openSchema(ctx context.Context, dsn string) (*store.DB, func(), error) {
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, nil, err
	}
	schema := fmt.Sprintf("pvbench_import_%d_%d", os.Getpid(), rand.IntN(1_000_000))
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		return nil, nil, fmt.Errorf("create schema: %w", err)
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	db, err := store.Open(ctx, dsn+sep+"search_path="+schema)
	cleanup := func() {
		if db != nil {
			db.Close()
		}
		admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	}
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	return db, cleanup, nil
}

func writeFile(path string, fx *gen.Fixture, rows int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := fx.WriteContributions(w, rows, 1); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// importFile imports the file as `peervoice import csv` does, timed from
// opening the file to the commit.
func importFile(ctx context.Context, db *store.DB, fx *gen.Fixture, path, cpuProfile string, pipe importer.Intake) (*importer.CaptureResult, time.Duration, error) {
	if cpuProfile != "" {
		pf, err := os.Create(cpuProfile)
		if err != nil {
			return nil, 0, err
		}
		defer pf.Close()
		pprof.StartCPUProfile(pf)
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	res, err := importer.ImportCSV(ctx, db, f, importer.CaptureOptions{SessionID: fx.Session.ID, Pipeline: pipe})
	return res, time.Since(start), err
}

// watchHeap samples the Go heap until the returned function is called,
// which returns the peak seen.
func watchHeap() func() uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		return peak.Load()
	}
}

func report(rows int, res *importer.CaptureResult, elapsed time.Duration, peakHeap uint64) {
	t := res.Timings
	parse := elapsed - t.Check - t.Intake - t.Write
	fmt.Printf("imported %d contributions (%d redacted, %d flagged) in %.2fs: %.0f rows/s\n",
		res.Contributions.Added, res.Redacted, res.Flagged, elapsed.Seconds(), float64(rows)/elapsed.Seconds())
	fmt.Printf("stages: read+parse %.2fs, check %.2fs, redact+screen %.2fs (%.0f%%), write %.2fs (%.0f%%)\n",
		parse.Seconds(), t.Check.Seconds(), t.Intake.Seconds(), 100*t.Intake.Seconds()/elapsed.Seconds(),
		t.Write.Seconds(), 100*t.Write.Seconds()/elapsed.Seconds())
	fmt.Printf("peak RSS (VmHWM) %s, peak Go heap %.0f MB\n", vmHWM(), float64(peakHeap)/(1<<20))
}

// vmHWM reads the process's peak resident set size from /proc.
func vmHWM() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// pipelineCost times redaction and screening apart, on one core, over n
// texts like those imported.
func pipelineCost(n int) {
	rng := rand.New(rand.NewPCG(2, 3))
	texts := make([]string, n)
	for i := range texts {
		texts[i] = gen.Sentence(rng)
	}
	r := redact.New(redact.Options{})
	start := time.Now()
	for _, t := range texts {
		r.Redact(t)
	}
	red := time.Since(start)
	start = time.Now()
	for _, t := range texts {
		screen.Screen(t)
	}
	scr := time.Since(start)
	fmt.Printf("privacy pipeline on one core, %d texts: redact %.1f µs/row (%.0f rows/s), screen %.1f µs/row (%.0f rows/s)\n",
		n, us(red, n), float64(n)/red.Seconds(), us(scr, n), float64(n)/scr.Seconds())
}

func us(d time.Duration, n int) float64 { return float64(d.Microseconds()) / float64(n) }
