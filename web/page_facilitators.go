package web

import (
	"net/http"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/policy"
	"peervoice/scheduling"
)

// resourceFacilitator names facilitator records in the audit log.
const resourceFacilitator = "facilitator"

// facilitatorsData lists the peer facilitators with their clearances for
// the programme's sites, lapsing clearances and training, and a form to add
// a facilitator.
type facilitatorsData struct {
	Programme    *domain.Programme
	Facilitators Table
	Expiring     []string
	Form         profileForm
}

// profileForm is a facilitator's profile. LivedExperience is the private
// note only coordinators see.
type profileForm struct {
	Name, Email, LivedExperience string
}

func readProfileForm(r *http.Request) profileForm {
	return profileForm{Name: strings.TrimSpace(r.PostFormValue("name")), Email: strings.ToLower(strings.TrimSpace(r.PostFormValue("email"))),
		LivedExperience: strings.TrimSpace(r.PostFormValue("lived_experience"))}
}

// Validate checks the profile's own rules, keyed by the form's fields.
func (f profileForm) Validate() *Errors {
	e := &Errors{}
	x := f.facilitator("")
	if err := x.Validate(); err != nil {
		e.addDomain(err, "name")
	}
	return e
}

func (f profileForm) facilitator(id string) domain.Facilitator {
	return domain.Facilitator{ID: id, Name: f.Name, Email: f.Email, LivedExperience: f.LivedExperience}
}

func (s *Server) facilitatorsPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Read, policy.Facilitation)
	if err != nil {
		return err
	}
	return s.renderFacilitators(w, r, p, profileForm{}, nil)
}

func (s *Server) renderFacilitators(w http.ResponseWriter, r *http.Request, p *domain.Programme, f profileForm, e *Errors) error {
	d, err := s.facilitatorsData(r, p)
	if err != nil {
		return err
	}
	d.Form = f
	v := s.view(r, "Peer facilitators: "+p.Title, d)
	v.Back = "/programmes/" + p.Slug
	if e != nil {
		v.Errors = e
	}
	return s.render(w, r, "facilitators", v)
}

func (s *Server) facilitatorsData(r *http.Request, p *domain.Programme) (facilitatorsData, error) {
	d := facilitatorsData{Programme: p}
	facs, err := s.store.Facilitators(r.Context())
	if err != nil {
		return d, err
	}
	facts, err := s.facts(r.Context(), p, "")
	if err != nil {
		return d, err
	}
	ws, err := s.expiring(r, p)
	if err != nil {
		return d, err
	}
	for _, w := range ws {
		d.Expiring = append(d.Expiring, w.Message)
	}
	today := domain.DateOf(s.now())
	d.Facilitators = Table{Caption: "Peer facilitators", Head: []Cell{{Text: "Name"}, {Text: "Email"}, {Text: "Cleared today for"}}}
	for _, x := range facs {
		d.Facilitators.Rows = append(d.Facilitators.Rows, []Cell{{Text: x.Name, Href: "/programmes/" + p.Slug + "/facilitators/" + x.ID},
			{Text: x.Email}, {Text: clearedFor(facts, x.ID, today)}})
	}
	return d, nil
}

// clearedFor names the programme's sites a facilitator may enter today.
func clearedFor(f scheduling.Facts, facID string, today domain.Date) string {
	var names []string
	for _, c := range f.Clearances {
		if c.FacilitatorID == facID && c.ValidOn(today) {
			names = append(names, f.SiteNames[c.SiteID])
		}
	}
	if len(names) == 0 {
		return "No sites"
	}
	return strings.Join(names, ", ")
}

func (s *Server) facilitatorCreate(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Write, policy.Facilitation)
	if err != nil {
		return err
	}
	f := readProfileForm(r)
	if e := f.Validate(); e.Any() {
		return s.renderFacilitators(w, r, p, f, e)
	}
	x := f.facilitator("")
	err = s.store.CreateFacilitator(r.Context(), &x)
	if domain.ErrorCode(err) == domain.EConflict {
		e := &Errors{}
		e.Add("email", "A facilitator with this email address already exists.")
		return s.renderFacilitators(w, r, p, f, e)
	}
	if err != nil {
		return err
	}
	if err := s.record(r, audit.ActionCreate, resourceFacilitator, x.ID, p.ID); err != nil {
		return err
	}
	return redirectTo(w, r, "/programmes/"+p.Slug+"/facilitators/"+x.ID)
}
