package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peervoice/crypt"
	"peervoice/domain"
	"peervoice/retention"
	"peervoice/safeguarding"
)

func day(s string) time.Time {
	t, err := time.Parse(domain.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t.Add(12 * time.Hour)
}

// countRows counts rows in a table matching a condition, bypassing every
// filter the read paths apply.
func countRows(t *testing.T, s *DB, query string, args ...any) int {
	t.Helper()
	var n int
	must(t, s.queryRow(context.Background(), query, args...).Scan(&n))
	return n
}

func TestRetentionRun(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "ret-run") // ends 2026-03-31, keeps 365 days
		kr := testKeyring(t)
		withRaw := func(text string, created time.Time, review domain.ReviewStatus) string {
			c := addContribution(t, s, f, domain.Contribution{Text: text, CreatedAt: created, Review: review})
			must(t, s.SetRawText(ctx, c.ID, sealRaw(t, kr, c.ID, "raw "+text)))
			return c.ID
		}
		old := withRaw("old", day("2026-02-02"), domain.ReviewPending)
		approved := withRaw("approved", day("2027-02-27"), domain.ReviewApproved)
		fresh := withRaw("fresh", day("2027-02-27"), domain.ReviewPending)
		closedAt := day("2026-02-03")
		closed := newConcern(f, "")
		closed.Status, closed.ClosedAt = domain.ConcernClosed, &closedAt
		closed.SealedNotes, _ = kr.Seal([]byte("closed notes"), crypt.AAD(crypt.PurposeNotes, closed.ID))
		must(t, s.CreateConcern(ctx, closed))
		open := newConcern(f, "")
		open.SealedNotes, _ = kr.Seal([]byte("open notes"), crypt.AAD(crypt.PurposeNotes, open.ID))
		must(t, s.CreateConcern(ctx, open))

		now := day("2027-03-01")
		dry, err := retention.Policy{DryRun: true}.Run(ctx, s, now)
		must(t, err)
		if len(dry.Deletions) != 3 || countRows(t, s, `SELECT COUNT(*) FROM contributions WHERE raw_text IS NOT NULL`) != 3 {
			t.Fatalf("dry run: %+v", dry.Deletions)
		}
		kept, err := retention.Policy{KeepRawAfterApproval: true, DryRun: true}.Plan(ctx, s, now)
		must(t, err)
		if len(kept) != 2 {
			t.Fatalf("keeping approved raw text, plan = %+v", kept)
		}

		rep, err := retention.Run(ctx, s, now)
		must(t, err)
		if rep.Counts.RawTexts != 2 || rep.Counts.Notes != 1 || rep.Counts.Contributions != 0 {
			t.Fatalf("counts: %+v", rep.Counts)
		}
		for id, want := range map[string]bool{old: false, approved: false, fresh: true} {
			_, err := s.RawText(ctx, id)
			if (err == nil) != want {
				t.Fatalf("raw text %s kept = %v, want %v", id, err == nil, want)
			}
		}
		gotClosed, _ := s.Concern(ctx, closed.ID)
		gotOpen, _ := s.Concern(ctx, open.ID)
		if gotClosed.SealedNotes != nil || gotOpen.SealedNotes == nil {
			t.Fatal("closed concern notes should go, open concern notes stay")
		}
		again, err := retention.Run(ctx, s, now)
		must(t, err)
		if len(again.Deletions) != 0 {
			t.Fatalf("second run found %+v", again.Deletions)
		}

		// A year after the programme ended, its contribution data goes.
		later, err := retention.Run(ctx, s, day("2027-04-02"))
		must(t, err)
		if later.Counts.Contributions != 3 || countRows(t, s, `SELECT COUNT(*) FROM contributions WHERE programme_id = ?`, f.prog.ID) != 0 {
			t.Fatalf("expired programme: %+v", later.Counts)
		}
		if _, err := s.Concern(ctx, open.ID); err != nil {
			t.Fatalf("concerns must outlive the programme's contributions: %v", err)
		}
	})
}

func TestReapplyAfterRestore(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "ret-restore")
		kr := testKeyring(t)
		c := addContribution(t, s, f, domain.Contribution{Text: "said in session", CreatedAt: day("2026-02-02")})
		backupRow := c
		must(t, s.SetRawText(ctx, c.ID, sealRaw(t, kr, c.ID, "raw words")))
		journal := filepath.Join(t.TempDir(), "deletions.jsonl")
		_, err := retention.Policy{Journal: journal}.Run(ctx, s, day("2027-04-02"))
		must(t, err)
		if countRows(t, s, `SELECT COUNT(*) FROM contributions WHERE id = ?`, c.ID) != 0 {
			t.Fatal("retention did not delete the expired contribution")
		}

		// Restore an older backup: the row comes back.
		_, err = s.CreateContributions(ctx, []domain.Contribution{backupRow})
		must(t, err)
		must(t, s.SetRawText(ctx, c.ID, sealRaw(t, kr, c.ID, "raw words")))
		if n := countRows(t, s, `SELECT COUNT(*) FROM contributions WHERE id = ?`, c.ID); n != 1 {
			t.Fatalf("simulated restore: %d rows", n)
		}
		counts, err := retention.Reapply(ctx, s, "")
		must(t, err)
		if counts.Contributions != 1 || countRows(t, s, `SELECT COUNT(*) FROM contributions WHERE id = ?`, c.ID) != 0 {
			t.Fatalf("reapply: %+v", counts)
		}

		// A backup older than the deletion itself: the table has lost the
		// entry too, and only the journal remembers it.
		_, err = s.exec(ctx, `DELETE FROM deletions`)
		must(t, err)
		_, err = s.CreateContributions(ctx, []domain.Contribution{backupRow})
		must(t, err)
		counts, err = retention.Reapply(ctx, s, journal)
		must(t, err)
		if counts.Contributions != 1 || countRows(t, s, `SELECT COUNT(*) FROM deletions`) != 2 {
			t.Fatalf("reapply from journal: %+v, %d deletions", counts, countRows(t, s, `SELECT COUNT(*) FROM deletions`))
		}
	})
}

