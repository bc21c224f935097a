package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/importer"
	"peervoice/privacy/intake"
	"peervoice/store"
)

// jobRowThreshold is the size, in data rows, from which a confirmed
// upload is imported in the background with a progress page. Smaller
// files import within the request, as a session's own file does.
var jobRowThreshold = 2000

const (
	// jobTimeout bounds a background import; 100,000 rows take seconds.
	jobTimeout = 30 * time.Minute
	// jobStaleAfter is how long an unfinished job may go without an
	// update before it counts as interrupted (its server stopped).
	jobStaleAfter = 2 * time.Minute
	// progressEvery throttles progress writes; heartbeatEvery keeps a
	// job that is busy without progress (one long write) from going stale.
	progressEvery  = 250 * time.Millisecond
	heartbeatEvery = 20 * time.Second
	// progressWriteTimeout bounds one progress write: on SQLite it waits
	// for the import's own transaction, and a skipped update is harmless.
	progressWriteTimeout = 5 * time.Second
)

// jobStore keeps import jobs; *store.DB has it. A store without it
// (none in production) imports every file within the request.
type jobStore interface {
	CreateJob(ctx context.Context, j *store.ImportJob) error
	UpdateJobProgress(ctx context.Context, id, stage string, done, total int) error
	FinishJob(ctx context.Context, id, status, result, errMsg string) error
	Job(ctx context.Context, id string) (*store.ImportJob, error)
	FailStaleJobs(ctx context.Context, maxAge time.Duration) (int64, error)
}

// uploadJob starts a background import of a confirmed file that is large
// enough, and redirects to its progress page. handled is false when the
// file should be imported within the request instead.
func (s *Server) uploadJob(w http.ResponseWriter, r *http.Request, d *uploadData, data []byte, format, path string) (handled bool, err error) {
	js, ok := s.store.(jobStore)
	if !ok {
		return false, nil
	}
	c, err := readCapture(data, format)
	if err != nil || c.Rows() < jobRowThreshold {
		return false, nil // a broken file is reported by the usual path
	}
	j, err := s.createJob(r, js, d, format, c.Rows())
	if err != nil {
		return true, err
	}
	_ = os.Remove(path) // in memory now; a second click finds no file
	jr, cancel := detachedRequest(r)
	go func() {
		defer cancel()
		s.runJob(jr, js, j, d.Session, c)
	}()
	http.Redirect(w, r, sessionPath(d.Programme, d.Session)+"/jobs/"+j.ID, http.StatusSeeOther)
	return true, nil
}

func readCapture(data []byte, format string) (*importer.Capture, error) {
	if format == "xlsx" {
		return importer.ReadXLSX(bytes.NewReader(data))
	}
	return importer.ReadCSV(bytes.NewReader(data))
}

// createJob records the import in the audit log, then adds its job row.
func (s *Server) createJob(r *http.Request, js jobStore, d *uploadData, format string, rows int) (*store.ImportJob, error) {
	if err := s.record(r, audit.ActionCreate, audit.ResourceContribution, d.Session.ID, d.Programme.ID); err != nil {
		return nil, err
	}
	j := &store.ImportJob{ProgrammeID: d.Programme.ID, SessionID: d.Session.ID, Kind: format,
		FileName: safeFileName(r.PostFormValue("name")), TotalRows: rows}
	if st := current(r); st != nil && st.user != nil {
		j.CreatedBy = st.user.ID
	}
	if err := js.CreateJob(r.Context(), j); err != nil {
		return nil, err
	}
	return j, nil
}

// safeFileName is the base of a user-given file name, bounded in length;
// the template escapes it.
func safeFileName(name string) string {
	name = filepath.Base(name)
	if name == "." || name == "/" {
		return ""
	}
	if r := []rune(name); len(r) > 120 {
		name = string(r[:120])
	}
	return name
}

// detachedRequest is a request that outlives its handler: it keeps the
// signed-in actor and address (for the audit and safeguarding trail) but
// not the request's cancellation, and has its own deadline. The original
// request must not be used once its handler returns.
func detachedRequest(r *http.Request) (*http.Request, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), jobTimeout)
	jr := (&http.Request{Method: r.Method, RemoteAddr: r.RemoteAddr, Header: http.Header{}}).WithContext(ctx)
	return jr, cancel
}

