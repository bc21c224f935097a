package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"peervoice/domain"
	"peervoice/templates"
)

func init() {
	register("programme", "create a programme from a template, or show one (create|show)", runProgramme)
}

func runProgramme(ctx context.Context, app *App, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: programme needs a subcommand: create or show", errUsage)
	}
	switch args[0] {
	case "create":
		return runProgrammeCreate(ctx, app, args[1:])
	case "show":
		return runProgrammeShow(ctx, app, args[1:])
	}
	return fmt.Errorf("%w: unknown programme subcommand %q: use create or show", errUsage, args[0])
}

// fieldFlags maps a programme's validation fields to the flags that set
// them, so a problem is reported against what the user typed.
var fieldFlags = map[string]string{
	"slug": "--slug", "title": "--title", "commissioner": "--commissioner", "purpose": "--purpose",
	"start_date": "--start", "end_date": "--end", "withdrawal_cutoff": "--withdrawal-cutoff",
	"suppression_threshold": "--threshold", "retention_days": "--retention-days",
	"target_participants": "--target-participants", "target_sites": "--target-sites",
	"target_sessions": "--target-sessions",
}

// programmeFlags are the values of programme create's flags.
type programmeFlags struct {
	template, slug, title, commissioner, purpose, start, end, cutoff string
	threshold, retention, participants, sites, sessions              int
}

func (f *programmeFlags) bind(fs *flag.FlagSet) {
	fs.StringVar(&f.template, "template", "", "template: "+strings.Join(templates.Keys(), ", ")+" (required)")
	fs.StringVar(&f.slug, "slug", "", "short name for URLs, like youth-commission-2026 (required)")
	fs.StringVar(&f.title, "title", "", "title (required)")
	fs.StringVar(&f.start, "start", "", "start date, YYYY-MM-DD (required)")
	fs.StringVar(&f.end, "end", "", "end date, YYYY-MM-DD (required)")
	fs.StringVar(&f.commissioner, "commissioner", "", "who commissioned it (default: the template's)")
	fs.StringVar(&f.purpose, "purpose", "", "purpose (default: the template's)")
	fs.StringVar(&f.cutoff, "withdrawal-cutoff", "", "last day to withdraw with data removed, YYYY-MM-DD")
	fs.IntVar(&f.threshold, "threshold", domain.DefaultThreshold, "suppression threshold: counts below it are hidden (3 or more)")
	fs.IntVar(&f.retention, "retention-days", domain.DefaultRetentionDays, "days to keep the data")
	fs.IntVar(&f.participants, "target-participants", 0, "target number of participants (default: the template's)")
	fs.IntVar(&f.sites, "target-sites", 0, "target number of sites (default: the template's)")
	fs.IntVar(&f.sessions, "target-sessions", 0, "target number of sessions (default: the template's)")
}

