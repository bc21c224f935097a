package web

import (
	"context"
	"strconv"

	"peervoice/domain"
	"peervoice/store"
)

// rankingStore reads team rankings. *store.DB has it.
type rankingStore interface {
	SessionTeamRankings(ctx context.Context, sessionID string) ([]store.TeamRanking, error)
}

// teamRankings is one team's ranked ideas in one activity, for the
// session page.
type teamRankings struct {
	Activity string // "A3: Team work: Safety"
	Team     string
	Ideas    []rankedIdea
}

// rankedIdea is one idea and its place on the team's list. Ranks may have
// gaps when a team left one out.
type rankedIdea struct {
	Rank int
	Idea string
}

// sessionRankings groups a session's team rankings by activity and team,
// in plan order. Ideas were redacted on the way in.
func (s *Server) sessionRankings(ctx context.Context, x *domain.Session) ([]teamRankings, error) {
	rs, ok := s.store.(rankingStore)
	if !ok {
		return nil, nil // a store without rankings has none to show
	}
	list, err := rs.SessionTeamRankings(ctx, x.ID)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	acts, err := s.store.Activities(ctx, x.ID)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, a := range acts {
		names[a.ID] = "A" + strconv.Itoa(a.Position) + ": " + a.Title
	}
	return groupRankings(list, names), nil
}

// groupRankings folds rankings, already sorted by activity, team and rank,
// into one group per activity and team.
func groupRankings(list []store.TeamRanking, names map[string]string) []teamRankings {
	var out []teamRankings
	for _, r := range list {
		n := len(out)
		if n == 0 || out[n-1].Team != r.Team || out[n-1].Activity != names[r.ActivityID] {
			out = append(out, teamRankings{Activity: names[r.ActivityID], Team: r.Team})
			n++
		}
		out[n-1].Ideas = append(out[n-1].Ideas, rankedIdea{Rank: r.Rank, Idea: r.Idea})
	}
	return out
}
