package main

import (
	"context"

	"peervoice/store"
)

// openStore opens the configured database, migrating it if needed.
func (app *App) openStore(ctx context.Context) (*store.DB, error) {
	return store.Open(ctx, app.Config.DB)
}
