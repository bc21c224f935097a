package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"time"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/retention"
	"peervoice/store"
)

func init() {
	register("withdraw", "withdraw a participant: withdraw CODE --programme SLUG [--yes]", runWithdraw)
}

func runWithdraw(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("withdraw")
	slug := fs.String("programme", "", "the programme's slug")
	yes := fs.Bool("yes", false, "do not ask for confirmation")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *slug == "" {
		return fmt.Errorf("%w: peervoice withdraw CODE --programme SLUG [--yes]", errUsage)
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	prog, err := db.ProgrammeBySlug(ctx, *slug)
	if err != nil {
		return err
	}
	p, err := retention.FindForWithdrawal(ctx, db, prog, pos[0])
	if err != nil {
		return err
	}
	now := time.Now()
	if !*yes {
		if err := app.confirmWithdrawal(ctx, db, prog, p, now); err != nil {
			return err
		}
	}
	return app.withdraw(ctx, db, prog, p, now)
}

// confirmWithdrawal says what will happen and waits for "yes" on stdin.
func (app *App) confirmWithdrawal(ctx context.Context, db *store.DB, prog *domain.Programme, p *domain.Participant, now time.Time) error {
	data, err := db.ParticipantData(ctx, p.ID)
	if err != nil {
		return err
	}
	what := "Their data (" + data.String() + ") stays but is left out of every future output"
	if prog.WithdrawalOpen(domain.DateOf(now)) {
		what = "Their data (" + data.String() + ") will be deleted for good"
	}
	fmt.Fprintf(app.Stdout, "Withdraw participant %s from %s? %s. Type yes to confirm: ", p.Code, prog.Slug, what)
	line, _ := bufio.NewReader(app.Stdin).ReadString('\n')
	if a := strings.ToLower(strings.TrimSpace(line)); a != "yes" && a != "y" {
		return domain.Errorf(domain.EInvalid, "Not confirmed: nothing was changed.")
	}
	return nil
}

func (app *App) withdraw(ctx context.Context, db *store.DB, prog *domain.Programme, p *domain.Participant, now time.Time) error {
	out, err := retention.Withdraw(ctx, db, prog, p, now, app.defaultJournal())
	if err != nil {
		return err
	}
	e := domain.AuditEvent{ActorID: "cli:" + first(app.Getenv("USER"), "unknown"), Action: "withdraw",
		Resource: audit.ResourceParticipant, ResourceID: p.ID, ProgrammeID: prog.ID, Addr: "cli"}
	if err := audit.New(db).Record(ctx, e); err != nil {
		return err
	}
	n, err := db.WithdrawalCount(ctx, prog.ID)
	if err != nil {
		return err
	}
	if out.Purged {
		deleted := out.Counts
		deleted.Withdrawals = 0
		fmt.Fprintf(app.Stdout, "Withdrew %s. Deleted for good: %s.\n", p.Code, deleted)
	} else {
		fmt.Fprintf(app.Stdout, "Withdrew %s after the cut-off (%s): their data is kept but left out of every output from now on.\n",
			p.Code, prog.WithdrawalCutoff)
	}
	fmt.Fprintf(app.Stdout, "%s now has %d withdrawals.\n", prog.Slug, n)
	return nil
}
