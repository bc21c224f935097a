package store

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"peervoice/domain"
)

// TestConcurrentWritersSeeNoLockErrors is checklist item 28: many writers
// on one SQLite file (WAL, BEGIN IMMEDIATE, busy timeout) must never see
// "database is locked"; every acknowledged write must be there afterwards.
func TestConcurrentWritersSeeNoLockErrors(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "conc")
		const writers, each = 8, 40
		var wg sync.WaitGroup
		errs := make(chan error, writers*each)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					_, err := s.CreateContributions(ctx, []domain.Contribution{{ProgrammeID: f.prog.ID, SessionID: f.session.ID,
						Text: fmt.Sprintf("writer %d line %d", w, i), SourceKey: fmt.Sprintf("w%d-%d", w, i)}})
					if err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("a writer saw: %v", err)
		}
		cs, err := s.Contributions(ctx, domain.ContributionFilter{ProgrammeID: f.prog.ID})
		must(t, err)
		if len(cs) != writers*each {
			t.Fatalf("%d contributions stored, want %d", len(cs), writers*each)
		}
	})
}
