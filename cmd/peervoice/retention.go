package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"peervoice/retention"
	"peervoice/store"
)

func init() {
	register("retention", "delete expired data: retention run [--dry-run] | retention reapply (after a restore)", runRetention)
}

func runRetention(ctx context.Context, app *App, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "run":
			return app.retentionRun(ctx, args[1:])
		case "reapply":
			return app.retentionReapply(ctx, args[1:])
		}
	}
	return fmt.Errorf("%w: peervoice retention run [--dry-run] [--json], or peervoice retention reapply", errUsage)
}

// journalFlag is the --journal flag every retention command shares.
func (app *App) journalFlag(fs interface {
	String(name, value, usage string) *string
}) *string {
	return fs.String("journal", app.defaultJournal(), "file outside the database that remembers every deletion, so a restore cannot undo one (\"\" for none)")
}

// defaultJournal keeps the deletions journal beside a SQLite database. A
// PostgreSQL deployment names one explicitly (PEERVOICE_DELETIONS_JOURNAL).
func (app *App) defaultJournal() string {
	if j := app.Config.DeletionsJournal; j != "" {
		return j
	}
	if store.IsPostgres(app.Config.DB) {
		return ""
	}
	return app.Config.DB + ".deletions.jsonl"
}

func (app *App) retentionRun(ctx context.Context, args []string) error {
	fs := app.newFlags("retention run")
	dry := fs.Bool("dry-run", false, "say what would be deleted, delete nothing")
	keep := fs.Bool("keep-raw-after-approval", app.Config.KeepRawAfterApproval,
		"keep raw text after its redaction is approved, until retention ends (env PEERVOICE_KEEP_RAW_AFTER_APPROVAL)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	journal := app.journalFlag(fs)
	if pos, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return fmt.Errorf("%w: retention run takes no arguments", errUsage)
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := retention.Policy{KeepRawAfterApproval: *keep, DryRun: *dry, Journal: *journal}.Run(ctx, db, time.Now())
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(app.Stdout).Encode(rep)
	}
	return printRetention(ctx, app.Stdout, db, rep)
}

// printRetention lists each deletion and a total.
func printRetention(ctx context.Context, w io.Writer, db *store.DB, rep retention.Report) error {
	slugs, err := programmeSlugs(ctx, db)
	if err != nil {
		return err
	}
	verb := "Deleted"
	if rep.DryRun {
		verb = "Would delete"
	}
	for _, d := range rep.Deletions {
		fmt.Fprintf(w, "%s %s of %s (programme %s)\n", verb, kindText(d.Kind), d.RecordID, slugs[d.ProgrammeID])
	}
	switch {
	case len(rep.Deletions) == 0:
		fmt.Fprintln(w, "Nothing is due for deletion.")
	case rep.DryRun:
		fmt.Fprintf(w, "%d deletions are due. Nothing was changed (dry run).\n", len(rep.Deletions))
	default:
		fmt.Fprintf(w, "Done: %s.\n", rep.Counts)
	}
	return nil
}

func programmeSlugs(ctx context.Context, db *store.DB) (map[string]string, error) {
	ps, err := db.Programmes(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(ps))
	for _, p := range ps {
		out[p.ID] = p.Slug
	}
	return out, nil
}

func kindText(k retention.Kind) string {
	switch k {
	case retention.RawText:
		return "the raw text of contribution"
	case retention.ConcernNotes:
		return "the notes of closed concern"
	case retention.ProgrammeData:
		return "all contributions and votes of expired programme"
	}
	return string(k)
}

func (app *App) retentionReapply(ctx context.Context, args []string) error {
	fs := app.newFlags("retention reapply")
	journal := app.journalFlag(fs)
	if pos, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return fmt.Errorf("%w: retention reapply takes no arguments", errUsage)
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := retention.Reapply(ctx, db, *journal)
	if err != nil {
		return err
	}
	fmt.Fprintf(app.Stdout, "Re-applied every recorded deletion; removed again: %s.\n", c)
	return nil
}
