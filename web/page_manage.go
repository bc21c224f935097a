package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"peervoice/domain"
	"peervoice/policy"
	"peervoice/retention"
	"peervoice/scheduling"
)

// runStore is what the pages for running a programme need beyond
// domain.Store: editing, facilitators' records, debriefs, the ledger and
// withdrawal. *store.DB implements it.
type runStore interface {
	UpdateProgramme(ctx context.Context, p *domain.Programme) error
	AddArea(ctx context.Context, programmeID string, a *domain.StrategicArea) error
	UpdateArea(ctx context.Context, a *domain.StrategicArea) error
	UpdateSite(ctx context.Context, site *domain.Site) error
	Facilitator(ctx context.Context, id string) (*domain.Facilitator, error)
	UpdateFacilitator(ctx context.Context, f *domain.Facilitator) error
	AddTraining(ctx context.Context, t *scheduling.Training) error
	Training(ctx context.Context, facilitatorID string) ([]scheduling.Training, error)
	PutClearance(ctx context.Context, c *scheduling.Clearance) error
	Clearances(ctx context.Context, programmeID string) ([]scheduling.Clearance, error)
	AddUnavailable(ctx context.Context, u scheduling.Unavailable) error
	Unavailable(ctx context.Context) ([]scheduling.Unavailable, error)
	SessionsOn(ctx context.Context, d domain.Date) ([]domain.Session, error)
	UpdateSession(ctx context.Context, x *domain.Session) error
	LinkStatements(ctx context.Context, activityID string, statementIDs []string) error
	ActivityStatements(ctx context.Context, sessionID string) (map[string][]string, error)
	UpdateParticipantRecord(ctx context.Context, p *domain.Participant) error
	SessionAttendees(ctx context.Context, sessionID string) ([]domain.Participant, error)
	PutDebrief(ctx context.Context, d *scheduling.Debrief) error
	Debriefs(ctx context.Context, programmeID, sessionID string) ([]scheduling.Debrief, error)
	AddPayment(ctx context.Context, p *scheduling.Payment) error
	Payments(ctx context.Context, programmeID string) ([]scheduling.Payment, error)
	retention.WithdrawStore
}

// errNoRunStore is a wiring mistake: the server was given a store that
// cannot run programmes.
var errNoRunStore = errors.New("web: the store does not implement runStore")

// run returns the store's programme-running side.
func (s *Server) run() (runStore, error) {
	rs, ok := s.store.(runStore)
	if !ok {
		return nil, errNoRunStore
	}
	return rs, nil
}

// manageData is the coordinator's part of the programme overview: links to
// set-up pages, debriefs that need follow-up and lapsing clearances.
type manageData struct {
	Slug      string
	Links     []Cell
	FollowUps []Cell
	Expiring  []string
}

// manageData fills the overview's management section, or nil for those
// who may not manage the programme.
func (s *Server) manageData(r *http.Request, p *domain.Programme, sessions []domain.Session) (*manageData, error) {
	actor := current(r).actor
	base := "/programmes/" + p.Slug
	m := &manageData{Slug: p.Slug, Links: []Cell{{Text: "Reach against targets", Href: base + "/reach"}}}
	if !policy.Allowed(actor, policy.Write, policy.InProgramme(policy.Programme, p.ID)) {
		return m, nil
	}
	m.Links = append(m.Links, []Cell{
		{Text: "Programme settings", Href: base + "/settings"}, {Text: "Strategic areas", Href: base + "/areas"},
		{Text: "Sites", Href: base + "/sites"}, {Text: "Peer facilitators", Href: base + "/facilitators"},
		{Text: "Add a session", Href: base + "/sessions/new"}, {Text: "Fees and expenses", Href: base + "/fees"},
		{Text: "Withdraw a participant", Href: base + "/withdraw"},
		{Text: "Export statements and votes for Polis", Href: base + "/export/polis"},
	}...)
	return m, s.addAlerts(r, p, sessions, m)
}

// addAlerts adds debriefs needing follow-up and expiring clearances.
func (s *Server) addAlerts(r *http.Request, p *domain.Programme, sessions []domain.Session, m *manageData) error {
	rs, err := s.run()
	if err != nil {
		return err
	}
	ds, err := rs.Debriefs(r.Context(), p.ID, "")
	if err != nil {
		return err
	}
	titles := sessionTitles(sessions)
	for _, d := range ds {
		if d.NeedsAttention() {
			m.FollowUps = append(m.FollowUps, Cell{Text: titles[d.SessionID] + ": " + followUpReason(d),
				Href: "/programmes/" + p.Slug + "/sessions/" + d.SessionID + "/debrief"})
		}
	}
	ws, err := s.expiring(r, p)
	for _, w := range ws {
		m.Expiring = append(m.Expiring, w.Message)
	}
	return err
}

