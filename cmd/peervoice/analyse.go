package main

import (
	"context"
	"fmt"
	"io"
	"sort"

	"peervoice/domain"
	"peervoice/privacy/suppress"
)

// analyseCommand is one sub-subcommand of "peervoice analyse".
type analyseCommand struct {
	summary string
	run     func(ctx context.Context, app *App, args []string) error
}

// analyseCommands is filled by each analysis's file in an init function,
// so adding an analysis touches no other file.
var analyseCommands = map[string]analyseCommand{}

func registerAnalyse(name, summary string, run func(ctx context.Context, app *App, args []string) error) {
	analyseCommands[name] = analyseCommand{summary: summary, run: run}
}

func init() {
	register("analyse", "run an analysis (peervoice analyse help lists them)", runAnalyse)
}

func runAnalyse(ctx context.Context, app *App, args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printAnalyseUsage(app.Stdout)
		return nil
	}
	cmd, ok := analyseCommands[args[0]]
	if !ok {
		printAnalyseUsage(app.Stderr)
		return fmt.Errorf("%w: unknown analysis %q", errUsage, args[0])
	}
	return cmd.run(ctx, app, args[1:])
}

func printAnalyseUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: peervoice analyse ANALYSIS [flags] [args]")
	fmt.Fprintln(w, "\nAnalyses:")
	names := make([]string, 0, len(analyseCommands))
	for name := range analyseCommands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-12s %s\n", name, analyseCommands[name].summary)
	}
}

// noteWithdrawals tells the analyst how many participants withdrew and are
// left out: the one figure about them an output may state, suppressed like
// any count of people. It goes to stderr so CSV and JSON stay clean.
func noteWithdrawals(ctx context.Context, app *App, st domain.Store, p *domain.Programme) error {
	n, err := st.WithdrawalCount(ctx, p.ID)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(app.Stderr, "Withdrawals: %s (left out of this analysis).\n", suppress.Count(n, p.SuppressionThreshold))
	return err
}
