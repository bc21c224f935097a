package main

import (
	"context"
	"fmt"
	"io"

	"peervoice/auth"
	"peervoice/demo"
	"peervoice/domain"
	"peervoice/privacy/intake"
	"peervoice/store"
)

func init() {
	register("demo", "load the demo programme into the database", runDemo)
}

func runDemo(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("demo")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	password, generated := app.demoPassword()
	sum, err := app.loadDemo(ctx, db, password)
	if err != nil {
		return err
	}
	fmt.Fprintf(app.Stdout, "Loaded the demo programme %q: %d sites, %d sessions, %d participants, %d contributions, %d statements, %d votes.\n",
		sum.Programme.Slug, sum.Sites, sum.Sessions, sum.Participants, sum.Contributions, sum.Statements, sum.Votes)
	printLogins(app.Stdout, password, generated)
	return nil
}

// demoPassword returns the configured demo password, or a fresh random one.
func (app *App) demoPassword() (password string, generated bool) {
	if app.Config.DemoPassword != "" {
		return app.Config.DemoPassword, false
	}
	return auth.GeneratePassword(), true
}

// loadDemo hashes the password once, loads the demo through the privacy
// intake, then keeps the raw text encrypted and opens a safeguarding
// concern for each possible disclosure.
func (app *App) loadDemo(ctx context.Context, db *store.DB, password string) (*demo.Summary, error) {
	hash, err := auth.HashPassword(password)
	if err != nil {
		return nil, err
	}
	if err := app.ensureDemoKey(); err != nil {
		return nil, err
	}
	svc, err := app.safeguardingService(db)
	if err != nil {
		return nil, err
	}
	rec := intake.NewRecorder(pipeline)
	apply := func(c *domain.Contribution) error { rec.Apply(c); return nil }
	sum, err := demo.Load(ctx, db, demo.Options{PasswordHash: hash, Intake: apply})
	if err != nil {
		return nil, err
	}
	return sum, finishIntake(ctx, db, svc, rec, domain.ContributionFilter{ProgrammeID: sum.Programme.ID})
}

// resetDemoPasswords gives every existing demo login the password, so a
// restarted demo server can print logins that work.
func resetDemoPasswords(ctx context.Context, st domain.Store, password string) error {
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	for _, l := range demo.Logins {
		u, err := st.UserByEmail(ctx, l.Email)
		if err != nil {
			return err
		}
		if err := st.SetPasswordHash(ctx, u.ID, hash); err != nil {
			return err
		}
	}
	return nil
}

func printLogins(w io.Writer, password string, generated bool) {
	fmt.Fprintln(w, "\nDemo logins:")
	for _, l := range demo.Logins {
		role := string(l.Role)
		if role == "" {
			role = "admin"
		}
		fmt.Fprintf(w, "  %-26s %s\n", l.Email, role)
	}
	if generated {
		fmt.Fprintf(w, "Password for all of them: %s\n(generated; set PEERVOICE_DEMO_PASSWORD to choose one)\n", password)
	} else {
		fmt.Fprintln(w, "Password for all of them: the value of PEERVOICE_DEMO_PASSWORD")
	}
}
