package dataset

import (
	"context"

	"peervoice/analysis/priority"
	"peervoice/domain"
)

// Priorities is every dot vote in a programme, by site name, ready for
// priority.FromAllocations (per participant) or FromTotals (tallies).
type Priorities struct {
	Allocations []priority.Allocation
	Totals      []priority.Total
}

// LoadPriorities reads the dot votes of every dot-priorities activity.
// Per-participant votes become allocations; sheet tallies become totals.
func LoadPriorities(ctx context.Context, st domain.Store, programmeID string) (*Priorities, error) {
	sites, err := st.Sites(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	siteName := map[string]string{}
	for _, s := range sites {
		siteName[s.ID] = s.Name
	}
	sessions, err := st.Sessions(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	out := &Priorities{}
	for _, s := range sessions {
		if err := out.addSession(ctx, st, s, siteName[s.SiteID]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (p *Priorities) addSession(ctx context.Context, st domain.Store, s domain.Session, site string) error {
	acts, err := st.Activities(ctx, s.ID)
	if err != nil {
		return err
	}
	for _, a := range acts {
		if a.Kind != domain.ActivityDotPriorities {
			continue
		}
		votes, err := st.DotVotes(ctx, a.ID)
		if err != nil {
			return err
		}
		for _, v := range votes {
			if v.ParticipantID != "" {
				p.Allocations = append(p.Allocations, priority.Allocation{Site: site, Participant: v.ParticipantID, Option: v.Option, Dots: v.Dots})
			} else {
				p.Totals = append(p.Totals, priority.Total{Site: site, Option: v.Option, Dots: v.Dots})
			}
		}
	}
	return nil
}
