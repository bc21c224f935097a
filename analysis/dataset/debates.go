package dataset

import (
	"context"
	"strconv"

	"peervoice/analysis/debate"
	"peervoice/domain"
)

// Debate is one debate activity's votes: per-participant pairs when the
// votes were captured per person, otherwise the before and after tallies.
type Debate struct {
	SessionID    string
	SessionTitle string
	SiteID       string
	Motion       string
	Pairs        []debate.Pair
	Before       debate.Counts
	After        debate.Counts
}

// Paired reports whether the debate's votes were captured per participant.
func (d *Debate) Paired() bool { return len(d.Pairs) > 0 }

// LoadDebates reads every debate in a programme, in session order.
func LoadDebates(ctx context.Context, st domain.Store, programmeID string) ([]Debate, error) {
	sessions, err := st.Sessions(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	var out []Debate
	for _, s := range sessions {
		acts, err := st.Activities(ctx, s.ID)
		if err != nil {
			return nil, err
		}
		for _, a := range acts {
			if a.Kind != domain.ActivityDebate {
				continue
			}
			votes, err := st.DebateVotes(ctx, a.ID)
			if err != nil {
				return nil, err
			}
			if len(votes) > 0 {
				out = append(out, buildDebate(s, a, votes))
			}
		}
	}
	return out, nil
}

func buildDebate(s domain.Session, a domain.Activity, votes []domain.DebateVote) Debate {
	d := Debate{SessionID: s.ID, SessionTitle: s.Title, SiteID: s.SiteID, Motion: a.Title}
	pairs := map[string]*debate.Pair{}
	var order []string
	for _, v := range votes {
		counts := &d.Before
		if v.Phase == domain.PhaseAfter {
			counts = &d.After
		}
		add(counts, v.Position, v.Count)
		if v.ParticipantID == "" {
			continue
		}
		p, ok := pairs[v.ParticipantID]
		if !ok {
			p = &debate.Pair{Participant: v.ParticipantID}
			pairs[v.ParticipantID] = p
			order = append(order, v.ParticipantID)
		}
		if v.Phase == domain.PhaseBefore {
			p.Before = vote(v.Position)
		} else {
			p.After = vote(v.Position)
		}
	}
	for _, id := range order {
		if p := pairs[id]; p.Before != 0 && p.After != 0 {
			d.Pairs = append(d.Pairs, *p)
		}
	}
	return d
}

func add(c *debate.Counts, pos domain.DebatePosition, n int) {
	switch pos {
	case domain.PositionFor:
		c.For += n
	case domain.PositionAgainst:
		c.Against += n
	case domain.PositionUndecided:
		c.Undecided += n
	}
}

func vote(pos domain.DebatePosition) debate.Vote {
	switch pos {
	case domain.PositionFor:
		return debate.For
	case domain.PositionAgainst:
		return debate.Against
	case domain.PositionUndecided:
		return debate.Undecided
	}
	return 0
}

// PoolByMotion combines the debates of each motion held at more than one
// session into one, titled "All sessions (N)". Per-participant pairs stay
// paired, so the exact McNemar test still applies to the pooled votes.
func PoolByMotion(debates []Debate) []Debate {
	var order []string
	byMotion := map[string][]Debate{}
	for _, d := range debates {
		if _, ok := byMotion[d.Motion]; !ok {
			order = append(order, d.Motion)
		}
		byMotion[d.Motion] = append(byMotion[d.Motion], d)
	}
	var out []Debate
	for _, m := range order {
		ds := byMotion[m]
		if len(ds) < 2 {
			continue
		}
		pooled := Debate{Motion: m, SessionTitle: "All sessions (" + itoa(len(ds)) + ")"}
		paired := true
		for _, d := range ds {
			paired = paired && d.Paired()
			pooled.Pairs = append(pooled.Pairs, d.Pairs...)
			pooled.Before = sum(pooled.Before, d.Before)
			pooled.After = sum(pooled.After, d.After)
		}
		if !paired {
			pooled.Pairs = nil
		}
		out = append(out, pooled)
	}
	return out
}

func sum(a, b debate.Counts) debate.Counts {
	return debate.Counts{For: a.For + b.For, Against: a.Against + b.Against, Undecided: a.Undecided + b.Undecided}
}

func itoa(n int) string { return strconv.Itoa(n) }
