package main

import (
	"context"
	"fmt"
	"os"

	"peervoice/store"
)

func init() {
	register("backup", "copy the SQLite database to a new file while it runs: backup --out FILE", runBackup)
}

func runBackup(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("backup")
	out := fs.String("out", "", "file to write the copy to; it must not exist yet (required)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("%w: backup needs --out FILE", errUsage)
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, *out); err != nil {
		if err == store.ErrBackupEngine {
			return fmt.Errorf("%w: this is a PostgreSQL database; use pg_dump", errUsage)
		}
		return err
	}
	info, err := os.Stat(*out)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(app.Stdout, "Wrote a copy of the database to %s (%d KB).\n"+
		"Raw text and safeguarding content in it are encrypted: keep the key file with it, or the copy cannot be read.\n"+
		"To restore, stop peervoice, put the copy in place of the database and start it again. Withdrawals and\n"+
		"deletions made since this copy are re-applied from the deletions journal at start-up.\n", *out, (info.Size()+1023)/1024)
	return err
}