func TestReapplyRestoresPurgedRawText(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "ret-raw")
		kr := testKeyring(t)
		c := addContribution(t, s, f, domain.Contribution{Text: "[NAME] helped me"})
		sealed := sealRaw(t, kr, c.ID, "Officer Jones helped me")
		must(t, s.SetRawText(ctx, c.ID, sealed))
		must(t, s.PurgeRawText(ctx, c.ID))
		must(t, s.SetRawText(ctx, c.ID, sealed)) // the restore
		counts, err := retention.Reapply(ctx, s, "")
		must(t, err)
		if counts.RawTexts != 1 {
			t.Fatalf("reapply counts %+v", counts)
		}
		_, err = s.RawText(ctx, c.ID)
		wantCode(t, err, domain.ENotFound)
	})
}

// withdrawalFixture is a participant with one of each kind of data.
type withdrawalFixture struct {
	p       *domain.Participant
	flagged domain.Contribution
}

func seedParticipant(t *testing.T, s *DB, f fixture, seed int, st *domain.Statement, act *domain.Activity) withdrawalFixture {
	t.Helper()
	ctx := context.Background()
	p := &domain.Participant{ProgrammeID: f.prog.ID, Code: domain.NewCode(func(n int) int { return seed % n }, 3),
		Consent: domain.Consent{TakePart: true}}
	must(t, s.CreateParticipant(ctx, p))
	addContribution(t, s, f, domain.Contribution{Text: "view", ParticipantID: p.ID, AreaID: f.area.ID})
	flagged := addContribution(t, s, f, domain.Contribution{Text: "disclosure", ParticipantID: p.ID, Flagged: true})
	must(t, s.PutVotes(ctx, []domain.Vote{{StatementID: st.ID, ParticipantID: p.ID, Value: domain.Agree}}))
	must(t, s.CreateDebateVotes(ctx, []domain.DebateVote{{ActivityID: act.ID, ParticipantID: p.ID,
		Phase: domain.PhaseBefore, Position: domain.PositionFor, Count: 1}}))
	must(t, s.CreateDotVotes(ctx, []domain.DotVote{{ActivityID: act.ID, ParticipantID: p.ID, Option: "Visits", Dots: 3}}))
	return withdrawalFixture{p: p, flagged: flagged}
}

func TestWithdrawal(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "withdraw")
		_, err := s.exec(ctx, `UPDATE programmes SET withdrawal_cutoff = ? WHERE id = ?`, "2026-03-15", f.prog.ID)
		must(t, err)
		prog, err := s.Programme(ctx, f.prog.ID)
		must(t, err)
		st := &domain.Statement{ProgrammeID: f.prog.ID, Text: "Visits matter"}
		must(t, s.CreateStatement(ctx, st))
		act := &domain.Activity{SessionID: f.session.ID, Kind: domain.ActivityDebate, Title: "Debate", Minutes: 20}
		must(t, s.CreateActivity(ctx, act))
		early := seedParticipant(t, s, f, 1, st, act)
		late := seedParticipant(t, s, f, 2, st, act)
		stays := seedParticipant(t, s, f, 3, st, act)
		must(t, s.CreateConcern(ctx, newConcern(f, early.flagged.ID)))

		// Bad codes are refused clearly.
		code := early.p.Code
		_, err = retention.FindForWithdrawal(ctx, s, prog, code[:3]+string(otherChar(code[3])))
		wantCode(t, err, domain.EInvalid)
		if !strings.Contains(domain.ErrorMessage(err), "check") {
			t.Fatalf("mistyped code message: %q", domain.ErrorMessage(err))
		}
		unknown := domain.NewCode(func(n int) int { return 7 % n }, 3)
		_, err = retention.FindForWithdrawal(ctx, s, prog, unknown)
		wantCode(t, err, domain.ENotFound)

		// Before the cut-off: deleted for good.
		p, err := retention.FindForWithdrawal(ctx, s, prog, strings.ToLower(code[:2])+"-"+code[2:])
		must(t, err)
		out, err := retention.Withdraw(ctx, s, prog, p, day("2026-03-10"), "")
		must(t, err)
		want := retention.Counts{Contributions: 2, Votes: 1, DebateVotes: 1, DotVotes: 1, Withdrawals: 1}
		if !out.Purged || out.Counts != want {
			t.Fatalf("early withdrawal: purged=%v counts=%+v", out.Purged, out.Counts)
		}
		if countRows(t, s, `SELECT COUNT(*) FROM contributions WHERE participant_id = ?`, early.p.ID) != 0 {
			t.Fatal("early withdrawal left contributions in the table")
		}
		g, err := firstConcern(t, s, f.prog.ID)
		must(t, err)
		if g.ContributionID != "" {
			t.Fatalf("concern should survive with its link cleared: %+v", g)
		}
		_, err = retention.FindForWithdrawal(ctx, s, prog, code)
		wantCode(t, err, domain.EConflict)

		// After the cut-off: kept, but out of every read path.
		p2, err := retention.FindForWithdrawal(ctx, s, prog, late.p.Code)
		must(t, err)
		out, err = retention.Withdraw(ctx, s, prog, p2, day("2026-03-20"), "")
		must(t, err)
		if out.Purged || out.Counts != (retention.Counts{Withdrawals: 1}) {
			t.Fatalf("late withdrawal: purged=%v counts=%+v", out.Purged, out.Counts)
		}
		if countRows(t, s, `SELECT COUNT(*) FROM contributions WHERE participant_id = ?`, late.p.ID) != 2 {
			t.Fatal("late withdrawal should keep the rows")
		}
		assertOnlyVisible(t, s, f, act, stays.p.ID)
		n, err := s.WithdrawalCount(ctx, f.prog.ID)
		must(t, err)
		if n != 2 {
			t.Fatalf("withdrawal count %d, want 2", n)
		}
	})
}

