package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"peervoice/importer"
)

func init() {
	register("template", "write a session's blank capture template: template csv|xlsx --session ID --out FILE", runTemplate)
}

// runTemplate writes the capture template a facilitator types a session's
// printed sheets into, pre-filled with its participants and statements.
func runTemplate(ctx context.Context, app *App, args []string) error {
	if len(args) == 0 || (args[0] != "csv" && args[0] != "xlsx") {
		return fmt.Errorf("%w: template csv|xlsx --session ID --out FILE", errUsage)
	}
	kind := args[0]
	fs := app.newFlags("template " + kind)
	session := fs.String("session", "", "ID of the session (required)")
	out := fs.String("out", "", "file to write; for csv, - or nothing writes to stdout")
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 0 || *session == "" || (kind == "xlsx" && (*out == "" || *out == "-")) {
		return fmt.Errorf("%w: template %s needs --session ID and --out FILE", errUsage, kind)
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	tpl, err := importer.LoadTemplate(ctx, db, *session)
	if err != nil {
		return err
	}
	return writeTemplate(app, tpl, kind, *out)
}

// writeTemplate writes tpl to out, or to stdout for "" or "-".
func writeTemplate(app *App, tpl *importer.Template, kind, out string) error {
	write := tpl.WriteCSV
	if kind == "xlsx" {
		write = tpl.WriteXLSX
	}
	if out == "" || out == "-" {
		return write(app.Stdout)
	}
	if err := writeFileAtomic(out, write); err != nil {
		return err
	}
	fmt.Fprintf(app.Stderr, "Wrote the %s template for %q (check code %s) to %s: %d participants, %d statements.\n",
		kind, tpl.Session.Title, tpl.Session.CheckCode, out, len(tpl.Participants), len(tpl.Statements))
	return nil
}

// writeFileAtomic writes through a temporary file and renames it, so a
// failure never leaves half a template where the old one was.
func writeFileAtomic(path string, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".template-*")
	if err != nil {
		return fmt.Errorf("template: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	return nil
}
