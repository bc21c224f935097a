package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"peervoice/analysis/opinion"
	"peervoice/polis"
)

// defaultPolisData is where the Polis development exports live, relative
// to the repository root.
const defaultPolisData = "../shared/data/polis-open-data"

func init() {
	registerAnalyse("agreement", "compare our opinion groups with Polis' own on Polis export folders", runAgreement)
}

// agreementRow is one export's comparison.
type agreementRow struct {
	Export       string `json:"export"`
	Participants int    `json:"participants"`
	polis.Agreement
}

func runAgreement(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("analyse agreement")
	format := fs.String("format", "text", "output format: text or json")
	weighted := fs.Bool("weighted-silhouette", false, "weight each base cluster's silhouette by its size when choosing k (Polis does not)")
	dirs, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return fmt.Errorf("%w: --format must be text or json, not %q", errUsage, *format)
	}
	if len(dirs) == 0 {
		if dirs, err = defaultExportDirs(); err != nil {
			return err
		}
	}
	rows, err := compareExports(ctx, dirs, opinion.Options{WeightedSilhouette: *weighted})
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(app.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	printAgreement(app.Stdout, rows)
	return nil
}

func compareExports(ctx context.Context, dirs []string, opts opinion.Options) ([]agreementRow, error) {
	var rows []agreementRow
	for _, dir := range dirs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e, err := polis.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("analyse agreement: %w", err)
		}
		in := e.OpinionInput()
		res, err := opinion.Analyse(in, opts)
		if err != nil {
			return nil, fmt.Errorf("analyse agreement: %s: %w", dir, err)
		}
		a, err := polis.CompareGroups(e, res)
		if err != nil {
			return nil, fmt.Errorf("analyse agreement: %s: %w", dir, err)
		}
		rows = append(rows, agreementRow{Export: filepath.Base(dir), Participants: len(in.Participants), Agreement: a})
	}
	return rows, nil
}

// defaultExportDirs lists the subfolders of the shared Polis data next to
// the repository (found by walking up to go.mod).
func defaultExportDirs() ([]string, error) {
	root, err := repoRoot()
	if err != nil {
		return nil, fmt.Errorf("%w: no export folders given and %v", errUsage, err)
	}
	base := filepath.Join(root, defaultPolisData)
	entries, err := os.ReadDir(base)
	if err != nil {
		return nil, fmt.Errorf("%w: no export folders given and default %s unreadable: %v", errUsage, base, err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, filepath.Join(base, e.Name()))
		}
	}
	if len(dirs) == 0 {
		return nil, fmt.Errorf("%w: no export folders given and none in %s", errUsage, base)
	}
	sort.Strings(dirs)
	return dirs, nil
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("cannot find the repository root (go.mod) from the working directory")
		}
		dir = parent
	}
}

func printAgreement(w io.Writer, rows []agreementRow) {
	fmt.Fprintf(w, "%-28s %7s %7s %7s %7s %6s %6s %6s\n", "export", "voters", "ours", "polis", "both", "k-ours", "k-pol", "ARI")
	sum := 0.0
	for _, r := range rows {
		fmt.Fprintf(w, "%-28s %7d %7d %7d %7d %6d %6d %6.3f\n", r.Export, r.Participants, r.OursClustered,
			r.PolisClustered, r.BothClustered, r.OurGroups, r.PolisGroups, r.ARI)
		sum += r.ARI
	}
	if len(rows) > 0 {
		fmt.Fprintf(w, "mean ARI %.3f over %d exports\n", sum/float64(len(rows)), len(rows))
	}
	fmt.Fprintln(w, "Polis data: CC BY 4.0, The Computational Democracy Project (compdemocracy.org/polis).")
}