// firstConcern returns: the programme's first concern.
func firstConcern(t *testing.T, s *DB, programmeID string) (*safeguarding.Record, error) {
	t.Helper()
	rs, err := s.Concerns(context.Background(), programmeID, safeguarding.Filter{})
	if err != nil || len(rs) == 0 {
		t.Fatalf("no concern: %v", err)
	}
	return &rs[0], nil
}

// assertOnlyVisible checks every participant-level read path shows only
// the one participant who did not withdraw.
func assertOnlyVisible(t *testing.T, s *DB, f fixture, act *domain.Activity, participantID string) {
	t.Helper()
	ctx := context.Background()
	cs, err := s.Contributions(ctx, domain.ContributionFilter{ProgrammeID: f.prog.ID, IncludeFlagged: true})
	must(t, err)
	vs, err := s.Votes(ctx, f.prog.ID)
	must(t, err)
	ds, err := s.DebateVotes(ctx, act.ID)
	must(t, err)
	dots, err := s.DotVotes(ctx, act.ID)
	must(t, err)
	counts, err := s.CountContributions(ctx, f.prog.ID)
	must(t, err)
	if len(cs) != 2 || len(vs) != 1 || len(ds) != 1 || len(dots) != 1 || len(counts) != 1 || counts[0].Count != 1 {
		t.Fatalf("visible: %d contributions, %d votes, %d debate votes, %d dot votes, counts %+v",
			len(cs), len(vs), len(ds), len(dots), counts)
	}
	for _, c := range cs {
		if c.ParticipantID != participantID {
			t.Fatalf("withdrawn participant's contribution listed: %+v", c)
		}
	}
	if vs[0].ParticipantID != participantID || ds[0].ParticipantID != participantID || dots[0].ParticipantID != participantID {
		t.Fatal("withdrawn participant's vote listed")
	}
}

func TestReapplyRedoesWithdrawal(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "withdraw-restore")
		st := &domain.Statement{ProgrammeID: f.prog.ID, Text: "Visits matter"}
		must(t, s.CreateStatement(ctx, st))
		act := &domain.Activity{SessionID: f.session.ID, Kind: domain.ActivityDebate, Title: "Debate", Minutes: 20}
		must(t, s.CreateActivity(ctx, act))
		w := seedParticipant(t, s, f, 4, st, act)
		prog, _ := s.Programme(ctx, f.prog.ID)
		_, err := retention.Withdraw(ctx, s, prog, w.p, day("2026-03-01"), "")
		must(t, err)
		// The restore brings back the participant as not withdrawn, with data.
		_, err = s.exec(ctx, `UPDATE participants SET withdrawn_at = NULL WHERE id = ?`, w.p.ID)
		must(t, err)
		addContribution(t, s, f, domain.Contribution{Text: "back again", ParticipantID: w.p.ID})
		counts, err := retention.Reapply(ctx, s, "")
		must(t, err)
		if counts.Withdrawals != 1 || counts.Contributions != 1 {
			t.Fatalf("reapply: %+v", counts)
		}
		n, _ := s.WithdrawalCount(ctx, f.prog.ID)
		if n != 1 || countRows(t, s, `SELECT COUNT(*) FROM contributions WHERE participant_id = ?`, w.p.ID) != 0 {
			t.Fatal("the withdrawal was not re-applied")
		}
	})
}
