package web

import (
	"net/http"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/policy"
	"peervoice/scheduling"
)

// resourceDebrief names debriefs in the audit log.
const resourceDebrief = "debrief"

// debriefData is the debrief form for one session.
type debriefData struct {
	Programme *domain.Programme
	Session   *domain.Session
	Form      debriefForm
	Wellbeing []Option
	FollowUp  []Option
	Recorded  string
}

// debriefForm is what the debrief form sends.
type debriefForm struct {
	HowItWent, Wellbeing, FollowUp, Notes string
}

func readDebriefForm(r *http.Request) debriefForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return debriefForm{HowItWent: v("how_it_went"), Wellbeing: v("wellbeing"), FollowUp: v("follow_up"), Notes: v("notes")}
}

// Validate checks the debrief's rules, keyed by the form's fields.
func (f debriefForm) Validate(sessionID string) (scheduling.Debrief, *Errors) {
	e := &Errors{}
	d := scheduling.Debrief{SessionID: sessionID, HowItWent: f.HowItWent, Wellbeing: scheduling.Wellbeing(f.Wellbeing),
		FollowUp: f.FollowUp == "yes", Notes: f.Notes}
	if err := d.Validate(); err != nil {
		e.addDomain(err, "how_it_went")
	}
	if f.FollowUp != "yes" && f.FollowUp != "no" {
		e.Add("follow_up", "Say whether the coordinator needs to follow anything up.")
	}
	return d, e
}

func debriefFormOf(d scheduling.Debrief) debriefForm {
	f := debriefForm{HowItWent: d.HowItWent, Wellbeing: string(d.Wellbeing), FollowUp: "no", Notes: d.Notes}
	if d.FollowUp {
		f.FollowUp = "yes"
	}
	return f
}

func (s *Server) debriefPage(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.recordableSession(r, policy.Read)
	if err != nil {
		return err
	}
	rs, err := s.run()
	if err != nil {
		return err
	}
	ds, err := rs.Debriefs(r.Context(), p.ID, x.ID)
	if err != nil {
		return err
	}
	f, recorded := debriefForm{}, ""
	if len(ds) == 1 {
		f, recorded = debriefFormOf(ds[0]), "Last saved on "+formatDate(domain.DateOf(ds[0].RecordedAt))+"."
	}
	return s.renderDebrief(w, r, p, x, f, recorded, nil)
}

func (s *Server) renderDebrief(w http.ResponseWriter, r *http.Request, p *domain.Programme, x *domain.Session, f debriefForm, recorded string, e *Errors) error {
	d := debriefData{Programme: p, Session: x, Form: f, Recorded: recorded,
		FollowUp: []Option{{Value: "yes", Text: "Yes: alert the coordinator"}, {Value: "no", Text: "No"}}}
	for _, o := range scheduling.WellbeingOptions {
		d.Wellbeing = append(d.Wellbeing, Option{Value: string(o.Value), Text: o.Label})
	}
	v := s.view(r, "Debrief: "+x.Title, d)
	v.Back = sessionPath(p, x)
	if e != nil {
		v.Errors = e
	}
	return s.render(w, r, "debrief", v)
}

func (s *Server) debriefSave(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.recordableSession(r, policy.Write)
	if err != nil {
		return err
	}
	f := readDebriefForm(r)
	d, e := f.Validate(x.ID)
	if e.Any() {
		return s.renderDebrief(w, r, p, x, f, "", e)
	}
	rs, err := s.run()
	if err != nil {
		return err
	}
	d.RecordedBy = current(r).user.ID
	if err := rs.PutDebrief(r.Context(), &d); err != nil {
		return err
	}
	if err := s.record(r, audit.ActionUpdate, resourceDebrief, x.ID, p.ID); err != nil {
		return err
	}
	return redirectTo(w, r, sessionPath(p, x))
}
