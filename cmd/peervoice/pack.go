package main

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"peervoice/pack"
)

func init() {
	register("pack", "print a session's pack as PDF (--session ID|PREFIX|CHECK --out FILE.pdf)", runPack)
}

func runPack(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("pack")
	ref := fs.String("session", "", "session ID, a unique prefix or suffix of it, or its check code (required)")
	out := fs.String("out", "", "PDF file to write, or - for standard output (required)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *ref == "" || *out == "" {
		return fmt.Errorf("%w: pack needs --session ID and --out FILE.pdf (see 'peervoice sessions --programme SLUG')", errUsage)
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := pack.Resolve(ctx, db, *ref)
	if err != nil {
		return err
	}
	d, err := pack.Load(ctx, db, s.ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pack.Render(&buf, d); err != nil {
		return err
	}
	if err := writeOut(app, *out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(app.Stderr, "Wrote the pack for %q (check code %s) to %s.\n", s.Title, d.CheckCode(), *out)
	return nil
}

// writeOut writes the rendered pack to a file, or to stdout for "-". The
// file is written only once rendering has succeeded, so a failure never
// leaves half a PDF behind.
func writeOut(app *App, path string, b []byte) error {
	if path == "-" {
		_, err := app.Stdout.Write(b)
		return err
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return fmt.Errorf("pack: write %s: %w", path, err)
	}
	return nil
}
