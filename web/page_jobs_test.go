package web

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"peervoice/domain"
	"peervoice/importer"
	"peervoice/store"
)

// jobTargets fills {slug}, {id} and {job}: each session's own job, a job
// presented under another session or programme, and a missing job.
func (e *env) jobTargets(p string) []target {
	job := func(x *domain.Session) string {
		j := &store.ImportJob{ProgrammeID: x.ProgrammeID, SessionID: x.ID, Kind: "csv", TotalRows: 3000}
		e.must(e.db.CreateJob(context.Background(), j))
		return j.ID
	}
	a1, a2, b1 := job(e.sessA1), job(e.sessA2), job(e.sessB1)
	at := func(slug string, x *domain.Session, id string) string {
		return strings.Replace(sub(p, slug, x.ID), "{job}", id, 1)
	}
	return []target{
		{"alpha/s1", at("alpha", e.sessA1, a1)}, {"alpha/s2", at("alpha", e.sessA2, a2)}, {"bravo/s1", at("bravo", e.sessB1, b1)},
		{"swap:alpha-s1/job-s2", at("alpha", e.sessA1, a2)}, {"swap:alpha-s1/job-bravo", at("alpha", e.sessA1, b1)},
		{"swap:bravo/alpha-s1", at("bravo", e.sessA1, a1)},
		{"missing", at("alpha", e.sessA1, "0195f5a0-0000-7000-8000-000000000000")},
	}
}

// bigCapture is a session's CSV capture file of n contributions, a third
// of them attributed to a participant.
func (e *env) bigCapture(f captureFixture, n int) string {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	cw.WriteAll([][]string{{"format", "peervoice-capture-1"}, {"session", e.sessA1.ID}, {"check code", e.sessA1.CheckCode},
		{"kind", "activity", "area", "participant", "phase", "position", "statement", "vote", "option", "count", "text"}})
	for i := range n {
		who := ""
		if i%3 == 0 {
			who = f.codes[i%len(f.codes)]
		}
		cw.Write([]string{"contribution", "A1", "", who, "", "", "", "", "", "", fmt.Sprintf("Idea number %d: more time in education and family days", i)})
	}
	cw.Flush()
	return buf.String()
}

// uploadAsJob checks and confirms a file and returns the job page's path.
func (e *env) uploadAsJob(br *browser, base, file string) string {
	w := br.upload(base+"/upload", nil, map[string][2]string{"file": {"big.csv", file}})
	if w.Code != http.StatusOK {
		e.t.Fatalf("check: %d %.300s", w.Code, w.Body.String())
	}
	tok := e.last("upload").Data.(*uploadData).Token
	w = br.post(base+"/upload/confirm", map[string][]string{"token": {tok}, "name": {"big.csv"}})
	wantStatus(e.t, w, http.StatusSeeOther)
	loc := w.Header().Get("Location")
	if !strings.HasPrefix(loc, base+"/jobs/") {
		e.t.Fatalf("confirm redirected to %q, want the job page", loc)
	}
	return loc
}

