package store

import (
	"context"
	"fmt"
	"testing"

	"peervoice/domain"
)

func TestTeamRankingsPutReplaceAndList(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "rankings")
		acts := planOf(t, s, f.session.ID, "Team work", "Presentations")
		rs := []TeamRanking{
			{ActivityID: acts[1].ID, Team: "T1", Rank: 1, Idea: "Peer mentors", SourceKey: "T1|1"},
			{ActivityID: acts[0].ID, Team: "T10", Rank: 1, Idea: "Gym time", SourceKey: "T10|1"},
			{ActivityID: acts[0].ID, Team: "T2", Rank: 2, Idea: "Family days", SourceKey: "T2|2"},
			{ActivityID: acts[0].ID, Team: "T2", Rank: 1, Idea: "More education", SourceKey: "T2|1"},
		}
		if a, u, same, err := s.PutTeamRankings(ctx, rs); err != nil || a != 4 || u != 0 || same != 0 {
			t.Fatalf("first put: %d added %d updated %d same, %v", a, u, same, err)
		}
		again := []TeamRanking{rs[3], rs[2]}
		again[0].ID, again[1].ID = "", ""
		again[1].Idea = "Family visit days"
		if a, u, same, err := s.PutTeamRankings(ctx, again); err != nil || a != 0 || u != 1 || same != 1 {
			t.Fatalf("second put: %d added %d updated %d same, %v", a, u, same, err)
		}
		got, err := s.SessionTeamRankings(ctx, f.session.ID)
		must(t, err)
		want := []string{"T2 1 More education", "T2 2 Family visit days", "T10 1 Gym time", "T1 1 Peer mentors"}
		if len(got) != len(want) {
			t.Fatalf("session rankings: %+v", got)
		}
		for i, w := range want {
			if g := got[i].Team + " " + fmt.Sprint(got[i].Rank) + " " + got[i].Idea; g != w {
				t.Errorf("ranking %d = %q, want %q", i, g, w)
			}
		}
		one, err := s.TeamRankings(ctx, acts[1].ID)
		must(t, err)
		if len(one) != 1 || one[0].Idea != "Peer mentors" {
			t.Fatalf("activity rankings: %+v", one)
		}
		for _, bad := range []TeamRanking{
			{ActivityID: acts[0].ID, Team: "T1", Rank: 0, Idea: "x", SourceKey: "k"},
			{ActivityID: acts[0].ID, Team: "T1", Rank: 100, Idea: "x", SourceKey: "k"},
			{ActivityID: acts[0].ID, Team: "T1", Rank: 1, Idea: "  ", SourceKey: "k"},
			{ActivityID: acts[0].ID, Team: "", Rank: 1, Idea: "x", SourceKey: "k"},
		} {
			_, _, _, err := s.PutTeamRankings(ctx, []TeamRanking{rs[0], bad})
			wantCode(t, err, domain.EInvalid)
		}
	})
}
