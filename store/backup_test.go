package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackup checks that a SQLite backup opens as a database holding the
// same records, that an existing file is never overwritten, and that
// PostgreSQL is pointed at its own tools.
func TestBackup(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "backup")
		path := filepath.Join(t.TempDir(), "copy.db")
		err := s.Backup(ctx, path)
		if s.Engine() != "sqlite" {
			if !errors.Is(err, ErrBackupEngine) {
				t.Fatalf("postgres backup: %v, want ErrBackupEngine", err)
			}
			return
		}
		must(t, err)
		copyDB, err := Open(ctx, path)
		must(t, err)
		defer copyDB.Close()
		got, err := copyDB.ProgrammeBySlug(ctx, "backup")
		must(t, err)
		if got.ID != f.prog.ID {
			t.Fatalf("backup holds programme %s, want %s", got.ID, f.prog.ID)
		}
		sessions, err := copyDB.Sessions(ctx, f.prog.ID)
		must(t, err)
		if len(sessions) != 1 || sessions[0].ID != f.session.ID {
			t.Fatalf("backup sessions: %+v", sessions)
		}
		if err := s.Backup(ctx, path); err == nil || !strings.Contains(err.Error(), "already exists") {
			t.Fatalf("second backup to the same file: %v, want a refusal", err)
		}
	})
}
