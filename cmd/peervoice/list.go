package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

func init() {
	register("programmes", "list programmes (--json for slug, id and title)", runProgrammes)
	register("sessions", "list a programme's sessions (--programme SLUG, --json)", runSessions)
	register("stats", "count the records of each kind (--json)", runStats)
}

func runProgrammes(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("programmes")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	ps, err := db.Programmes(ctx)
	if err != nil {
		return err
	}
	type row struct {
		Slug  string `json:"slug"`
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	rows := make([]row, len(ps))
	for i, p := range ps {
		rows[i] = row{p.Slug, p.ID, p.Title}
	}
	if *asJSON {
		return writeJSON(app.Stdout, rows)
	}
	tw := tabwriter.NewWriter(app.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SLUG\tTITLE\tID")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Slug, r.Title, r.ID)
	}
	return tw.Flush()
}

func runSessions(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("sessions")
	slug := fs.String("programme", "", "programme slug (required)")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, p, err := app.openProgramme(ctx, "sessions", *slug)
	if err != nil {
		return err
	}
	defer db.Close()
	sessions, err := db.Sessions(ctx, p.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(app.Stdout, sessions)
	}
	tw := tabwriter.NewWriter(app.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tTIME\tSTATUS\tCHECK\tTITLE\tID")
	for _, s := range sessions {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", s.Date, s.StartTime, s.Status, s.CheckCode, s.Title, s.ID)
	}
	return tw.Flush()
}

func runStats(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("stats")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := db.Stats(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(app.Stdout, st)
	}
	_, err = fmt.Fprintf(app.Stdout, "programmes %d\nsites %d\nsessions %d\nfacilitators %d\nparticipants %d\ncontributions %d\nstatements %d\nvotes %d\n",
		st.Programmes, st.Sites, st.Sessions, st.Facilitators, st.Participants, st.Contributions, st.Statements, st.Votes)
	return err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
