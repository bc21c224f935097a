package web

import (
	"net/http"

	"peervoice/domain"
	"peervoice/policy"
	"peervoice/privacy/suppress"
)

// reachData is the reach dashboard: participants, sites and sessions
// against the programme's targets, overall and per site. Every count of
// people under the threshold is suppressed (with secondary suppression, so
// no hidden count can be worked out from the total).
type reachData struct {
	Programme *domain.Programme
	Overall   Table
	Progress  string
	BySite    Table
	Legend    string
}

func (s *Server) reachPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Read, policy.Programme)
	if err != nil {
		return err
	}
	ctx := r.Context()
	sites, err := s.store.Sites(ctx, p.ID)
	if err != nil {
		return err
	}
	sessions, err := s.store.Sessions(ctx, p.ID)
	if err != nil {
		return err
	}
	participants, err := s.store.Participants(ctx, p.ID)
	if err != nil {
		return err
	}
	d, err := buildReach(p, sites, sessions, participants)
	if err != nil {
		return err
	}
	v := s.view(r, "Reach: "+p.Title, d)
	v.Back = "/programmes/" + p.Slug
	return s.render(w, r, "reach", v)
}

// buildReach works out the dashboard from the programme's records.
func buildReach(p *domain.Programme, sites []domain.Site, sessions []domain.Session, ps []domain.Participant) (reachData, error) {
	active := countActive(ps)
	d := reachData{Programme: p, Overall: reachTable(p, active, len(ps)-active, len(sites), countDelivered(sessions))}
	d.Progress = reachProgress(p, active)
	counts, names := map[string]int{}, map[string]string{}
	for _, x := range sites {
		names[x.ID], counts[x.Name] = x.Name, 0
	}
	for _, pt := range ps {
		if pt.WithdrawnAt == nil && names[pt.SiteID] != "" {
			counts[names[pt.SiteID]]++
		}
	}
	b, err := suppress.List(counts, p.SuppressionThreshold)
	if err != nil {
		return d, err
	}
	d.BySite = siteReachTable(sites, sessions, b)
	if b.HasSuppressed() || suppress.Count(active, p.SuppressionThreshold).Suppressed {
		d.Legend = suppress.Legend(p.SuppressionThreshold)
	}
	return d, nil
}

// reachProgress says how far the programme is towards its participant target,
// unless the count itself is too small to show.
func reachProgress(p *domain.Programme, active int) string {
	if suppress.Count(active, p.SuppressionThreshold).Suppressed || p.TargetParticipants == 0 {
		return ""
	}
	return itoa(active) + " of " + itoa(p.TargetParticipants) + " participants reached (" + itoa(active*100/p.TargetParticipants) + "%)."
}

// siteReachTable lists each site's sessions (the programme's own plan, not
// people, so not suppressed) and participants (suppressed).
func siteReachTable(sites []domain.Site, sessions []domain.Session, b suppress.Breakdown) Table {
	delivered, planned := map[string]int{}, map[string]int{}
	for _, x := range sessions {
		switch x.Status {
		case domain.SessionDelivered:
			delivered[x.SiteID]++
		case domain.SessionPlanned:
			planned[x.SiteID]++
		}
	}
	cells := map[string]string{}
	for _, it := range b.Items {
		cells[it.Label] = it.Cell.Display()
	}
	t := Table{Caption: "By site", Head: []Cell{{Text: "Site"}, {Text: "Type"}, {Text: "Sessions delivered", Numeric: true},
		{Text: "Sessions planned", Numeric: true}, {Text: "Participants", Numeric: true}}}
	for _, x := range sites {
		t.Rows = append(t.Rows, []Cell{{Text: x.Name}, {Text: x.Type.Label()}, {Text: itoa(delivered[x.ID]), Numeric: true},
			{Text: itoa(planned[x.ID]), Numeric: true}, {Text: cells[x.Name], Numeric: true}})
	}
	t.Rows = append(t.Rows, []Cell{{Text: "Total"}, {Text: ""}, {Text: itoa(sumCounts(delivered)), Numeric: true},
		{Text: itoa(sumCounts(planned)), Numeric: true}, {Text: b.Total.Display(), Numeric: true}})
	return t
}

func sumCounts(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
