package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"peervoice/audit"
	"peervoice/crypt"
	"peervoice/domain"
	"peervoice/privacy/intake"
	"peervoice/privacy/redact"
	"peervoice/safeguarding"
	"peervoice/store"
)

// pipeline is the privacy pipeline with no programme-specific lists; the
// demo and imports without a programme's lists use it.
var pipeline = intake.New(redact.Options{})

// finishIntake seals the raw text (when a key is configured) and opens
// concerns for the contributions a recorder saw, acting as the system.
func finishIntake(ctx context.Context, db *store.DB, svc *safeguarding.Service, rec *intake.Recorder, f domain.ContributionFilter) error {
	if rec.Len() == 0 {
		return nil
	}
	f.IncludeFlagged = true
	stored, err := db.Contributions(ctx, f)
	if err != nil {
		return err
	}
	ctx = safeguarding.WithActor(ctx, safeguarding.Actor{UserID: "system:intake"})
	_, err = rec.Finish(ctx, svc, stored)
	return err
}

// sessionPipeline is the privacy pipeline of the session's programme, with
// the allow and deny lists its analysts have built up in redaction review.
// An unknown session falls back to the default pipeline; the import then
// reports the session as not found.
func (app *App) sessionPipeline(ctx context.Context, db *store.DB, sessionID string) (*intake.Pipeline, error) {
	s, err := db.Session(ctx, sessionID)
	if domain.ErrorCode(err) == domain.ENotFound {
		return pipeline, nil
	}
	if err != nil {
		return nil, err
	}
	return intake.ForProgramme(ctx, db, s.ProgrammeID)
}

// safeguardingService wires the concerns workflow to the store, the audit
// log and the configured key.
func (app *App) safeguardingService(db *store.DB) (*safeguarding.Service, error) {
	kr, err := app.keyring()
	if err != nil {
		return nil, err
	}
	return safeguarding.New(db, audit.New(db), kr), nil
}

// ensureDemoKey gives a demo on a SQLite file its own key beside the
// database, so raw text is kept encrypted for redaction review. A real
// deployment names its key with key_file or PEERVOICE_KEY_FILE.
func (app *App) ensureDemoKey() error {
	if app.Config.KeyFile != "" || store.IsPostgres(app.Config.DB) {
		return nil
	}
	path := app.Config.DB + ".key"
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		k, err := crypt.NewKey()
		if err != nil {
			return err
		}
		if err := crypt.WriteKeyFile(path, k); err != nil {
			return err
		}
		fmt.Fprintf(app.Stdout, "Made a demo encryption key at %s (keep it with the demo database).\n", path)
	}
	app.Config.KeyFile = path
	return nil
}
