package store

import (
	"context"
	"testing"
	"time"

	"peervoice/crypt"
	"peervoice/domain"
	"peervoice/safeguarding"
)

func testKeyring(t testing.TB) *crypt.Keyring {
	t.Helper()
	k, err := crypt.NewKey()
	must(t, err)
	return crypt.NewKeyring(k)
}

func newConcern(f fixture, contributionID string) *safeguarding.Record {
	return &safeguarding.Record{SafeguardingConcern: domain.SafeguardingConcern{
		ID: domain.NewID(), ProgrammeID: f.prog.ID, ContributionID: contributionID, SessionID: f.session.ID,
		Categories: []string{"self_harm"}, Reasons: []string{"first-person self-harm"}, Status: domain.ConcernRaised,
		RaisedBy: "screen", RaisedAt: time.Date(2026, 2, 2, 10, 0, 0, 0, time.UTC),
	}}
}

func addContribution(t *testing.T, s *DB, f fixture, c domain.Contribution) domain.Contribution {
	t.Helper()
	c.ProgrammeID, c.SessionID = f.prog.ID, f.session.ID
	cs := []domain.Contribution{c}
	_, err := s.CreateContributions(context.Background(), cs)
	must(t, err)
	return cs[0]
}

func TestConcernRoundTrip(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "sg-one")
		c := addContribution(t, s, f, domain.Contribution{Text: "I want to end it", Flagged: true})
		kr := testKeyring(t)
		r := newConcern(f, c.ID)
		sealed, err := kr.Seal([]byte("spoke to the officer"), crypt.AAD(crypt.PurposeNotes, r.ID))
		must(t, err)
		r.SealedNotes = sealed
		must(t, s.CreateConcern(ctx, r))

		got, err := s.Concern(ctx, r.ID)
		must(t, err)
		if got.ContributionID != c.ID || got.Categories[0] != "self_harm" || got.Reasons[0] != "first-person self-harm" ||
			got.Status != domain.ConcernRaised || !got.RaisedAt.Equal(r.RaisedAt) || got.AssessedAt != nil || got.ClosedAt != nil {
			t.Fatalf("round trip: %+v", got)
		}
		notes, err := kr.Open(got.SealedNotes, crypt.AAD(crypt.PurposeNotes, r.ID))
		if err != nil || string(notes) != "spoke to the officer" {
			t.Fatalf("notes: %q %v", notes, err)
		}
		byC, err := s.ConcernByContribution(ctx, c.ID)
		must(t, err)
		if byC.ID != r.ID {
			t.Fatalf("by contribution: %s", byC.ID)
		}
		dup := newConcern(f, c.ID)
		wantCode(t, s.CreateConcern(ctx, dup), domain.EConflict)
		_, err = s.Concern(ctx, domain.NewID())
		wantCode(t, err, domain.ENotFound)
	})
}

func TestConcernRefusesPlaintextNotes(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "sg-plain")
		r := newConcern(f, "")
		r.SealedNotes = []byte("he said he would hurt himself")
		wantCode(t, s.CreateConcern(ctx, r), domain.EInvalid)
		r.SealedNotes = nil
		must(t, s.CreateConcern(ctx, r))
		r.SealedNotes = []byte("plain")
		wantCode(t, s.UpdateConcern(ctx, r, domain.ConcernRaised), domain.EInvalid)
	})
}

func TestConcernUpdateAndFilter(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "sg-move")
		a, b := newConcern(f, ""), newConcern(f, "")
		b.RaisedAt = b.RaisedAt.Add(time.Hour)
		must(t, s.CreateConcern(ctx, a))
		must(t, s.CreateConcern(ctx, b))
		now := time.Date(2026, 2, 2, 12, 0, 0, 0, time.UTC)
		a.Status, a.AssessedAt, a.ClosedAt = domain.ConcernClosed, &now, &now
		must(t, s.UpdateConcern(ctx, a, domain.ConcernRaised))
		// A second writer still believing it raised loses.
		wantCode(t, s.UpdateConcern(ctx, a, domain.ConcernRaised), domain.EConflict)
		ghost := newConcern(f, "")
		wantCode(t, s.UpdateConcern(ctx, ghost, domain.ConcernRaised), domain.ENotFound)

		all, err := s.Concerns(ctx, f.prog.ID, safeguarding.Filter{})
		must(t, err)
		if len(all) != 2 || all[0].ID != a.ID || all[0].ClosedAt == nil || !all[0].ClosedAt.Equal(now) {
			t.Fatalf("all: %+v", all)
		}
		open, err := s.Concerns(ctx, f.prog.ID, safeguarding.Filter{Open: true})
		must(t, err)
		if len(open) != 1 || open[0].ID != b.ID {
			t.Fatalf("open: %+v", open)
		}
		closed, err := s.Concerns(ctx, f.prog.ID, safeguarding.Filter{Status: domain.ConcernClosed})
		must(t, err)
		if len(closed) != 1 || closed[0].ID != a.ID {
			t.Fatalf("closed: %+v", closed)
		}
		other := newFixture(t, s, "sg-other")
		none, err := s.Concerns(ctx, other.prog.ID, safeguarding.Filter{})
		must(t, err)
		if len(none) != 0 {
			t.Fatalf("other programme sees %d concerns", len(none))
		}
	})
}

func TestFlaggedWithoutConcern(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "sg-missing")
		addContribution(t, s, f, domain.Contribution{Text: "ordinary"})
		handled := addContribution(t, s, f, domain.Contribution{Text: "handled", Flagged: true})
		waiting := addContribution(t, s, f, domain.Contribution{Text: "waiting", Flagged: true})
		must(t, s.CreateConcern(ctx, newConcern(f, handled.ID)))
		got, err := s.FlaggedWithoutConcern(ctx, f.prog.ID)
		must(t, err)
		if len(got) != 1 || got[0].ID != waiting.ID {
			t.Fatalf("flagged without concern: %+v", got)
		}
	})
}
