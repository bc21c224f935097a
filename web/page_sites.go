package web

import (
	"net/http"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/policy"
)

// resourceSite names sites in the audit log.
const resourceSite = "site"

// sitesData lists a programme's sites, with a form to add one or edit the
// one named by ?id=.
type sitesData struct {
	Programme *domain.Programme
	Sites     Table
	Form      siteForm
	Types     []Option
	Editing   bool
}

// siteForm is what the site form sends.
type siteForm struct {
	ID, Name, Type, Region, Contact, SecurityNotes string
}

func readSiteForm(r *http.Request) siteForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return siteForm{ID: v("id"), Name: v("name"), Type: v("type"), Region: v("region"), Contact: v("contact"),
		SecurityNotes: v("security_notes")}
}

func (f siteForm) site(programmeID string) domain.Site {
	return domain.Site{ID: f.ID, ProgrammeID: programmeID, Name: f.Name, Type: domain.SiteType(f.Type), Region: f.Region,
		Contact: f.Contact, SecurityNotes: f.SecurityNotes}
}

// Validate checks the site's own rules, keyed by the form's fields.
func (f siteForm) Validate(programmeID string) *Errors {
	e := &Errors{}
	x := f.site(programmeID)
	if err := x.Validate(); err != nil {
		e.addDomain(err, "name")
	}
	return e
}

func siteTypeOptions() []Option {
	var out []Option
	for _, t := range domain.SiteTypes {
		out = append(out, Option{Value: string(t.Type), Text: t.Label})
	}
	return out
}

func (s *Server) sitesPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Write, policy.Programme)
	if err != nil {
		return err
	}
	sites, err := s.store.Sites(r.Context(), p.ID)
	if err != nil {
		return err
	}
	f := siteForm{}
	if id := r.URL.Query().Get("id"); id != "" {
		x, ok := findSite(sites, id)
		if !ok {
			return errNotFound
		}
		f = siteForm{ID: x.ID, Name: x.Name, Type: string(x.Type), Region: x.Region, Contact: x.Contact, SecurityNotes: x.SecurityNotes}
	}
	return s.renderSites(w, r, p, sites, f, nil)
}

func findSite(sites []domain.Site, id string) (domain.Site, bool) {
	for _, x := range sites {
		if x.ID == id {
			return x, true
		}
	}
	return domain.Site{}, false
}

func (s *Server) renderSites(w http.ResponseWriter, r *http.Request, p *domain.Programme, sites []domain.Site, f siteForm, e *Errors) error {
	d := sitesData{Programme: p, Form: f, Types: siteTypeOptions(), Editing: f.ID != ""}
	d.Sites = Table{Caption: "Sites", Head: []Cell{{Text: "Site"}, {Text: "Type"}, {Text: "Region"}, {Text: "Security notes"}}}
	for _, x := range sites {
		d.Sites.Rows = append(d.Sites.Rows, []Cell{{Text: x.Name, Href: "/programmes/" + p.Slug + "/sites?id=" + x.ID},
			{Text: x.Type.Label()}, {Text: x.Region}, {Text: x.SecurityNotes}})
	}
	v := s.view(r, "Sites: "+p.Title, d)
	v.Back = "/programmes/" + p.Slug
	if e != nil {
		v.Errors = e
	}
	return s.render(w, r, "sites", v)
}

func (s *Server) sitesSave(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Write, policy.Programme)
	if err != nil {
		return err
	}
	sites, err := s.store.Sites(r.Context(), p.ID)
	if err != nil {
		return err
	}
	f := readSiteForm(r)
	if _, ok := findSite(sites, f.ID); f.ID != "" && !ok {
		return errNotFound
	}
	if e := f.Validate(p.ID); e.Any() {
		return s.renderSites(w, r, p, sites, f, e)
	}
	err = s.saveSite(r, f.site(p.ID))
	if domain.ErrorCode(err) == domain.EConflict {
		e := &Errors{}
		e.Add("name", "The programme already has a site called "+f.Name+".")
		return s.renderSites(w, r, p, sites, f, e)
	}
	if err != nil {
		return err
	}
	return redirectTo(w, r, "/programmes/"+p.Slug+"/sites")
}

func (s *Server) saveSite(r *http.Request, x domain.Site) error {
	action := audit.ActionCreate
	if x.ID == "" {
		if err := s.store.CreateSite(r.Context(), &x); err != nil {
			return err
		}
	} else {
		rs, err := s.run()
		if err != nil {
			return err
		}
		if err := rs.UpdateSite(r.Context(), &x); err != nil {
			return err
		}
		action = audit.ActionUpdate
	}
	return s.record(r, action, resourceSite, x.ID, x.ProgrammeID)
}
