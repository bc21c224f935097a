package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"peervoice/privacy/screen"
)

func init() {
	register("screen", "safeguarding screen: one JSON verdict per stdin line, or --eval FILE", runScreen)
}

func runScreen(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("screen")
	evalPath := fs.String("eval", "", "labelled TSV file (label<TAB>categories<TAB>text): print recall and false-flag rate")
	details := fs.Bool("details", false, "with --eval: list every missed disclosure and false flag with its reasons")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: screen takes no arguments (text comes on stdin)", errUsage)
	}
	if *evalPath != "" {
		return screenEval(app, *evalPath, *details)
	}
	return screenLines(ctx, app.Stdin, app.Stdout)
}

// screenLines writes exactly one JSON object per input line, so the output
// can be pasted beside the input.
func screenLines(ctx context.Context, in io.Reader, out io.Writer) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("screen: %w", err)
		}
		if err := enc.Encode(screen.Screen(sc.Text())); err != nil {
			return fmt.Errorf("screen: write result: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("screen: read stdin: %w", err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("screen: write result: %w", err)
	}
	return nil
}

func screenEval(app *App, path string, details bool) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("screen: open eval file: %w", err)
	}
	defer f.Close()
	examples, err := screen.ReadLabelled(f)
	if err != nil {
		return fmt.Errorf("screen: %s: %w", path, err)
	}
	rep := screen.Evaluate(examples, screen.Screen)
	if err := rep.Write(app.Stdout, details); err != nil {
		return fmt.Errorf("screen: write report: %w", err)
	}
	return nil
}
