package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"

	"peervoice/importer"
	"peervoice/polis"
)

// importCommands holds the kinds of file `peervoice import` reads; each
// kind's file registers itself.
var importCommands = map[string]command{}

func init() {
	register("import", "import a file into a programme (polis, csv, xlsx)", runImport)
	importCommands["polis"] = command{"import a Polis export folder: import polis DIR [--programme SLUG]", runImportPolis}
}

func runImport(ctx context.Context, app *App, args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" {
		printSubUsage(app.Stdout, "import", importCommands)
		return nil
	}
	cmd, ok := importCommands[args[0]]
	if !ok {
		return fmt.Errorf("%w: unknown import kind %q (try: peervoice import help)", errUsage, args[0])
	}
	return cmd.run(ctx, app, args[1:])
}

func printSubUsage(w io.Writer, name string, cmds map[string]command) {
	fmt.Fprintf(w, "Usage: peervoice %s KIND [flags] [args]\n\nKinds:\n", name)
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
}

// runImportPolis imports a Polis export folder and prints the programme's
// slug as its last line, so scripts can pick it up.
func runImportPolis(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("import polis")
	slug := fs.String("programme", "", "add to this existing programme instead of creating one")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: import polis needs one export folder (holding comments.csv, votes.csv, participants-votes.csv)", errUsage)
	}
	export, err := polis.ReadDir(pos[0])
	if err != nil {
		return err
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	name := filepath.Base(filepath.Clean(pos[0]))
	res, err := importer.ImportPolis(ctx, db, export, importer.PolisOptions{Programme: *slug, Name: name})
	if err != nil {
		return err
	}
	verb := "Added to"
	if res.Created {
		verb = "Created"
	}
	fmt.Fprintf(app.Stderr, "%s programme %q: %d new statements, %d new participants, %d votes (latest per participant and statement).\n",
		verb, res.Programme.Title, res.Statements, res.Participants, res.Votes)
	_, err = fmt.Fprintln(app.Stdout, res.Programme.Slug)
	return err
}
