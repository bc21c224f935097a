package main

import (
	"context"
	"fmt"

	"peervoice/analysis/dataset"
	"peervoice/analysis/debate"
)

func init() {
	registerAnalyse("debates", "opinion shift in each debate, with an exact test: --programme SLUG [--json]", runAnalyseDebates)
}

// debateReport is one debate's published result.
type debateReport struct {
	Session  string  `json:"session"`
	Motion   string  `json:"motion"`
	Test     string  `json:"test"`
	PValue   float64 `json:"p_value,omitempty"`
	Shifted  bool    `json:"significant"`
	Withheld bool    `json:"suppressed"`
	Sentence string  `json:"sentence"`
}

func runAnalyseDebates(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("analyse debates")
	slug := fs.String("programme", "", "programme slug (required)")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, p, err := app.openProgramme(ctx, "analyse debates", *slug)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := noteWithdrawals(ctx, app, db, p); err != nil {
		return err
	}
	debates, err := dataset.LoadDebates(ctx, db, p.ID)
	if err != nil {
		return err
	}
	var reports []debateReport
	for _, d := range append(dataset.PoolByMotion(debates), debates...) {
		res, err := shift(d, p.SuppressionThreshold)
		if err != nil {
			return fmt.Errorf("%s: %w", d.SessionTitle, err)
		}
		reports = append(reports, debateReport{d.SessionTitle, d.Motion, res.Test, res.PValue, res.Significant, res.Suppressed, res.Sentence})
	}
	if *asJSON {
		return writeJSON(app.Stdout, reports)
	}
	for _, r := range reports {
		fmt.Fprintf(app.Stdout, "%s\n  %s\n  %s\n\n", r.Session, r.Motion, r.Sentence)
	}
	return nil
}

// shift uses the paired test when votes were captured per participant.
func shift(d dataset.Debate, threshold int) (debate.Result, error) {
	if d.Paired() {
		return debate.Paired(d.Pairs, threshold)
	}
	return debate.Unpaired(d.Before, d.After, threshold)
}
