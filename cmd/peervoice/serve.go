package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"peervoice/audit"
	"peervoice/demo"
	"peervoice/domain"
	"peervoice/retention"
	"peervoice/store"
	"peervoice/web"
)

func init() {
	register("serve", "run the web application (--addr, --demo)", runServe)
}

func runServe(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("serve")
	addr := fs.String("addr", app.Config.Addr, "address to listen on (env PEERVOICE_ADDR)")
	withDemo := fs.Bool("demo", false, "load the demo programme if the database does not hold it, and print the demo logins")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if *withDemo {
		if err := app.ensureDemo(ctx, db); err != nil {
			return err
		}
	}
	if err := app.startRetention(ctx, db); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	return app.serve(ctx, ln, db)
}

// startRetention marks imports interrupted by a restart as failed (each
// import is one transaction, so nothing of them was kept), re-applies every
// recorded deletion before anyone is served (so a restored backup cannot
// bring deleted data back), then runs the retention policy now and once a
// day while the server runs.
func (app *App) startRetention(ctx context.Context, db *store.DB) error {
	if _, err := db.FailStaleJobs(ctx, 2*time.Minute); err != nil {
		return fmt.Errorf("mark interrupted imports: %w", err)
	}
	journal := app.defaultJournal()
	counts, err := retention.Reapply(ctx, db, journal)
	if err != nil {
		return fmt.Errorf("re-apply recorded deletions: %w", err)
	}
	if n := counts.String(); n != "" && n != "nothing" {
		fmt.Fprintf(app.Stdout, "Re-applied recorded deletions: %s.\n", n)
	}
	policy := retention.Policy{KeepRawAfterApproval: app.Config.KeepRawAfterApproval, Journal: journal}
	go func() {
		for {
			if _, err := policy.Run(ctx, db, time.Now()); err != nil && ctx.Err() == nil {
				fmt.Fprintf(app.Stderr, "retention run failed: %v\n", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(24 * time.Hour):
			}
		}
	}()
	return nil
}

// ensureDemo loads the demo into a database that lacks it, or resets the
// demo logins' password in one that has it, then prints the logins.
func (app *App) ensureDemo(ctx context.Context, db *store.DB) error {
	if err := app.ensureDemoKey(); err != nil {
		return err
	}
	password, generated := app.demoPassword()
	_, err := app.loadDemo(ctx, db, password)
	switch {
	case err == nil:
		fmt.Fprintf(app.Stdout, "Loaded the demo programme %q.\n", demo.Slug)
	case domain.ErrorCode(err) == domain.EConflict:
		if err := resetDemoPasswords(ctx, db, password); err != nil {
			return err
		}
		fmt.Fprintf(app.Stdout, "The demo programme %q is already loaded.\n", demo.Slug)
	default:
		return err
	}
	printLogins(app.Stdout, password, generated)
	return nil
}

// webPrivacy wires the safeguarding queue and redaction review: the
// concerns service, the configured key (nil when none) and the store.
func (app *App) webPrivacy(db *store.DB) (web.Privacy, error) {
	svc, err := app.safeguardingService(db)
	if err != nil {
		return web.Privacy{}, err
	}
	kr, err := app.keyring()
	if err != nil {
		return web.Privacy{}, err
	}
	return web.Privacy{Safeguarding: svc, Keys: kr, Store: db,
		KeepRawAfterApproval: app.Config.KeepRawAfterApproval,
		DeletionsJournal:     app.defaultJournal()}, nil
}

// serve runs the HTTP server on ln until ctx is cancelled, then shuts down
// gracefully.
func (app *App) serve(ctx context.Context, ln net.Listener, db *store.DB) error {
	logger := slog.New(slog.NewTextHandler(app.Stderr, nil))
	log := audit.New(db)
	privacy, err := app.webPrivacy(db)
	if err != nil {
		return err
	}
	handler, err := web.New(web.Options{Store: db, Accounts: db, DB: db, Audit: log, AuditLog: log, Logger: logger, Privacy: privacy})
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	fmt.Fprintf(app.Stdout, "\npeervoice is running at http://%s/ (%s database %s). Press Ctrl+C to stop.\n",
		ln.Addr(), db.Engine(), app.Config.DB)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