// runJob imports a file in the background, reporting progress to its job
// row, then finishes the intake as the synchronous path does.
func (s *Server) runJob(jr *http.Request, js jobStore, j *store.ImportJob, x *domain.Session, c *importer.Capture) {
	ctx := jr.Context()
	p := &jobProgress{js: js, id: j.ID, log: s.log, stage: "intake", total: c.Rows(), changed: true}
	p.start(ctx)
	res, err := s.importWithProgress(jr, x, c, p.set)
	p.stop()
	status, result, msg := s.jobOutcome(j, res, err)
	// The import's outcome must land even if its deadline has passed.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err := js.FinishJob(fctx, j.ID, status, result, msg); err != nil {
		s.log.Error("import job: finish", "job", j.ID, "err", err)
	}
}

// importWithProgress is importCapture (not a dry run) with a progress
// callback.
func (s *Server) importWithProgress(r *http.Request, x *domain.Session, c *importer.Capture, progress func(string, int, int)) (*importer.CaptureResult, error) {
	pipe, err := s.pipeline(r.Context(), x.ProgrammeID)
	if err != nil {
		return nil, err
	}
	ri := intake.NewRecorder(pipe)
	res, err := importer.ImportCapture(r.Context(), s.store, c, importer.CaptureOptions{SessionID: x.ID, Pipeline: ri, Progress: progress})
	if err != nil {
		return nil, err
	}
	res.Flagged, err = s.afterIntake(r, x, ri)
	return res, err
}

// jobResult is the summary kept with a finished job.
type jobResult struct {
	Contributions  importer.KindCount `json:"contributions"`
	DebateVotes    importer.KindCount `json:"debate_votes"`
	StatementVotes importer.KindCount `json:"statement_votes"`
	DotVotes       importer.KindCount `json:"dot_votes"`
	Rankings       importer.KindCount `json:"rankings"`
	Blank          int                `json:"blank"`
	Flagged        int                `json:"flagged"`
	Redacted       int                `json:"redacted"`
}

// jobOutcome turns an import's result into the job's end: status, result
// JSON and a message safe to show. Details of an unexpected error go to
// the log only.
func (s *Server) jobOutcome(j *store.ImportJob, res *importer.CaptureResult, err error) (status, result, msg string) {
	if res != nil {
		if err != nil {
			// Saved, but the follow-up failed: the safeguarding queue's
			// sweep opens any missing concerns, so the import stands.
			s.log.Error("import job: after intake", "job", j.ID, "err", err)
		}
		b, _ := json.Marshal(jobResult{res.Contributions, res.DebateVotes, res.StatementVotes, res.DotVotes, res.Rankings, res.Blank, res.Flagged, res.Redacted})
		return store.JobDone, string(b), ""
	}
	var fe *importer.FileError
	switch {
	case errors.As(err, &fe):
		msg = fmt.Sprintf("The file has %d problem%s, so nothing was imported. Upload it again to see them by row and column.", len(fe.Problems), plural(len(fe.Problems)))
	case errors.Is(err, context.DeadlineExceeded):
		msg = "The import took too long and was stopped; nothing was imported. Split the file, or ask an administrator to use the peervoice import command."
	default:
		if de, ok := asDomain(err); ok && de.Code == domain.EInvalid {
			msg = domain.ErrorMessage(err)
			break
		}
		s.log.Error("import job: import", "job", j.ID, "err", err)
		msg = "The import failed; nothing was imported. Try again, or ask an administrator."
	}
	return store.JobFailed, "", msg
}

// jobProgress receives the importer's progress and writes it to the job
// row from its own goroutine, at most every progressEvery: the importer
// calls back from inside its transaction, where a write would wait on
// SQLite.
type jobProgress struct {
	js           jobStore
	id           string
	log          *slog.Logger
	mu           sync.Mutex
	stage        string
	done, total  int
	changed      bool
	quit, exited chan struct{}
}

// set is the importer's Progress callback. The end of intake is written
// at once, as "write" from zero: it happens before the write transaction
// opens, so the page can say the rows are being saved.
func (p *jobProgress) set(stage string, done, total int) {
	p.mu.Lock()
	p.stage, p.done, p.total, p.changed = stage, done, total, true
	if stage == "intake" && done == total {
		p.stage, p.done = "write", 0
	}
	flushNow := stage == "intake" && done == total
	p.mu.Unlock()
	if flushNow {
		p.flush(context.Background())
	}
}

func (p *jobProgress) start(ctx context.Context) {
	p.quit, p.exited = make(chan struct{}), make(chan struct{})
	go p.loop(ctx)
}