// waitForJob polls the job page, as the browser's refresh does, until
// the job ends, and returns the last page's data and the distinct
// progress it showed on the way.
func (e *env) waitForJob(br *browser, path string, limit time.Duration) (*jobData, *http.Response, []string) {
	deadline := time.Now().Add(limit)
	var seen []string
	for {
		w := br.get(path)
		wantStatus(e.t, w, http.StatusOK)
		d := e.last("jobs").Data.(*jobData)
		if d.Job.Finished() {
			return d, w.Result(), seen
		}
		if s := fmt.Sprintf("%s %d/%d", d.Job.Stage, d.Job.DoneRows, d.Job.TotalRows); len(seen) == 0 || seen[len(seen)-1] != s {
			seen = append(seen, s)
		}
		if w.Header().Get("Refresh") != "2" || !strings.Contains(w.Body.String(), "<progress") {
			e.t.Fatalf("a running job's page must refresh itself and show a progress bar: %q", w.Header().Get("Refresh"))
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("job still %s (%s %d of %d) after %s", d.Job.Status, d.Job.Stage, d.Job.DoneRows, d.Job.TotalRows, limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestLargeUploadImportsAsJob(t *testing.T) {
	largeUploadAsJob(t, newEnv(t))
}

func TestLargeUploadImportsAsJobPostgres(t *testing.T) {
	db, _ := openPostgres(t)
	largeUploadAsJob(t, newEnvOn(t, db))
}

// largeUploadAsJob uploads a file above the threshold on one server and
// follows its job on another: the progress is in the database only.
func largeUploadAsJob(t *testing.T, e *env) {
	f := e.captureFixture()
	br := e.signedIn("facilitator")
	base := strings.TrimSuffix(f.path, "/capture")
	rows := jobRowThreshold + 500
	before := len(e.sessionContributions(true)) // the fixture's own
	path := e.uploadAsJob(br, base, e.bigCapture(f, rows))
	e.srv, _ = e.newServer(e.db)
	d, resp, _ := e.waitForJob(br, path, time.Minute)
	if d.Job.Status != store.JobDone || d.Job.Error != "" || d.Job.FileName != "big.csv" || d.Job.TotalRows != rows {
		t.Fatalf("job = %+v", d.Job)
	}
	if resp.Header.Get("Refresh") != "" {
		t.Error("a finished job's page must stop refreshing")
	}
	if got := d.Done.Rows[0].Value; got != fmt.Sprintf("%d added, 0 changed, 0 already saved", rows) {
		t.Errorf("contributions summary = %q", got)
	}
	if got := len(e.sessionContributions(true)) - before; got != rows {
		t.Errorf("%d contributions stored, want %d", got, rows)
	}
	// The same file again adds nothing, through a job as well.
	d, _, _ = e.waitForJob(br, e.uploadAsJob(br, base, e.bigCapture(f, rows)), time.Minute)
	if got := d.Done.Rows[0].Value; d.Job.Status != store.JobDone || got != fmt.Sprintf("0 added, 0 changed, %d already saved", rows) {
		t.Errorf("re-import: %s, %q", d.Job.Status, got)
	}
	if got := len(e.sessionContributions(true)) - before; got != rows {
		t.Errorf("after re-import %d contributions stored, want %d", got, rows)
	}
}

func TestSmallUploadStaysSynchronous(t *testing.T) {
	e := newEnv(t)
	f := e.captureFixture()
	br := e.signedIn("facilitator")
	base := strings.TrimSuffix(f.path, "/capture")
	before := len(e.sessionContributions(true))
	br.upload(base+"/upload", nil, map[string][2]string{"file": {"small.csv", e.bigCapture(f, 50)}})
	tok := e.last("upload").Data.(*uploadData).Token
	wantStatus(t, br.post(base+"/upload/confirm", map[string][]string{"token": {tok}}), http.StatusOK)
	if got := len(e.sessionContributions(true)) - before; got != 50 {
		t.Errorf("%d contributions stored, want 50", got)
	}
}

func TestJobPageShowsProgress(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	j := &store.ImportJob{ProgrammeID: e.progA.ID, SessionID: e.sessA1.ID, Kind: "csv", FileName: "week3.csv", TotalRows: 2500}
	e.must(e.db.CreateJob(ctx, j))
	e.must(e.db.UpdateJobProgress(ctx, j.ID, "intake", 500, 2500))
	w := e.signedIn("coordinator").get("/programmes/alpha/sessions/" + e.sessA1.ID + "/jobs/" + j.ID)
	wantStatus(t, w, http.StatusOK)
	body := w.Body.String()
	for _, want := range []string{`<progress id="job-progress" max="2500" value="500"`, "500 of 2500 rows (20%)", "Importing week3.csv", "Checking, redacting and screening"} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if w.Header().Get("Refresh") != "2" {
		t.Errorf("Refresh header = %q, want 2", w.Header().Get("Refresh"))
	}
}

func TestInterruptedJobShowsFailed(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	j := &store.ImportJob{ProgrammeID: e.progA.ID, SessionID: e.sessA1.ID, Kind: "csv", TotalRows: 2500}
	e.must(e.db.CreateJob(ctx, j))
	e.must(e.db.UpdateJobProgress(ctx, j.ID, "write", 1024, 2500))
	path := "/programmes/alpha/sessions/" + e.sessA1.ID + "/jobs/" + j.ID
	br := e.signedIn("facilitator")
	wantStatus(t, br.get(path), http.StatusOK)
	if d := e.last("jobs").Data.(*jobData); d.Job.Status != store.JobRunning {
		t.Fatalf("a job updated just now is %s, want running", d.Job.Status)
	}
	// Its server stopped three minutes ago.
	old := time.Now().Add(-3 * time.Minute).UTC().Format("2006-01-02T15:04:05.000000Z")
	_, err := e.db.SQL().ExecContext(ctx, `UPDATE import_jobs SET updated_at = ? WHERE id = ?`, old, j.ID)
	e.must(err)
	w := br.get(path)
	wantStatus(t, w, http.StatusOK)
	if d := e.last("jobs").Data.(*jobData); d.Job.Status != store.JobFailed || d.Job.Error != store.JobInterrupted {
		t.Fatalf("stale job = %+v", d.Job)
	}
	if !strings.Contains(w.Body.String(), "the import was interrupted; nothing was imported") &&
		!strings.Contains(w.Body.String(), "The import was interrupted; nothing was imported") {
		t.Error("page does not say the import was interrupted")
	}
	if w.Header().Get("Refresh") != "" {
		t.Error("a failed job's page must stop refreshing")
	}
}

// TestInterruptedImportWritesNothing backs the interrupted message: an
// import stopped part-way through saving leaves no rows behind.
func TestInterruptedImportWritesNothing(t *testing.T) {
	e := newEnv(t)
	f := e.captureFixture()
	before := len(e.sessionContributions(true))
	c, err := importer.ReadCSV(strings.NewReader(e.bigCapture(f, 12000))) // three write chunks
	e.must(err)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := (&http.Request{RemoteAddr: "192.0.2.1:1"}).WithContext(ctx)
	stopped := false
	_, err = e.srv.importWithProgress(r, e.sessA1, c, func(stage string, done, total int) {
		if stage == "write" && done > 0 && done < total {
			stopped = true
			cancel() // as if the server went away mid-write
		}
	})
	if err == nil || !stopped {
		t.Fatalf("import stopped mid-write: err %v, stopped %v", err, stopped)
	}
	if got := len(e.sessionContributions(true)) - before; got != 0 {
		t.Errorf("an interrupted import left %d contributions", got)
	}
}

// BenchmarkUploadJob100k measures a 100,000-row CSV from upload to a
// finished job on SQLite: check, confirm, then polling the job page until
// done. Run: go test ./web -run '^$' -bench UploadJob -benchtime 1x -v
func BenchmarkUploadJob100k(b *testing.B) {
	benchUploadJob(b, func(t *testing.T) *env { return newEnv(t) })
}

// BenchmarkUploadJob100kPostgres is the same on PEERVOICE_TEST_POSTGRES.
func BenchmarkUploadJob100kPostgres(b *testing.B) {
	base := os.Getenv("PEERVOICE_TEST_POSTGRES")
	if base == "" {
		b.Skip("SKIPPING PostgreSQL: set PEERVOICE_TEST_POSTGRES")
	}
	benchUploadJob(b, func(t *testing.T) *env {
		db, dsn := openPostgres(t)
		// t is not a real test, so its cleanups never run: drop the schema.
		b.Cleanup(func() { dropBenchSchema(b, base, dsn) })
		return newEnvOn(t, db)
	})
}

func dropBenchSchema(b *testing.B, base, dsn string) {
	schema := dsn[strings.LastIndex(dsn, "search_path=")+len("search_path="):]
	admin, err := sql.Open("pgx", base)
	if err != nil {
		b.Error(err)
		return
	}
	defer admin.Close()
	if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
		b.Error(err)
	}
}

func benchUploadJob(b *testing.B, newEnv func(*testing.T) *env) {
	const rows = 100_000
	for range b.N {
		b.StopTimer()
		t := &testing.T{}
		e := newEnv(t)
		f := e.captureFixture()
		br := e.signedIn("coordinator")
		base := strings.TrimSuffix(f.path, "/capture")
		file := e.bigCapture(f, rows)
		b.SetBytes(int64(len(file)))
		b.StartTimer()
		start := time.Now()
		path := e.uploadAsJob(br, base, file)
		confirmed := time.Since(start)
		d, _, seen := e.waitForJob(br, path, 10*time.Minute)
		total := time.Since(start)
		b.StopTimer()
		if d.Job.Status != store.JobDone || t.Failed() {
			b.Fatalf("job = %+v", d.Job)
		}
		b.Logf("100k rows: check+confirm %s, upload to done %s (%.0f rows/s)", confirmed.Round(time.Millisecond), total.Round(time.Millisecond), rows/total.Seconds())
		b.Logf("progress shown while running: %s", strings.Join(seen, ", "))
		b.ReportMetric(rows/total.Seconds(), "rows/s")
		e.db.Close()
		b.StartTimer()
	}
}
