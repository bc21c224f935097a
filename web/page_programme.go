package web

import (
	"context"
	"net/http"

	"peervoice/domain"
	"peervoice/policy"
	"peervoice/privacy/suppress"
)

// programmeData is the programme overview: what it is, its reach against
// its targets (every count suppressed below the programme's threshold), and
// the sessions the user may open.
type programmeData struct {
	Programme *domain.Programme
	Details   []SummaryRow
	Reach     Table
	BySite    Table
	Legend    string
	Sessions  Table
	// Manage links to set-up pages and, for coordinators, alerts.
	Manage *manageData
	// Privacy links the safeguarding lead to their queue and reviewers to
	// redaction review.
	Privacy []Cell
}

func (s *Server) programmePage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Read, policy.Programme)
	if err != nil {
		return err
	}
	d, err := s.programmeData(r, p)
	if err != nil {
		return err
	}
	v := s.view(r, p.Title, d)
	v.Back = "/programmes"
	return s.render(w, r, "programme", v)
}

func (s *Server) programmeData(r *http.Request, p *domain.Programme) (programmeData, error) {
	ctx := r.Context()
	sites, err := s.store.Sites(ctx, p.ID)
	if err != nil {
		return programmeData{}, err
	}
	sessions, err := s.store.Sessions(ctx, p.ID)
	if err != nil {
		return programmeData{}, err
	}
	participants, err := s.store.Participants(ctx, p.ID)
	if err != nil {
		return programmeData{}, err
	}
	d := programmeData{Programme: p, Details: programmeDetails(p)}
	d.Reach = reachTable(p, countActive(participants), len(participants)-countActive(participants), len(sites), countDelivered(sessions))
	d.BySite, d.Legend, err = bySiteTable(p, sites, participants)
	if err != nil {
		return d, err
	}
	d.Sessions = s.sessionsTable(current(r).actor, p, sites, sessions)
	d.Privacy = s.privacyLinks(current(r).actor, p)
	d.Manage, err = s.manageData(r, p, sessions)
	return d, err
}

func programmeDetails(p *domain.Programme) []SummaryRow {
	return []SummaryRow{
		{"Commissioner", p.Commissioner},
		{"Purpose", p.Purpose},
		{"Dates", formatDate(p.StartDate) + " to " + formatDate(p.EndDate)},
		{"Small numbers", "Counts under " + itoa(p.SuppressionThreshold) + " are not shown"},
	}
}

// withdrawals is the one figure about withdrawn participants that a page
// may state, suppressed like every other count of people.
func (s *Server) withdrawals(ctx context.Context, p *domain.Programme) (suppress.Cell, error) {
	n, err := s.store.WithdrawalCount(ctx, p.ID)
	if err != nil {
		return suppress.Cell{}, err
	}
	return suppress.Count(n, p.SuppressionThreshold), nil
}

// countActive counts participants who have not withdrawn.
func countActive(ps []domain.Participant) int {
	n := 0
	for _, p := range ps {
		if p.WithdrawnAt == nil {
			n++
		}
	}
	return n
}

func countDelivered(ss []domain.Session) int {
	n := 0
	for _, s := range ss {
		if s.Status == domain.SessionDelivered {
			n++
		}
	}
	return n
}

// reachTable compares reach with the targets. Only the count of people is
// data about people, so only it is suppressed below the threshold; sites and
// sessions are the programme's own plan and are shown as they are.
func reachTable(p *domain.Programme, participants, withdrawn, sites, sessions int) Table {
	row := func(label, reached string, target int) []Cell {
		return []Cell{{Text: label}, {Text: reached, Numeric: true}, {Text: itoa(target), Numeric: true}}
	}
	return Table{Caption: "Reach", Head: []Cell{{Text: "Measure"}, {Text: "Reached", Numeric: true}, {Text: "Target", Numeric: true}},
		Rows: [][]Cell{
			row("Participants", suppress.Count(participants, p.SuppressionThreshold).Display(), p.TargetParticipants),
			{{Text: "Withdrawn"}, {Text: suppress.Count(withdrawn, p.SuppressionThreshold).Display(), Numeric: true}, {Text: ""}},
			row("Sites", itoa(sites), p.TargetSites),
			row("Sessions delivered", itoa(sessions), p.TargetSessions),
		}}
}

// bySiteTable breaks participants down by site with primary and secondary
// suppression, so no small count can be worked out from the total.
func bySiteTable(p *domain.Programme, sites []domain.Site, ps []domain.Participant) (Table, string, error) {
	names := map[string]string{}
	counts := map[string]int{}
	for _, s := range sites {
		names[s.ID] = s.Name
		counts[s.Name] = 0
	}
	for _, pt := range ps {
		if pt.WithdrawnAt == nil && names[pt.SiteID] != "" {
			counts[names[pt.SiteID]]++
		}
	}
	b, err := suppress.List(counts, p.SuppressionThreshold)
	if err != nil {
		return Table{}, "", err
	}
	t := Table{Caption: "Participants by site", Head: []Cell{{Text: "Site"}, {Text: "Participants", Numeric: true}}}
	for _, it := range b.Items {
		t.Rows = append(t.Rows, []Cell{{Text: it.Label}, {Text: it.Cell.Display(), Numeric: true}})
	}
	t.Rows = append(t.Rows, []Cell{{Text: "Total"}, {Text: b.Total.Display(), Numeric: true}})
	legend := ""
	if b.HasSuppressed() {
		legend = suppress.Legend(p.SuppressionThreshold)
	}
	return t, legend, nil
}

// sessionsTable lists the sessions the actor may open: all of them for
// coordinators, analysts and safeguarding leads; a facilitator's own.
func (s *Server) sessionsTable(actor policy.Actor, p *domain.Programme, sites []domain.Site, ss []domain.Session) Table {
	names := map[string]string{}
	for _, site := range sites {
		names[site.ID] = site.Name
	}
	t := Table{Caption: "Sessions", Head: []Cell{{Text: "Date"}, {Text: "Session"}, {Text: "Site"}, {Text: "Status"}}}
	for i := range ss {
		if !policy.Allowed(actor, policy.Read, policy.OfSession(policy.Session, &ss[i])) {
			continue
		}
		t.Rows = append(t.Rows, []Cell{{Text: formatDate(ss[i].Date)},
			{Text: ss[i].Title, Href: "/programmes/" + p.Slug + "/sessions/" + ss[i].ID},
			{Text: names[ss[i].SiteID]}, {Text: string(ss[i].Status)}})
	}
	return t
}
