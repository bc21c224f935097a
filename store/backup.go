package store

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// ErrBackupEngine is returned by Backup on PostgreSQL, whose own tools
// (pg_dump, base backups) are the right way to back it up.
var ErrBackupEngine = errors.New("store: backup makes SQLite copies only; back up PostgreSQL with pg_dump")

// Backup writes a consistent copy of a SQLite database to path with VACUUM
// INTO, which is safe while the server is running. path must not exist.
func (s *DB) Backup(ctx context.Context, path string) error {
	if s.engine != "sqlite" {
		return ErrBackupEngine
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: backup: %s already exists; choose a new file name", path)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	return nil
}
