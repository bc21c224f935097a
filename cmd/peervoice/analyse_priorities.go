package main

import (
	"context"
	"fmt"
	"io"

	"peervoice/analysis/dataset"
	"peervoice/analysis/priority"
)

func init() {
	registerAnalyse("priorities", "dot priorities ranked with bootstrap intervals, per site and overall: --programme SLUG [--json]", runAnalysePriorities)
}

func runAnalysePriorities(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("analyse priorities")
	slug := fs.String("programme", "", "programme slug (required)")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, p, err := app.openProgramme(ctx, "analyse priorities", *slug)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := noteWithdrawals(ctx, app, db, p); err != nil {
		return err
	}
	data, err := dataset.LoadPriorities(ctx, db, p.ID)
	if err != nil {
		return err
	}
	opts := priority.Options{Threshold: p.SuppressionThreshold}
	var res priority.Result
	if len(data.Allocations) > 0 {
		res, err = priority.FromAllocations(data.Allocations, opts)
	} else {
		res, err = priority.FromTotals(data.Totals, opts)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(app.Stdout, res)
	}
	printRanking(app.Stdout, "Overall", res.Overall)
	for _, r := range res.Sites {
		printRanking(app.Stdout, r.Site, r)
	}
	return nil
}

func printRanking(w io.Writer, title string, r priority.Ranking) {
	fmt.Fprintf(w, "%s (%s dots)\n", title, r.Dots)
	for _, o := range r.Options {
		if o.Dots.Suppressed {
			fmt.Fprintf(w, "   -  %-50s %s\n", o.Option, o.Dots)
			continue
		}
		fmt.Fprintf(w, "  %2d  %-50s %4s dots  %4.1f%% (95%% interval %.1f-%.1f%%, rank %d-%d)\n",
			o.Rank, o.Option, o.Dots, 100*o.Share, 100*o.ShareLo, 100*o.ShareHi, o.RankLo, o.RankHi)
	}
	fmt.Fprintln(w)
}
