package store

import (
	"context"
	"testing"
	"time"

	"peervoice/domain"
)

// newJob adds a queued job for the fixture's session.
func newJob(t *testing.T, s *DB, f fixture) *ImportJob {
	t.Helper()
	j := &ImportJob{ProgrammeID: f.prog.ID, SessionID: f.session.ID, CreatedBy: "u1", FileName: "big.csv", Kind: "csv", TotalRows: 5000}
	must(t, s.CreateJob(context.Background(), j))
	return j
}

func TestContractImportJobLifecycle(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "jobs")
		j := newJob(t, s, f)
		got, err := s.Job(ctx, j.ID)
		must(t, err)
		if got.Status != JobQueued || got.FileName != "big.csv" || got.Kind != "csv" || got.TotalRows != 5000 || got.CreatedBy != "u1" || got.Finished() {
			t.Fatalf("new job = %+v", got)
		}
		must(t, s.UpdateJobProgress(ctx, j.ID, "intake", 1200, 5000))
		got, err = s.Job(ctx, j.ID)
		must(t, err)
		if got.Status != JobRunning || got.Stage != "intake" || got.DoneRows != 1200 || got.TotalRows != 5000 {
			t.Fatalf("after progress = %+v", got)
		}
		must(t, s.FinishJob(ctx, j.ID, JobDone, `{"blank":1}`, ""))
		// A late progress update must not reopen a finished job.
		must(t, s.UpdateJobProgress(ctx, j.ID, "write", 5000, 5000))
		got, err = s.Job(ctx, j.ID)
		must(t, err)
		if got.Status != JobDone || got.Result != `{"blank":1}` || got.Stage != "intake" || !got.Finished() {
			t.Fatalf("finished job = %+v", got)
		}
	})
}

func TestContractImportJobErrors(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "jobs")
		ghost := domain.NewID()
		_, err := s.Job(ctx, ghost)
		wantCode(t, err, domain.ENotFound)
		wantCode(t, s.UpdateJobProgress(ctx, ghost, "intake", 1, 2), domain.ENotFound)
		wantCode(t, s.FinishJob(ctx, ghost, JobDone, "", ""), domain.ENotFound)
		j := newJob(t, s, f)
		wantCode(t, s.FinishJob(ctx, j.ID, JobRunning, "", ""), domain.EInvalid)
		must(t, s.FinishJob(ctx, j.ID, JobFailed, "", "The file has 2 problems."))
		got, err := s.Job(ctx, j.ID)
		must(t, err)
		if got.Status != JobFailed || got.Error != "The file has 2 problems." {
			t.Fatalf("failed job = %+v", got)
		}
		// A job must belong to a real session.
		bad := &ImportJob{ProgrammeID: f.prog.ID, SessionID: domain.NewID(), Kind: "csv"}
		wantCode(t, s.CreateJob(ctx, bad), domain.EInvalid)
	})
}

func TestContractStaleJobsFail(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "jobs")
		t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
		now := t0
		s.now = func() time.Time { return now }
		stale, live, done := newJob(t, s, f), newJob(t, s, f), newJob(t, s, f)
		must(t, s.UpdateJobProgress(ctx, stale.ID, "intake", 10, 5000))
		must(t, s.FinishJob(ctx, done.ID, JobDone, "{}", ""))
		now = t0.Add(90 * time.Second)
		must(t, s.UpdateJobProgress(ctx, live.ID, "write", 4000, 5000))
		now = t0.Add(150 * time.Second)
		n, err := s.FailStaleJobs(ctx, 2*time.Minute)
		must(t, err)
		if n != 1 {
			t.Fatalf("FailStaleJobs marked %d, want 1 (only the job silent for 150s)", n)
		}
		want := map[string]string{stale.ID: JobFailed, live.ID: JobRunning, done.ID: JobDone}
		for id, status := range want {
			got, err := s.Job(ctx, id)
			must(t, err)
			if got.Status != status {
				t.Errorf("job %s: %s, want %s", id, got.Status, status)
			}
		}
		got, _ := s.Job(ctx, stale.ID)
		if got.Error != JobInterrupted {
			t.Errorf("interrupted job's error = %q", got.Error)
		}
		// The import's own ending wins over the interrupted verdict.
		must(t, s.FinishJob(ctx, stale.ID, JobDone, "{}", ""))
		if got, _ := s.Job(ctx, stale.ID); got.Status != JobDone || got.Error != "" {
			t.Errorf("finished after being marked stale = %+v", got)
		}
	})
}
