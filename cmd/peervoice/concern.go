package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/safeguarding"
	"peervoice/store"
)

func init() {
	register("concern", "safeguarding concerns: concern list --programme SLUG | concern move ID --to STATUS --actor EMAIL", runConcern)
}

func runConcern(ctx context.Context, app *App, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return app.concernList(ctx, args[1:])
		case "move":
			return app.concernMove(ctx, args[1:])
		}
	}
	return fmt.Errorf("%w: peervoice concern list --programme SLUG [--open] [--json], or peervoice concern move ID --to assessed|referred|closed [--referred-to WHO] [--note TEXT] --actor EMAIL", errUsage)
}

// concernApp is what both concern commands open: the store and the service.
type concernApp struct {
	db  *store.DB
	svc *safeguarding.Service
}

func (app *App) openConcerns(ctx context.Context) (*concernApp, error) {
	kr, err := app.keyring()
	if err != nil {
		return nil, err
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return nil, err
	}
	return &concernApp{db: db, svc: safeguarding.New(db, audit.New(db), kr)}, nil
}

func (app *App) concernList(ctx context.Context, args []string) error {
	fs := app.newFlags("concern list")
	slug := fs.String("programme", "", "the programme's slug")
	open := fs.Bool("open", false, "leave out closed concerns")
	asJSON := fs.Bool("json", false, "print JSON, notes included")
	notes := fs.Bool("notes", false, "print each concern's notes under it")
	actor := fs.String("actor", "", "your email, for the audit log (default: the server account running this command)")
	if pos, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *slug == "" {
		return fmt.Errorf("%w: peervoice concern list --programme SLUG [--open] [--json] [--notes]", errUsage)
	}
	c, err := app.openConcerns(ctx)
	if err != nil {
		return err
	}
	defer c.db.Close()
	prog, err := c.db.ProgrammeBySlug(ctx, *slug)
	if err != nil {
		return err
	}
	ctx, err = app.concernActor(ctx, c.db, *actor, prog.ID, false)
	if err != nil {
		return err
	}
	// A flagged contribution that reached the store by a path without the
	// intake hook (demo, import) still belongs in the lead's queue.
	if _, err := c.svc.OpenMissing(ctx, prog.ID); err != nil {
		return err
	}
	list, err := c.svc.List(ctx, prog.ID, safeguarding.Filter{Open: *open})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(app.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(nonNilConcerns(list))
	}
	return printConcerns(app.Stdout, list, *notes)
}

func nonNilConcerns(cs []safeguarding.Concern) []safeguarding.Concern {
	if cs == nil {
		return []safeguarding.Concern{}
	}
	return cs
}

// concernActor puts who is acting into ctx for the audit log. An email
// must belong to an admin or the programme's safeguarding lead; without
// one (allowed for reading only) the server account is recorded.
func (app *App) concernActor(ctx context.Context, db *store.DB, email, programmeID string, required bool) (context.Context, error) {
	if email == "" {
		if required {
			return ctx, fmt.Errorf("%w: say who you are with --actor EMAIL", errUsage)
		}
		return safeguarding.WithActor(ctx, safeguarding.Actor{UserID: "cli:" + first(app.Getenv("USER"), "unknown"), Addr: "cli"}), nil
	}
	u, err := db.UserByEmail(ctx, email)
	if err != nil {
		return ctx, err
	}
	ok, err := isLead(ctx, db, u, programmeID)
	if err != nil {
		return ctx, err
	}
	if !ok {
		return ctx, domain.Errorf(domain.EForbidden, "%s is not the safeguarding lead of this programme or an admin.", email)
	}
	return safeguarding.WithActor(ctx, safeguarding.Actor{UserID: u.ID, Addr: "cli"}), nil
}

func isLead(ctx context.Context, db *store.DB, u *domain.User, programmeID string) (bool, error) {
	if u.IsAdmin {
		return true, nil
	}
	ms, err := db.Memberships(ctx, u.ID)
	if err != nil {
		return false, err
	}
	return slices.Contains(ms, domain.Membership{UserID: u.ID, ProgrammeID: programmeID, Role: domain.RoleSafeguardingLead}), nil
}

func printConcerns(w io.Writer, list []safeguarding.Concern, withNotes bool) error {
	if len(list) == 0 {
		fmt.Fprintln(w, "No concerns.")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tRAISED\tBY\tCATEGORIES\tTIME TO ACTION")
	for _, c := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.Status, c.RaisedAt.Format("2006-01-02 15:04"),
			c.RaisedBy, strings.Join(c.Categories, ","), clockText(c.Clock))
		if withNotes && c.Notes != "" {
			fmt.Fprintf(tw, "\t%s\n", strings.ReplaceAll(c.Notes, "\n", "\n\t"))
		}
	}
	return tw.Flush()
}

// clockText shows the time to action as the lead reads it.
func clockText(c safeguarding.Clock) string {
	switch {
	case c.ToAction != nil && c.Late:
		return "acted after " + hours(*c.ToAction) + " (late)"
	case c.ToAction != nil:
		return "acted after " + hours(*c.ToAction)
	case c.Overdue:
		return "OVERDUE: waiting " + hours(c.Waiting)
	}
	return "waiting " + hours(c.Waiting)
}

func hours(d time.Duration) string {
	if d < time.Hour {
		return fmt.Sprintf("%dm", int(d.Minutes()))
	}
	return fmt.Sprintf("%.1fh", d.Hours())
}

func (app *App) concernMove(ctx context.Context, args []string) error {
	fs := app.newFlags("concern move")
	to := fs.String("to", "", "assessed, referred or closed")
	referredTo := fs.String("referred-to", "", "who it was referred to (needed with --to referred)")
	note := fs.String("note", "", "a note to add (stored encrypted)")
	release := fs.Bool("release", false, "with --to closed: it was not a disclosure, so return the contribution to analysis")
	actor := fs.String("actor", "", "your email: an admin or the programme's safeguarding lead")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *to == "" {
		return fmt.Errorf("%w: peervoice concern move ID --to assessed|referred|closed [--referred-to WHO] [--note TEXT] --actor EMAIL", errUsage)
	}
	c, err := app.openConcerns(ctx)
	if err != nil {
		return err
	}
	defer c.db.Close()
	r, err := c.db.Concern(ctx, pos[0])
	if err != nil {
		return err
	}
	ctx, err = app.concernActor(ctx, c.db, *actor, r.ProgrammeID, true)
	if err != nil {
		return err
	}
	a, _ := safeguarding.ActorFrom(ctx)
	moved, err := c.svc.Move(ctx, r.ID, domain.ConcernStatus(*to), a.UserID, safeguarding.MoveDetails{ReferredTo: *referredTo, Note: *note, Release: *release})
	if err != nil {
		return err
	}
	fmt.Fprintf(app.Stdout, "Concern %s is now %s (%s).\n", moved.ID, moved.Status, clockText(moved.Clock))
	return nil
}
