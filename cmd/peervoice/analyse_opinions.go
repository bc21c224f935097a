package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"strconv"

	"peervoice/analysis/dataset"
	"peervoice/analysis/opinion"
)

func init() {
	// The output is participant-level (each participant's group and
	// position), for analysts on the server; the suppressed view for
	// everyone else is the programme's opinion groups page.
	registerAnalyse("opinions", "opinion groups from card votes, participant-level for analysts: --programme SLUG [--format csv|json]", runAnalyseOpinions)
}

func runAnalyseOpinions(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("analyse opinions")
	slug := fs.String("programme", "", "programme slug (required)")
	format := fs.String("format", "csv", "csv (participant,group) or json (adds repness, consensus and coordinates)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "csv" && *format != "json" {
		return fmt.Errorf("%w: analyse opinions --format must be csv or json, not %q", errUsage, *format)
	}
	db, p, err := app.openProgramme(ctx, "analyse opinions", *slug)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := noteWithdrawals(ctx, app, db, p); err != nil {
		return err
	}
	data, err := dataset.LoadOpinions(ctx, db, p.ID)
	if err != nil {
		return err
	}
	res, err := opinion.Analyse(data.Input, opinion.Options{})
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(app.Stdout, struct {
			Programme  string            `json:"programme"`
			Statements map[string]string `json:"statements"`
			*opinion.Result
		}{p.Slug, data.Statements, res})
	}
	return writeGroupsCSV(app, res)
}

// writeGroupsCSV prints one row per clustered participant.
func writeGroupsCSV(app *App, res *opinion.Result) error {
	w := csv.NewWriter(app.Stdout)
	w.Write([]string{"participant", "group"})
	for _, p := range res.Participants {
		if p.Group >= 0 {
			w.Write([]string{p.ID, strconv.Itoa(p.Group)})
		}
	}
	w.Flush()
	return w.Error()
}
