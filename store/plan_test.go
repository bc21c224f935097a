package store

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"peervoice/domain"
)

// planOf makes a session plan of the given titles, as open discussions.
func planOf(t *testing.T, s *DB, sessionID string, titles ...string) []*domain.Activity {
	t.Helper()
	var out []*domain.Activity
	for i, title := range titles {
		a := &domain.Activity{SessionID: sessionID, Kind: domain.ActivityDiscussion, Title: title, Minutes: 10, Position: i + 1}
		must(t, s.CreateActivity(context.Background(), a))
		out = append(out, a)
	}
	return out
}

// titles lists the plan as "position:title".
func titles(t *testing.T, s *DB, sessionID string) string {
	t.Helper()
	acts, err := s.Activities(context.Background(), sessionID)
	must(t, err)
	var out []string
	for _, a := range acts {
		out = append(out, strconv.Itoa(a.Position)+":"+a.Title)
	}
	return strings.Join(out, " ")
}

func TestPlanEditMoveAndRemove(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "plan-edit")
		acts := planOf(t, s, f.session.ID, "A", "B", "C", "D")
		must(t, s.MoveActivity(ctx, f.session.ID, acts[2].ID, -1))
		if got := titles(t, s, f.session.ID); got != "1:A 2:C 3:B 4:D" {
			t.Fatalf("after moving C up: %s", got)
		}
		must(t, s.MoveActivity(ctx, f.session.ID, acts[0].ID, -1)) // first stays first
		must(t, s.MoveActivity(ctx, f.session.ID, acts[3].ID, 1))  // last stays last
		must(t, s.MoveActivity(ctx, f.session.ID, acts[0].ID, 1))
		if got := titles(t, s, f.session.ID); got != "1:C 2:A 3:B 4:D" {
			t.Fatalf("after moving A down: %s", got)
		}
		wantCode(t, s.MoveActivity(ctx, f.session.ID, acts[0].ID, 2), domain.EInvalid)
		wantCode(t, s.MoveActivity(ctx, f.session.ID, domain.NewID(), 1), domain.ENotFound)

		must(t, s.DeleteActivity(ctx, f.session.ID, acts[0].ID))
		if got := titles(t, s, f.session.ID); got != "1:C 2:B 3:D" {
			t.Fatalf("after removing A: %s", got)
		}
		wantCode(t, s.DeleteActivity(ctx, f.session.ID, acts[0].ID), domain.ENotFound)

		b := *acts[1]
		b.Title, b.Prompt, b.Minutes, b.AreaID = "B edited", "What helps?", 25, f.area.ID
		must(t, s.UpdateActivity(ctx, &b))
		got, err := s.Activities(ctx, f.session.ID)
		must(t, err)
		if got[1].Title != "B edited" || got[1].Prompt != "What helps?" || got[1].Minutes != 25 || got[1].AreaID != f.area.ID || got[1].Position != 2 {
			t.Fatalf("updated activity: %+v", got[1])
		}
		b.Minutes = 0
		wantCode(t, s.UpdateActivity(ctx, &b), domain.EInvalid)
		other := *acts[1]
		other.SessionID = domain.NewID() // another session's activity cannot be reached
		wantCode(t, s.UpdateActivity(ctx, &other), domain.ENotFound)
	})
}

func TestPlanRemoveRefusedWithCapturedData(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "plan-refuse")
		acts := planOf(t, s, f.session.ID, "Talk", "Teams", "Dots")
		addContribution(t, s, f, domain.Contribution{ActivityID: acts[0].ID, Text: "More education"})
		_, _, _, err := s.PutTeamRankings(ctx, []TeamRanking{{ActivityID: acts[1].ID, Team: "T1", Rank: 1, Idea: "Visits", SourceKey: "T1|1"}})
		must(t, err)
		must(t, s.PutDotVotes(ctx, []domain.DotVote{{ID: domain.NewID(), ActivityID: acts[2].ID, Option: "Jobs", Dots: 2}}))
		for _, a := range acts {
			n, err := s.ActivityDataCount(ctx, a.ID)
			must(t, err)
			if n != 1 {
				t.Errorf("%s: %d captured records, want 1", a.Title, n)
			}
			wantCode(t, s.DeleteActivity(ctx, f.session.ID, a.ID), domain.EConflict)
		}
		if got := titles(t, s, f.session.ID); got != "1:Talk 2:Teams 3:Dots" {
			t.Fatalf("plan changed by refused removals: %s", got)
		}
	})
}
