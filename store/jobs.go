package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"peervoice/domain"
)

// Import job statuses.
const (
	JobQueued  = "queued"
	JobRunning = "running"
	JobDone    = "done"
	JobFailed  = "failed"
)

// JobInterrupted is the error a job gets when the server running it
// stopped before it finished. The import writes in one transaction, so an
// interrupted import has written nothing.
const JobInterrupted = "The import was interrupted; nothing was imported. Upload the file again."

// ImportJob is a capture file being imported in the background. Its row
// is the progress page's only source, so that any server can show it.
type ImportJob struct {
	ID          string
	ProgrammeID string
	SessionID   string
	CreatedBy   string
	FileName    string
	// Kind is the file's format: "csv" or "xlsx".
	Kind   string
	Status string
	// Stage is the importer's current stage ("intake", "write").
	Stage               string
	DoneRows, TotalRows int
	// Result is the import's summary as JSON, once done.
	Result string
	// Error is a message safe to show the user, once failed.
	Error                string
	CreatedAt, UpdatedAt time.Time
}

// Finished reports whether the job is done or failed.
func (j *ImportJob) Finished() bool { return j.Status == JobDone || j.Status == JobFailed }

// CreateJob adds a queued job, filling in its ID and times.
func (s *DB) CreateJob(ctx context.Context, j *ImportJob) error {
	if j.ID == "" {
		j.ID = domain.NewID()
	}
	if j.Status == "" {
		j.Status = JobQueued
	}
	j.CreatedAt = s.now().UTC()
	j.UpdatedAt = j.CreatedAt
	_, err := s.exec(ctx, `INSERT INTO import_jobs (id, programme_id, session_id, created_by, file_name, kind, status,
		stage, done_rows, total_rows, result, error, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		j.ID, j.ProgrammeID, j.SessionID, j.CreatedBy, j.FileName, j.Kind, j.Status, j.Stage,
		j.DoneRows, j.TotalRows, j.Result, j.Error, timestamp(j.CreatedAt), timestamp(j.UpdatedAt))
	if err != nil {
		return fmt.Errorf("store: create import job: %w", err)
	}
	return nil
}

// UpdateJobProgress records how far a job has got and marks it running.
// The caller throttles it (a few times a second at most). A finished job
// is left alone, so a late update cannot undo its end.
func (s *DB) UpdateJobProgress(ctx context.Context, id, stage string, done, total int) error {
	res, err := s.exec(ctx, `UPDATE import_jobs SET status = ?, stage = ?, done_rows = ?, total_rows = ?, updated_at = ?
		WHERE id = ? AND status IN (?, ?)`, JobRunning, stage, done, total, timestamp(s.now()), id, JobQueued, JobRunning)
	if err != nil {
		return fmt.Errorf("store: update import job: %w", err)
	}
	return s.mustHaveChanged(ctx, res, id)
}

// FinishJob ends a job as done (with its result) or failed (with a
// message safe to show). It overrides an earlier "interrupted" verdict:
// what the import itself says is the truth.
func (s *DB) FinishJob(ctx context.Context, id, status, result, errMsg string) error {
	if status != JobDone && status != JobFailed {
		return domain.Errorf(domain.EInvalid, "An import job can only finish as done or failed, not %q.", status)
	}
	res, err := s.exec(ctx, `UPDATE import_jobs SET status = ?, result = ?, error = ?, updated_at = ? WHERE id = ?`,
		status, result, errMsg, timestamp(s.now()), id)
	if err != nil {
		return fmt.Errorf("store: finish import job: %w", err)
	}
	return s.mustHaveChanged(ctx, res, id)
}

// mustHaveChanged turns an update of no rows into not found, or a no-op
// on a finished job (which exists) into nil.
func (s *DB) mustHaveChanged(ctx context.Context, res sql.Result, id string) error {
	if n, err := res.RowsAffected(); err == nil && n > 0 {
		return nil
	}
	_, err := s.Job(ctx, id)
	return err
}

// Job returns one job.
func (s *DB) Job(ctx context.Context, id string) (*ImportJob, error) {
	var j ImportJob
	var created, updated string
	err := s.queryRow(ctx, `SELECT id, programme_id, session_id, created_by, file_name, kind, status, stage,
		done_rows, total_rows, result, error, created_at, updated_at FROM import_jobs WHERE id = ?`, id).Scan(
		&j.ID, &j.ProgrammeID, &j.SessionID, &j.CreatedBy, &j.FileName, &j.Kind, &j.Status, &j.Stage,
		&j.DoneRows, &j.TotalRows, &j.Result, &j.Error, &created, &updated)
	if err != nil {
		if domain.ErrorCode(translate(err)) == domain.ENotFound {
			return nil, notFound("The import")
		}
		return nil, fmt.Errorf("store: import job: %w", err)
	}
	j.CreatedAt, j.UpdatedAt = parseTimestamp(created), parseTimestamp(updated)
	return &j, nil
}

// FailStaleJobs marks as failed, with JobInterrupted, every unfinished job
// not updated for maxAge: its server stopped, and nothing else will
// finish it. A running job is updated at least every few seconds, so
// maxAge of minutes cannot catch a live one. It returns how many it
// marked.
func (s *DB) FailStaleJobs(ctx context.Context, maxAge time.Duration) (int64, error) {
	now := s.now()
	res, err := s.exec(ctx, `UPDATE import_jobs SET status = ?, error = ?, updated_at = ?
		WHERE status IN (?, ?) AND updated_at < ?`,
		JobFailed, JobInterrupted, timestamp(now), JobQueued, JobRunning, timestamp(now.Add(-maxAge)))
	if err != nil {
		return 0, fmt.Errorf("store: fail stale import jobs: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: fail stale import jobs: %w", err)
	}
	return n, nil
}