func runProgrammeCreate(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("programme create")
	var f programmeFlags
	f.bind(fs)
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if f.template == "" {
		return fmt.Errorf("%w: --template: choose a template: %s", errUsage, strings.Join(templates.Keys(), ", "))
	}
	tpl, err := templates.Lookup(f.template)
	if err != nil {
		return fmt.Errorf("%w: --template: %s", errUsage, domain.ErrorMessage(err))
	}
	p, areas := templates.New(tpl.Key)
	problems := f.apply(&p, setFlags(fs))
	if err := p.Validate(); err != nil {
		mergeFields(problems, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: the programme was not created:\n%s", errUsage, flagProblems(problems))
	}
	return createProgramme(ctx, app, &p, areas, tpl)
}

// apply copies the flags onto the template's defaults. Optional flags
// replace a default only when given; bad dates become problems.
func (f *programmeFlags) apply(p *domain.Programme, set map[string]bool) domain.Problems {
	pr := domain.Problems{}
	p.Slug, p.Title = strings.TrimSpace(f.slug), strings.TrimSpace(f.title)
	p.StartDate = parseDateFlag(pr, "start_date", f.start)
	p.EndDate = parseDateFlag(pr, "end_date", f.end)
	if f.cutoff != "" {
		p.WithdrawalCutoff = parseDateFlag(pr, "withdrawal_cutoff", f.cutoff)
	}
	p.SuppressionThreshold, p.RetentionDays = f.threshold, f.retention
	overrideString(&p.Commissioner, f.commissioner, set["commissioner"])
	overrideString(&p.Purpose, f.purpose, set["purpose"])
	overrideInt(&p.TargetParticipants, f.participants, set["target-participants"])
	overrideInt(&p.TargetSites, f.sites, set["target-sites"])
	overrideInt(&p.TargetSessions, f.sessions, set["target-sessions"])
	return pr
}

func parseDateFlag(pr domain.Problems, field, s string) domain.Date {
	if s == "" {
		return ""
	}
	d, err := domain.ParseDate(strings.TrimSpace(s))
	if err != nil {
		pr.Add(field, domain.ErrorMessage(err))
	}
	return d
}

func overrideString(dst *string, v string, set bool) {
	if set {
		*dst = strings.TrimSpace(v)
	}
}

func overrideInt(dst *int, v int, set bool) {
	if set {
		*dst = v
	}
}

func setFlags(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// mergeFields adds a validation error's field problems to pr; a problem
// already found (such as a malformed date) is kept, being more precise.
func mergeFields(pr domain.Problems, err error) {
	var de *domain.Error
	if !errors.As(err, &de) {
		pr.Add("programme", domain.ErrorMessage(err))
		return
	}
	for field, msg := range de.Fields {
		pr.Add(field, msg)
	}
}

// flagProblems lists problems one a line as "--flag: message", sorted by
// flag name so the output is stable.
func flagProblems(pr domain.Problems) string {
	lines := make([]string, 0, len(pr))
	for field, msg := range pr {
		name, ok := fieldFlags[field]
		if !ok {
			name = field
		}
		lines = append(lines, "  "+name+": "+msg)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func createProgramme(ctx context.Context, app *App, p *domain.Programme, areas []domain.StrategicArea, tpl templates.Template) error {
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.CreateProgramme(ctx, p, areas); err != nil {
		if errors.Is(err, domain.ErrConflict) {
			return fmt.Errorf("%w: the programme was not created:\n  --slug: A programme with the slug %q already exists.", errUsage, p.Slug)
		}
		return err
	}
	fmt.Fprintf(app.Stdout, "Created the programme %q (%s) from the %s template, with %d strategic areas.\nID: %s\n",
		p.Slug, p.Title, tpl.Key, len(areas), p.ID)
	return nil
}

func runProgrammeShow(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("programme show")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: programme show needs one SLUG (see 'peervoice programmes')", errUsage)
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := db.ProgrammeBySlug(ctx, pos[0])
	if err != nil {
		return err
	}
	areas, err := db.Areas(ctx, p.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(app.Stdout, struct {
			Programme *domain.Programme      `json:"programme"`
			Areas     []domain.StrategicArea `json:"areas"`
		}{p, areas})
	}
	return printProgramme(app.Stdout, p, areas)
}

func printProgramme(w io.Writer, p *domain.Programme, areas []domain.StrategicArea) error {
	cutoff := string(p.WithdrawalCutoff)
	if cutoff == "" {
		cutoff = "none"
	}
	fmt.Fprintf(w, "%s (%s)\nID:            %s\nTemplate:      %s\nCommissioner:  %s\nDates:         %s to %s\n",
		p.Title, p.Slug, p.ID, p.Template, p.Commissioner, p.StartDate, p.EndDate)
	fmt.Fprintf(w, "Targets:       %d participants, %d sites, %d sessions\nThreshold:     %d\nRetention:     %d days\nWithdraw by:   %s\n",
		p.TargetParticipants, p.TargetSites, p.TargetSessions, p.SuppressionThreshold, p.RetentionDays, cutoff)
	if p.Purpose != "" {
		fmt.Fprintf(w, "Purpose:       %s\n", p.Purpose)
	}
	fmt.Fprintf(w, "\nStrategic areas (%d):\n", len(areas))
	for _, a := range areas {
		fmt.Fprintf(w, "  %d. %s [%s]\n", a.Position, a.Name, a.Key)
		for _, q := range a.Questions {
			fmt.Fprintf(w, "     - %s\n", q)
		}
	}
	return nil
}
