package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"peervoice/audit"
	"peervoice/auth"
	"peervoice/domain"
)

func init() {
	register("user", "manage accounts: user invite EMAIL --role ROLE [--programme SLUG] prints a one-time link", runUser)
}

func runUser(ctx context.Context, app *App, args []string) error {
	if len(args) == 0 || args[0] != "invite" {
		return fmt.Errorf("%w: peervoice user invite EMAIL --role ROLE --programme SLUG (ROLE is a programme role, or admin without --programme)", errUsage)
	}
	fs := app.newFlags("user invite")
	role := fs.String("role", "", "coordinator, facilitator, analyst, safeguarding_lead, decision_maker, or admin")
	slug := fs.String("programme", "", "the programme's slug (not for admin)")
	base := fs.String("base-url", "", "the address people open peervoice at (default http://ADDR)")
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: give exactly one email address", errUsage)
	}
	return app.invite(ctx, pos[0], *role, *slug, first(*base, "http://"+app.Config.Addr))
}

// invite creates the invitation, logs it and prints the link.
func (app *App) invite(ctx context.Context, email, role, slug, base string) error {
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	isAdmin := role == "admin"
	if isAdmin && slug != "" {
		return fmt.Errorf("%w: an admin invitation takes no --programme", errUsage)
	}
	programmeID := ""
	if slug != "" {
		p, err := db.ProgrammeBySlug(ctx, slug)
		if err != nil {
			return err
		}
		programmeID = p.ID
	}
	r := domain.Role(role)
	if isAdmin {
		r = ""
	}
	inv, token, err := auth.NewInvitation(email, programmeID, r, isAdmin, "", time.Now())
	if err != nil {
		return err
	}
	if err := db.CreateInvitation(ctx, inv); err != nil {
		return err
	}
	e := domain.AuditEvent{Action: audit.ActionCreate, Resource: "invitation", ResourceID: inv.Email, ProgrammeID: programmeID, Addr: "cli"}
	if err := audit.New(db).Record(ctx, e); err != nil {
		return err
	}
	fmt.Fprintf(app.Stdout, "Invitation for %s (expires %s). Send them this link; it works once:\n%s%s\n",
		inv.Email, inv.ExpiresAt.Format("2 January 2006 15:04 MST"), strings.TrimSuffix(base, "/"), auth.InvitationPath(token))
	return nil
}
