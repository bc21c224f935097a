package main

import (
	"context"
	"fmt"
)

func init() {
	register("migrate", "apply pending database migrations and print the schema version", runMigrate)
}

func runMigrate(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("migrate")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	current, latest, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(app.Stdout, "%s database at schema version %d (latest %d)\n", db.Engine(), current, latest)
	return err
}
