package main

import (
	"context"
	"fmt"

	"peervoice/importer"
	"peervoice/polis"
)

var exportCommands = map[string]command{}

func init() {
	register("export", "export a programme (polis)", runExport)
	exportCommands["polis"] = command{"write a Polis export folder: export polis --programme SLUG --out DIR", runExportPolis}
}

func runExport(ctx context.Context, app *App, args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" {
		printSubUsage(app.Stdout, "export", exportCommands)
		return nil
	}
	cmd, ok := exportCommands[args[0]]
	if !ok {
		return fmt.Errorf("%w: unknown export kind %q (try: peervoice export help)", errUsage, args[0])
	}
	return cmd.run(ctx, app, args[1:])
}

func runExportPolis(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("export polis")
	slug := fs.String("programme", "", "programme slug (required)")
	out := fs.String("out", "", "folder to write comments.csv, votes.csv, participants-votes.csv and summary.csv into (required)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("%w: export polis needs --out DIR", errUsage)
	}
	db, p, err := app.openProgramme(ctx, "export polis", *slug)
	if err != nil {
		return err
	}
	defer db.Close()
	e, err := importer.ExportPolis(ctx, db, p.ID)
	if err != nil {
		return err
	}
	if err := polis.WriteDir(*out, e); err != nil {
		return err
	}
	_, err = fmt.Fprintf(app.Stdout, "Wrote %d statements, %d participants and %d votes to %s\n", len(e.Comments), len(e.Participants), len(e.Votes), *out)
	return err
}
