package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"peervoice/audit"
	"peervoice/store"
)

func init() {
	register("audit", "check the audit log's hash chain or list entries (audit verify | audit list)", runAudit)
}

func runAudit(ctx context.Context, app *App, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: audit needs a command: 'audit verify' or 'audit list'", errUsage)
	}
	switch args[0] {
	case "verify":
		return runAuditVerify(ctx, app, args[1:])
	case "list":
		return runAuditList(ctx, app, args[1:])
	case "-h", "--help", "help":
		fmt.Fprintln(app.Stdout, "Usage: peervoice audit verify [--anchor SEQ:HASH] [--json]\n       peervoice audit list [--actor EMAIL|ID] [--action X] [--resource X] [--resource-id ID] [--programme SLUG] [--since T] [--until T] [--limit N] [--offset N] [--json]")
		return nil
	}
	return fmt.Errorf("%w: unknown audit command %q: use 'audit verify' or 'audit list'", errUsage, args[0])
}

func runAuditVerify(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("audit verify")
	var anchors []audit.Anchor
	fs.Func("anchor", "SEQ:HASH printed by an earlier verify; fails if that entry is gone or changed (repeatable)", func(s string) error {
		a, err := audit.ParseAnchor(s)
		anchors = append(anchors, a)
		return err
	})
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := audit.Verify(ctx, db, anchors...)
	if err != nil {
		return err
	}
	return printVerify(app, r, *asJSON)
}

// printVerify writes the verdict. A broken chain is an error, so the exit
// status is 1 and scripts and monitoring notice.
func printVerify(app *App, r audit.Report, asJSON bool) error {
	if asJSON {
		if err := writeJSON(app.Stdout, r); err != nil {
			return err
		}
	} else if r.Intact {
		fmt.Fprintln(app.Stdout, r)
	}
	if !r.Intact {
		return errors.New(r.String())
	}
	if !asJSON && r.Entries > 0 {
		// The chain cannot show entries cut off its end; an anchor kept
		// outside the database can.
		fmt.Fprintf(app.Stdout, "anchor %s\nKeep the anchor outside the database; 'peervoice audit verify --anchor %s' later fails if the log was cut short or rewritten.\n",
			r.Anchor(), r.Anchor())
	}
	return nil
}

// auditListFlags are the filters of audit list, as typed.
type auditListFlags struct {
	actor, action, resource, resourceID, programme, since, until string
	limit, offset                                                int
	asJSON                                                       bool
}

func (f *auditListFlags) bind(fs *flag.FlagSet) {
	fs.StringVar(&f.actor, "actor", "", "who: a user's email or ID")
	fs.StringVar(&f.action, "action", "", "what was done: read, create, update, delete, export, ...")
	fs.StringVar(&f.resource, "resource", "", "kind of data: contribution, safeguarding_concern, ...")
	fs.StringVar(&f.resourceID, "resource-id", "", "the ID of one record")
	fs.StringVar(&f.programme, "programme", "", "programme slug")
	fs.StringVar(&f.since, "since", "", "from this time on: YYYY-MM-DD or RFC 3339 (UTC if no zone)")
	fs.StringVar(&f.until, "until", "", "before this time (exclusive): YYYY-MM-DD or RFC 3339")
	fs.IntVar(&f.limit, "limit", 50, fmt.Sprintf("at most this many entries, newest first (max %d)", audit.MaxLimit))
	fs.IntVar(&f.offset, "offset", 0, "skip this many entries")
	fs.BoolVar(&f.asJSON, "json", false, "print JSON")
}

func runAuditList(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("audit list")
	var flags auditListFlags
	flags.bind(fs)
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	filter, err := flags.filter(ctx, db)
	if err != nil {
		return err
	}
	events, err := audit.New(db).List(ctx, filter)
	if err != nil {
		return err
	}
	if flags.asJSON {
		return writeJSON(app.Stdout, events)
	}
	tw := tabwriter.NewWriter(app.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SEQ\tAT\tACTOR\tACTION\tRESOURCE\tRESOURCE ID\tPROGRAMME\tFROM")
	for _, e := range events {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Seq, e.At.Format(time.RFC3339), e.ActorID, e.Action,
			e.Resource, e.ResourceID, e.ProgrammeID, e.Addr)
	}
	return tw.Flush()
}

// filter turns the flags into an audit.Filter, looking up an actor's email
// and a programme's slug.
func (f auditListFlags) filter(ctx context.Context, db *store.DB) (audit.Filter, error) {
	out := audit.Filter{ActorID: f.actor, Action: f.action, Resource: f.resource, ResourceID: f.resourceID,
		Limit: f.limit, Offset: f.offset}
	var err error
	if out.Since, err = parseWhen("since", f.since); err != nil {
		return out, err
	}
	if out.Until, err = parseWhen("until", f.until); err != nil {
		return out, err
	}
	if strings.Contains(f.actor, "@") {
		u, err := db.UserByEmail(ctx, f.actor)
		if err != nil {
			return out, fmt.Errorf("audit list: actor %s: %w", f.actor, err)
		}
		out.ActorID = u.ID
	}
	if f.programme != "" {
		p, err := db.ProgrammeBySlug(ctx, f.programme)
		if err != nil {
			return out, fmt.Errorf("audit list: programme %s: %w", f.programme, err)
		}
		out.ProgrammeID = p.ID
	}
	return out, nil
}

// parseWhen reads a --since or --until value; "" is no bound.
func parseWhen(name, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: --%s %q: use YYYY-MM-DD or a time like 2026-05-01T09:30:00Z", errUsage, name, s)
}