func (p *jobProgress) stop() {
	close(p.quit)
	<-p.exited
}

func (p *jobProgress) loop(ctx context.Context) {
	defer close(p.exited)
	t := time.NewTicker(progressEvery)
	defer t.Stop()
	last := time.Time{}
	for {
		select {
		case <-p.quit:
			return
		case <-ctx.Done():
			return
		case <-t.C:
			if p.pending() || time.Since(last) > heartbeatEvery {
				p.flush(ctx)
				last = time.Now()
			}
		}
	}
}

func (p *jobProgress) pending() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.changed
}

// flush writes the latest progress; a failed write is logged and the
// next one carries on.
func (p *jobProgress) flush(ctx context.Context) {
	p.mu.Lock()
	stage, done, total := p.stage, p.done, p.total
	p.changed = false
	p.mu.Unlock()
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), progressWriteTimeout)
	defer cancel()
	if err := p.js.UpdateJobProgress(wctx, p.id, stage, done, total); err != nil {
		p.log.Warn("import job: progress", "job", p.id, "err", err)
	}
}

// jobData is the progress page.
type jobData struct {
	Programme *domain.Programme
	Session   *domain.Session
	Base      string
	Job       *store.ImportJob
	// StageLabel says what the import is doing; Percent is the text
	// equivalent of the progress bar.
	StageLabel string
	Percent    int
	Done       *captureCounts
}

// jobPage shows an import job's progress, refreshing itself (by the
// Refresh header: no script) until the job ends.
func (s *Server) jobPage(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.captureSession(r)
	if err != nil {
		return err
	}
	j, err := s.sessionJob(r, x)
	if err != nil {
		return err
	}
	d := &jobData{Programme: p, Session: x, Base: sessionPath(p, x), Job: j, StageLabel: stageLabel(j)}
	if j.TotalRows > 0 {
		d.Percent = j.DoneRows * 100 / j.TotalRows
	}
	if d.Done, err = jobCounts(j); err != nil {
		return err
	}
	v := s.view(r, "Importing a capture file: "+x.Title, d)
	v.Back, v.Banner = d.Base+"/upload", jobBanner(j)
	if !j.Finished() {
		w.Header().Set("Refresh", "2")
	}
	return s.render(w, r, "jobs", v)
}

// sessionJob finds a job of this session, first failing it if its
// server stopped. Another session's job is not found.
func (s *Server) sessionJob(r *http.Request, x *domain.Session) (*store.ImportJob, error) {
	js, ok := s.store.(jobStore)
	if !ok {
		return nil, errNotFound
	}
	j, err := js.Job(r.Context(), r.PathValue("job"))
	if err != nil || j.SessionID != x.ID {
		return nil, errNotFound
	}
	if j.Finished() {
		return j, nil
	}
	if _, err := js.FailStaleJobs(r.Context(), jobStaleAfter); err != nil {
		return nil, err
	}
	return js.Job(r.Context(), j.ID)
}

func stageLabel(j *store.ImportJob) string {
	switch {
	case j.Status == store.JobQueued:
		return "Waiting to start"
	case j.Stage == "write" && j.TotalRows > 0 && j.DoneRows >= j.TotalRows:
		return "Saved; finishing the safeguarding checks"
	case j.Stage == "write":
		return "Saving the rows"
	}
	return "Checking, redacting and screening the rows"
}

// jobCounts is a finished job's summary as the page shows it.
func jobCounts(j *store.ImportJob) (*captureCounts, error) {
	if j.Status != store.JobDone || j.Result == "" {
		return nil, nil
	}
	var jr jobResult
	if err := json.Unmarshal([]byte(j.Result), &jr); err != nil {
		return nil, fmt.Errorf("web: import job %s result: %w", j.ID, err)
	}
	return countsOf(&importer.CaptureResult{Contributions: jr.Contributions, DebateVotes: jr.DebateVotes,
		StatementVotes: jr.StatementVotes, DotVotes: jr.DotVotes, Rankings: jr.Rankings, Blank: jr.Blank, Flagged: jr.Flagged, Redacted: jr.Redacted}, false), nil
}

func jobBanner(j *store.ImportJob) *Banner {
	switch j.Status {
	case store.JobDone:
		return &Banner{Success: true, Heading: "File imported"}
	case store.JobFailed:
		return &Banner{Heading: "The import failed", Text: "Nothing was imported."}
	}
	return nil
}
