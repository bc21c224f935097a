package main

import (
	"context"
	"fmt"

	"peervoice/domain"

	"peervoice/store"
)

// openStore opens the configured database, migrating it if needed.
func (app *App) openStore(ctx context.Context) (*store.DB, error) {
	return store.Open(ctx, app.Config.DB)
}

// openProgramme opens the database and finds the programme a command was
// pointed at with --programme. The caller closes the database.
func (app *App) openProgramme(ctx context.Context, command, slug string) (*store.DB, *domain.Programme, error) {
	if slug == "" {
		return nil, nil, fmt.Errorf("%w: %s needs --programme SLUG (see 'peervoice programmes')", errUsage, command)
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	p, err := db.ProgrammeBySlug(ctx, slug)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, p, nil
}
