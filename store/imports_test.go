package store

import (
	"context"
	"testing"

	"peervoice/domain"
)

func TestPutDebateAndDotVotesReplaceByID(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "puts")
		debate := &domain.Activity{SessionID: f.session.ID, Kind: domain.ActivityDebate, Title: "Motion", Minutes: 20, Position: 1}
		dots := &domain.Activity{SessionID: f.session.ID, Kind: domain.ActivityDotPriorities, Title: "Dots", Minutes: 10, Position: 2}
		must(t, s.CreateActivity(ctx, debate))
		must(t, s.CreateActivity(ctx, dots))
		id := domain.NewID()
		tally := domain.DebateVote{ID: id, ActivityID: debate.ID, Phase: domain.PhaseBefore, Position: domain.PositionFor, Count: 3}
		must(t, s.PutDebateVotes(ctx, []domain.DebateVote{tally}))
		tally.Count = 5
		must(t, s.PutDebateVotes(ctx, []domain.DebateVote{tally}))
		got, err := s.DebateVotes(ctx, debate.ID)
		must(t, err)
		if len(got) != 1 || got[0].ID != id || got[0].Count != 5 {
			t.Fatalf("debate votes after two puts = %+v", got)
		}
		bad := tally
		bad.Count = -1
		wantCode(t, s.PutDebateVotes(ctx, []domain.DebateVote{bad}), domain.EInvalid)

		dot := domain.DotVote{ID: domain.NewID(), ActivityID: dots.ID, Option: "Visits", Dots: 4}
		must(t, s.PutDotVotes(ctx, []domain.DotVote{dot}))
		dot.Dots = 9
		must(t, s.PutDotVotes(ctx, []domain.DotVote{dot, {ID: domain.NewID(), ActivityID: dots.ID, Option: "Jobs", Dots: 1}}))
		dv, err := s.DotVotes(ctx, dots.ID)
		must(t, err)
		if len(dv) != 2 || dv[1].Option != "Visits" || dv[1].Dots != 9 {
			t.Fatalf("dot votes = %+v", dv)
		}
	})
}

func TestSessionAttendees(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "attend")
		var ids []string
		for _, code := range []string{"KMN", "ACD", "FGH"} {
			p := &domain.Participant{ProgrammeID: f.prog.ID, Code: code + string(domain.CheckChar(code))}
			must(t, s.CreateParticipant(ctx, p))
			ids = append(ids, p.ID)
		}
		must(t, s.RecordAttendance(ctx, f.session.ID, ids[0]))
		must(t, s.RecordAttendance(ctx, f.session.ID, ids[1]))
		got, err := s.SessionAttendees(ctx, f.session.ID)
		must(t, err)
		if len(got) != 2 || got[0].Code[:3] != "ACD" || got[1].Code[:3] != "KMN" {
			t.Fatalf("attendees = %+v", got)
		}
	})
}