func followUpReason(d scheduling.Debrief) string {
	if d.Wellbeing == scheduling.WellbeingStruggling {
		return "a facilitator is struggling and wants support"
	}
	return "needs follow-up"
}

func sessionTitles(ss []domain.Session) map[string]string {
	m := make(map[string]string, len(ss))
	for _, x := range ss {
		m[x.ID] = x.Title
	}
	return m
}

// expiring lists the programme's clearances and its facilitators' training
// that lapse within the warning period.
func (s *Server) expiring(r *http.Request, p *domain.Programme) ([]scheduling.Warning, error) {
	f, err := s.facts(r.Context(), p, "")
	if err != nil {
		return nil, err
	}
	rs, _ := s.run()
	training, err := rs.Training(r.Context(), "")
	if err != nil {
		return nil, err
	}
	return scheduling.Expiring(domain.DateOf(s.now()), f, training), nil
}

// facts loads what the scheduling rules need; booked sessions only when a
// date is given.
func (s *Server) facts(ctx context.Context, p *domain.Programme, on domain.Date) (scheduling.Facts, error) {
	rs, err := s.run()
	if err != nil {
		return scheduling.Facts{}, err
	}
	f := scheduling.Facts{Names: map[string]string{}, SiteNames: map[string]string{}}
	facs, err := s.store.Facilitators(ctx)
	if err != nil {
		return f, err
	}
	for _, x := range facs {
		f.Names[x.ID] = x.Name
	}
	sites, err := s.store.Sites(ctx, p.ID)
	if err != nil {
		return f, err
	}
	for _, x := range sites {
		f.SiteNames[x.ID] = x.Name
	}
	if f.Clearances, err = rs.Clearances(ctx, p.ID); err != nil {
		return f, err
	}
	if f.Unavailable, err = rs.Unavailable(ctx); err != nil {
		return f, err
	}
	if on.Valid() {
		f.Booked, err = rs.SessionsOn(ctx, on)
	}
	return f, err
}

// parseDateField reads an optional YYYY-MM-DD field, adding a problem if
// it is filled in wrongly.
func parseDateField(e *Errors, field, value, label string) domain.Date {
	value = strings.TrimSpace(value)
	if value == "" {
		return ""
	}
	d, err := domain.ParseDate(value)
	if err != nil {
		e.Add(field, "Enter "+label+" as a date in the form YYYY-MM-DD, for example 2026-09-03.")
		return domain.Date(value)
	}
	return d
}

// parseCount reads a whole number field; empty gives def.
func parseCount(e *Errors, field, value string, def int) int {
	value = strings.TrimSpace(value)
	if value == "" {
		return def
	}
	n, err := strconv.Atoi(value)
	if err != nil {
		e.Add(field, "Enter a whole number, like 110.")
	}
	return n
}

// redirectTo sends the browser on after a successful form (post, redirect,
// get), so a reload does not repeat the write.
func redirectTo(w http.ResponseWriter, r *http.Request, path string) error {
	http.Redirect(w, r, path, http.StatusSeeOther)
	return nil
}

// siteOptions lists a programme's sites for a select, with a prompt first.
func siteOptions(sites []domain.Site, prompt string) []Option {
	out := []Option{{Value: "", Text: prompt}}
	for _, x := range sites {
		out = append(out, Option{Value: x.ID, Text: x.Name})
	}
	return out
}

// facilitatorOptions lists facilitators for a select, with a prompt first.
func facilitatorOptions(fs []domain.Facilitator, prompt string) []Option {
	out := []Option{{Value: "", Text: prompt}}
	for _, x := range fs {
		out = append(out, Option{Value: x.ID, Text: x.Name})
	}
	return out
}

// sessionLinks are the session page's links to its plan, pack, attendance
// and debrief, each offered only to those the policy lets through.
func sessionLinks(actor policy.Actor, p *domain.Programme, x *domain.Session) []Cell {
	base := sessionPath(p, x)
	links := []Cell{{Text: "Plan and printable pack", Href: base + "/plan"}}
	if policy.Allowed(actor, policy.Write, policy.InProgramme(policy.Session, p.ID)) {
		links = append(links, Cell{Text: "Change the session", Href: base + "/edit"})
	}
	if policy.Allowed(actor, policy.Read, policy.OfSession(policy.SessionRecord, x)) {
		links = append(links, Cell{Text: "Attendance and consent", Href: base + "/attendance"}, Cell{Text: "Debrief", Href: base + "/debrief"})
	}
	return links
}
