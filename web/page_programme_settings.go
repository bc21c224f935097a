package web

import (
	"net/http"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/policy"
)

// programmeSettingsData is the form for a programme's settings.
type programmeSettingsData struct {
	Programme *domain.Programme
	Form      programmeForm
}

func (s *Server) programmeSettingsPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Write, policy.Programme)
	if err != nil {
		return err
	}
	return s.renderSettings(w, r, p, formOf(p), nil)
}

func (s *Server) renderSettings(w http.ResponseWriter, r *http.Request, p *domain.Programme, f programmeForm, e *Errors) error {
	v := s.view(r, "Settings: "+p.Title, programmeSettingsData{Programme: p, Form: f})
	v.Back = "/programmes/" + p.Slug
	if e != nil {
		v.Errors = e
	}
	return s.render(w, r, "programme-settings", v)
}

func (s *Server) programmeSettingsSave(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Write, policy.Programme)
	if err != nil {
		return err
	}
	rs, err := s.run()
	if err != nil {
		return err
	}
	f := readProgrammeForm(r)
	f.Slug, f.Template = p.Slug, p.Template
	updated, e := f.apply(*p)
	if e.Any() {
		return s.renderSettings(w, r, p, f, e)
	}
	if err := rs.UpdateProgramme(r.Context(), &updated); err != nil {
		return err
	}
	if err := s.record(r, audit.ActionUpdate, resourceProgramme, p.ID, p.ID); err != nil {
		return err
	}
	return redirectTo(w, r, "/programmes/"+p.Slug)
}
