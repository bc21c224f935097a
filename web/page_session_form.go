package web

import (
	"net/http"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/policy"
	"peervoice/scheduling"
)

// sessionFormData is the form to add or change a session.
type sessionFormData struct {
	Programme    *domain.Programme
	Form         sessionForm
	Sites        []Option
	Facilitators []Option
	Leads        []Option
	Statuses     []Option
	Action       string
}

// sessionForm is what the session form sends.
type sessionForm struct {
	ID, Title, SiteID, Date, StartTime, EndTime string
	Lead, Co, TargetGroup, Status               string
}

func readSessionForm(r *http.Request) sessionForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return sessionForm{Title: v("title"), SiteID: v("site_id"), Date: v("date"), StartTime: v("start_time"), EndTime: v("end_time"),
		Lead: v("lead_facilitator_id"), Co: v("co_facilitator_id"), TargetGroup: v("target_group"), Status: v("status")}
}

func sessionFormOf(x *domain.Session) sessionForm {
	return sessionForm{ID: x.ID, Title: x.Title, SiteID: x.SiteID, Date: string(x.Date), StartTime: x.StartTime, EndTime: x.EndTime,
		Lead: x.LeadFacilitatorID, Co: x.CoFacilitatorID, TargetGroup: x.TargetGroup, Status: string(x.Status)}
}

func (f sessionForm) session(p *domain.Programme, e *Errors) domain.Session {
	return domain.Session{ID: f.ID, ProgrammeID: p.ID, Title: f.Title, SiteID: f.SiteID,
		Date: parseDateField(e, "date", f.Date, "the date"), StartTime: f.StartTime, EndTime: f.EndTime,
		LeadFacilitatorID: f.Lead, CoFacilitatorID: f.Co, TargetGroup: f.TargetGroup, Status: domain.SessionStatus(f.Status)}
}

// Validate checks the session's own rules (including the programme's
// dates), that its site is the programme's, then the scheduling rules.
func (f sessionForm) Validate(p *domain.Programme, sites []domain.Site, facts scheduling.Facts) (domain.Session, *Errors) {
	e := &Errors{}
	x := f.session(p, e)
	if _, ok := findSite(sites, x.SiteID); x.SiteID != "" && !ok {
		e.Add("site_id", "Choose one of the programme's sites.")
	}
	if err := x.Validate(p); err != nil {
		e.addDomain(err, "title")
	}
	for _, id := range []string{x.LeadFacilitatorID, x.CoFacilitatorID} {
		if _, ok := facts.Names[id]; id != "" && !ok {
			e.Add("lead_facilitator_id", "Choose facilitators from the list.")
		}
	}
	for field, msg := range scheduling.Check(x, facts) {
		e.Add(field, msg)
	}
	return x, e
}

func sessionStatusOptions() []Option {
	return []Option{{Value: string(domain.SessionPlanned), Text: "Planned"}, {Value: string(domain.SessionDelivered), Text: "Delivered"},
		{Value: string(domain.SessionCancelled), Text: "Cancelled"}}
}

func (s *Server) sessionFormData(r *http.Request, p *domain.Programme, f sessionForm, action string) (sessionFormData, []domain.Site, error) {
	d := sessionFormData{Programme: p, Form: f, Statuses: sessionStatusOptions(), Action: action}
	sites, err := s.store.Sites(r.Context(), p.ID)
	if err != nil {
		return d, nil, err
	}
	facs, err := s.store.Facilitators(r.Context())
	if err != nil {
		return d, nil, err
	}
	d.Sites = siteOptions(sites, "Choose a site")
	d.Leads = facilitatorOptions(facs, "Choose the lead facilitator")
	d.Facilitators = facilitatorOptions(facs, "Choose the co-facilitator")
	return d, sites, nil
}

func (s *Server) renderSessionForm(w http.ResponseWriter, r *http.Request, d sessionFormData, e *Errors) error {
	title := "Add a session"
	if d.Form.ID != "" {
		title = "Change the session"
	}
	v := s.view(r, title, d)
	v.Back = "/programmes/" + d.Programme.Slug
	if e != nil {
		v.Errors = e
	}
	return s.render(w, r, "session-form", v)
}

func (s *Server) sessionNewPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Write, policy.Session)
	if err != nil {
		return err
	}
	d, _, err := s.sessionFormData(r, p, sessionForm{Status: string(domain.SessionPlanned), StartTime: "09:30"}, "/programmes/"+p.Slug+"/sessions/new")
	if err != nil {
		return err
	}
	return s.renderSessionForm(w, r, d, nil)
}

func (s *Server) sessionCreate(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Write, policy.Session)
	if err != nil {
		return err
	}
	return s.saveSessionForm(w, r, p, readSessionForm(r), "/programmes/"+p.Slug+"/sessions/new")
}

// editableSession loads the session in the URL for someone who may change
// it. With programmeWide, only those who may change any session (the
// coordinators, who schedule facilitators) pass; otherwise the session's
// own facilitators do too.
func (s *Server) editableSession(r *http.Request, programmeWide bool) (*domain.Programme, *domain.Session, error) {
	p, x, err := s.visibleSession(r, policy.Session)
	if err != nil {
		return nil, nil, err
	}
	res := policy.OfSession(policy.Session, x)
	if programmeWide {
		res = policy.InProgramme(policy.Session, p.ID)
	}
	if !policy.Allowed(current(r).actor, policy.Write, res) {
		return nil, nil, errNotFound
	}
	return p, x, nil
}

func (s *Server) sessionEditPage(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.editableSession(r, true)
	if err != nil {
		return err
	}
	d, _, err := s.sessionFormData(r, p, sessionFormOf(x), sessionPath(p, x)+"/edit")
	if err != nil {
		return err
	}
	return s.renderSessionForm(w, r, d, nil)
}

func (s *Server) sessionUpdate(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.editableSession(r, true)
	if err != nil {
		return err
	}
	f := readSessionForm(r)
	f.ID = x.ID
	return s.saveSessionForm(w, r, p, f, sessionPath(p, x)+"/edit")
}

func sessionPath(p *domain.Programme, x *domain.Session) string {
	return "/programmes/" + p.Slug + "/sessions/" + x.ID
}

// saveSessionForm validates the form against the rules and saves it.
func (s *Server) saveSessionForm(w http.ResponseWriter, r *http.Request, p *domain.Programme, f sessionForm, action string) error {
	d, sites, err := s.sessionFormData(r, p, f, action)
	if err != nil {
		return err
	}
	facts, err := s.facts(r.Context(), p, domain.Date(f.Date))
	if err != nil {
		return err
	}
	x, e := f.Validate(p, sites, facts)
	if e.Any() {
		return s.renderSessionForm(w, r, d, e)
	}
	if err := s.storeSession(r, &x); err != nil {
		return err
	}
	return redirectTo(w, r, sessionPath(p, &x)+"/plan")
}

func (s *Server) storeSession(r *http.Request, x *domain.Session) error {
	action := audit.ActionUpdate
	if x.ID == "" {
		action = audit.ActionCreate
		if err := s.store.CreateSession(r.Context(), x); err != nil {
			return err
		}
	} else {
		rs, err := s.run()
		if err != nil {
			return err
		}
		if err := rs.UpdateSession(r.Context(), x); err != nil {
			return err
		}
	}
	return s.record(r, action, audit.ResourceSession, x.ID, x.ProgrammeID)
}
