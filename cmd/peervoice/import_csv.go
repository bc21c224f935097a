package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"

	"peervoice/domain"
	"peervoice/importer"
	"peervoice/privacy/intake"
	"peervoice/store"
)

func init() {
	importCommands["csv"] = command{"import a CSV capture file: import csv FILE --session ID [--dry-run] [--progress]",
		func(ctx context.Context, app *App, args []string) error {
			return runImportCapture(ctx, app, "csv", args)
		}}
	importCommands["xlsx"] = command{"import an XLSX capture workbook: import xlsx FILE --session ID [--dry-run] [--progress]",
		func(ctx context.Context, app *App, args []string) error {
			return runImportCapture(ctx, app, "xlsx", args)
		}}
}

// progressMinRows is the size below which a terminal gets no progress bar:
// a small file is done before a bar could be read.
const progressMinRows = 2000

// runImportCapture imports one capture file into a session, all or
// nothing, and prints what it added.
func runImportCapture(ctx context.Context, app *App, kind string, args []string) error {
	fs := app.newFlags("import " + kind)
	session := fs.String("session", "", "ID of the session the file was typed up for (required)")
	progress := fs.Bool("progress", false, "show a progress bar on stderr even when it is not a terminal")
	dryRun := fs.Bool("dry-run", false, "check and redact the file, but import nothing")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *session == "" {
		return fmt.Errorf("%w: import %s needs one FILE and --session ID (peervoice template %s writes a blank one)", errUsage, kind, kind)
	}
	capture, err := readCapture(kind, pos[0])
	if err != nil {
		return err
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	programmePipeline, err := app.sessionPipeline(ctx, db, *session)
	if err != nil {
		return err
	}
	rec := intake.NewRecorder(programmePipeline)
	opts := importer.CaptureOptions{SessionID: *session, Pipeline: rec, DryRun: *dryRun}
	if *progress || (isTerminal(app.Stderr) && capture.Rows() >= progressMinRows) {
		bar := &stageBar{w: app.Stderr}
		opts.Progress = bar.update
		defer bar.finish()
	}
	res, err := importer.ImportCapture(ctx, db, capture, opts)
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(pos[0]), err)
	}
	if !*dryRun {
		if err := app.finishImport(ctx, db, rec, *session); err != nil {
			return err
		}
	}
	return printCaptureSummary(app.Stdout, filepath.Base(pos[0]), res, *dryRun)
}

// finishImport keeps the raw text of what was added, encrypted for review,
// and opens a safeguarding concern for each possible disclosure.
func (app *App) finishImport(ctx context.Context, db *store.DB, rec *intake.Recorder, sessionID string) error {
	svc, err := app.safeguardingService(db)
	if err != nil {
		return err
	}
	x, err := db.Session(ctx, sessionID)
	if err != nil {
		return err
	}
	return finishIntake(ctx, db, svc, rec, domain.ContributionFilter{ProgrammeID: x.ProgrammeID, SessionID: x.ID})
}

func readCapture(kind, path string) (*importer.Capture, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", kind, err)
	}
	defer f.Close()
	read := importer.ReadCSV
	if kind == "xlsx" {
		read = importer.ReadXLSX
	}
	c, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return c, nil
}

func printCaptureSummary(w io.Writer, name string, res *importer.CaptureResult, dryRun bool) error {
	verb := "Imported"
	if dryRun {
		verb = "Checked (dry run, nothing imported)"
	}
	s := res.Session
	fmt.Fprintf(w, "%s %s into session %q (%s, check code %s):\n", verb, name, s.Title, s.Date, s.CheckCode)
	for _, k := range []struct {
		label string
		n     importer.KindCount
	}{{"contributions", res.Contributions}, {"debate votes", res.DebateVotes},
		{"statement votes", res.StatementVotes}, {"dot votes", res.DotVotes}, {"team rankings", res.Rankings}} {
		fmt.Fprintf(w, "  %-16s %6d added %6d updated %6d already there\n", k.label, k.n.Added, k.n.Updated, k.n.Skipped)
	}
	_, err := fmt.Fprintf(w, "  %d blank template rows skipped; %d contributions had something redacted and await review; %d held for the safeguarding lead.\n",
		res.Blank, res.Redacted, res.Flagged)
	return err
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// stageBar shows one progress bar per import stage.
type stageBar struct {
	w     io.Writer
	stage string
	bar   *progressbar.ProgressBar
}

func (b *stageBar) update(stage string, done, total int) {
	if stage != b.stage || b.bar == nil {
		b.finish()
		b.stage = stage
		b.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(b.w),
			progressbar.OptionSetDescription(stageLabel(stage)), progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionSetWidth(30))
	}
	b.bar.Set(done)
}

func (b *stageBar) finish() {
	if b.bar != nil {
		b.bar.Finish()
		fmt.Fprintln(b.w)
		b.bar = nil
	}
}

func stageLabel(stage string) string {
	switch stage {
	case "intake":
		return "redacting and screening"
	case "write":
		return "writing"
	}
	return stage
}
