package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"peervoice/domain"
)

// TeamRanking is one idea a team ranked in a team-work activity: "T2
// ranked More time in education first". Idea is redacted text.
type TeamRanking struct {
	ID         string    `json:"id"`
	ActivityID string    `json:"activity_id"`
	Team       string    `json:"team"`
	Rank       int       `json:"rank"`
	Idea       string    `json:"idea"`
	SourceKey  string    `json:"-"`
	CreatedAt  time.Time `json:"created_at"`
}

// MaxRank bounds a team's ranks; a flipchart never has more.
const MaxRank = 99

// Validate checks a ranking's own rules.
func (r *TeamRanking) Validate() error {
	pr := domain.Problems{}
	if r.ActivityID == "" {
		pr.Add("activity_id", "Choose the activity the team ranked its ideas in.")
	}
	if r.Team == "" {
		pr.Add("team", "Enter the team, like T2.")
	}
	if r.Rank < 1 || r.Rank > MaxRank {
		pr.Add("rank", fmt.Sprintf("Enter a rank from 1 to %d.", MaxRank))
	}
	if msg := domain.TextProblem(r.Idea, domain.MaxContributionChars); strings.TrimSpace(r.Idea) == "" || msg != "" {
		pr.Add("idea", firstNonEmpty(msg, "Enter the idea the team ranked."))
	}
	if r.SourceKey == "" {
		pr.Add("source_key", "A ranking needs a source key.")
	}
	return pr.Err("team ranking")
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// PutTeamRankings stores rankings, each replacing any earlier one with the
// same activity and source key, in one transaction. It reports how many
// were new, changed and already there with the same idea.
func (s *DB) PutTeamRankings(ctx context.Context, rs []TeamRanking) (added, updated, same int, err error) {
	err = s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		for i := range rs {
			r := &rs[i]
			if err := r.Validate(); err != nil {
				return err
			}
			old, found, err := t.rankingByKey(ctx, r.ActivityID, r.SourceKey)
			if err != nil {
				return err
			}
			switch {
			case found && old.Idea == r.Idea && old.Team == r.Team && old.Rank == r.Rank:
				same++
				continue
			case found:
				updated++
				r.ID = old.ID
			default:
				added++
			}
			if err := t.putRanking(ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
	return added, updated, same, err
}

func (s *DB) putRanking(ctx context.Context, r *TeamRanking) error {
	if r.ID == "" {
		r.ID = domain.NewID()
	}
	if r.CreatedAt.IsZero() {
		r.CreatedAt = s.now().UTC()
	}
	_, err := s.exec(ctx, `INSERT INTO team_rankings (id, activity_id, team, rank, idea, source_key, created_at) VALUES (?,?,?,?,?,?,?)
		ON CONFLICT (activity_id, source_key) DO UPDATE SET team = excluded.team, rank = excluded.rank, idea = excluded.idea`,
		r.ID, r.ActivityID, r.Team, r.Rank, r.Idea, r.SourceKey, timestamp(r.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: put team ranking: %w", err)
	}
	return nil
}

func (s *DB) rankingByKey(ctx context.Context, activityID, key string) (TeamRanking, bool, error) {
	rs, err := s.teamRankings(ctx, `WHERE activity_id = ? AND source_key = ?`, activityID, key)
	if err != nil || len(rs) == 0 {
		return TeamRanking{}, false, err
	}
	return rs[0], true, nil
}

// TeamRankings lists an activity's rankings by team, then rank.
func (s *DB) TeamRankings(ctx context.Context, activityID string) ([]TeamRanking, error) {
	return s.teamRankings(ctx, `WHERE activity_id = ? ORDER BY LENGTH(team), team, rank, id`, activityID)
}

// SessionTeamRankings lists the rankings of every activity of a session,
// in plan order, then by team and rank.
func (s *DB) SessionTeamRankings(ctx context.Context, sessionID string) ([]TeamRanking, error) {
	return s.teamRankings(ctx, `WHERE activity_id IN (SELECT id FROM activities WHERE session_id = ?)
		ORDER BY (SELECT position FROM activities a WHERE a.id = activity_id), LENGTH(team), team, rank, id`, sessionID)
}

func (s *DB) teamRankings(ctx context.Context, where string, args ...any) ([]TeamRanking, error) {
	rows, err := s.query(ctx, `SELECT id, activity_id, team, rank, idea, source_key, created_at FROM team_rankings `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: team rankings: %w", err)
	}
	defer rows.Close()
	var out []TeamRanking
	for rows.Next() {
		var r TeamRanking
		var created string
		if err := rows.Scan(&r.ID, &r.ActivityID, &r.Team, &r.Rank, &r.Idea, &r.SourceKey, &created); err != nil {
			return nil, fmt.Errorf("store: scan team ranking: %w", err)
		}
		r.CreatedAt = parseTimestamp(created)
		out = append(out, r)
	}
	return out, translate(rows.Err())
}
