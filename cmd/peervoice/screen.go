package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"peervoice/privacy/screen"
)

func init() {
	register("screen", "safeguarding screen: one JSON verdict per stdin line, or --eval FILE", runScreen)
}

func runScreen(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("screen")
	evalPath := fs.String("eval", "", "labelled TSV file (label<TAB>categories<TAB>text): print recall and false-flag rate")
	details := fs.Bool("details", false, "with --eval: list every missed disclosure and false flag with its reasons")
	rulesOnly := fs.Bool("rules-only", false, "screen with the rules alone, without the statistical backstop")
	loso := fs.String("loso", "", "directory of labelled *.tsv sets: print the leave-one-set-out table (rules, classifier, combined)")
	exclude := fs.String("exclude", screen.UnseenSets, "with --loso: comma-separated set names to leave out entirely")
	learner := fs.String("learner", screen.DefaultTrainConfig().Learner, "with --loso: ensemble, logistic or naive_bayes")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: screen takes no arguments (text comes on stdin)", errUsage)
	}
	fn := screen.Screen
	if *rulesOnly {
		fn = screen.ScreenRules
	}
	switch {
	case *loso != "":
		return screenLOSO(app, *loso, *exclude, *learner)
	case *evalPath != "":
		return screenEval(app, *evalPath, *details, fn)
	}
	return screenLines(ctx, app.Stdin, app.Stdout, fn)
}

func screenLOSO(app *App, dir, exclude, learner string) error {
	switch learner {
	case screen.LearnerEnsemble, screen.LearnerLogistic, screen.LearnerBayes:
	default:
		return fmt.Errorf("%w: --learner %q: want %s, %s or %s", errUsage, learner,
			screen.LearnerEnsemble, screen.LearnerLogistic, screen.LearnerBayes)
	}
	if err := screen.RunLOSO(app.Stdout, dir, strings.Split(exclude, ","), learner); err != nil {
		return fmt.Errorf("screen: loso: %w", err)
	}
	return nil
}

// screenLines writes exactly one JSON object per input line, so the output
// can be pasted beside the input.
func screenLines(ctx context.Context, in io.Reader, out io.Writer, fn func(string) screen.Result) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("screen: %w", err)
		}
		if err := enc.Encode(fn(sc.Text())); err != nil {
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

func screenEval(app *App, path string, details bool, fn func(string) screen.Result) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("screen: open eval file: %w", err)
	}
	defer f.Close()
	examples, err := screen.ReadLabelled(f)
	if err != nil {
		return fmt.Errorf("screen: %s: %w", path, err)
	}
	rep := screen.Evaluate(examples, fn)
	if err := rep.Write(app.Stdout, details); err != nil {
		return fmt.Errorf("screen: write report: %w", err)
	}
	return nil
}
