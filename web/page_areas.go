package web

import (
	"net/http"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/policy"
)

// resourceArea names strategic areas in the audit log.
const resourceArea = "strategic_area"

// areasData is the strategic areas form: each existing area, and one new.
type areasData struct {
	Programme *domain.Programme
	Areas     []areaForm
	New       areaForm
}

// areaForm is one area's fields; Questions are one per line.
type areaForm struct {
	ID, Key, Name, Questions string
}

func areaFormOf(a domain.StrategicArea) areaForm {
	return areaForm{ID: a.ID, Key: a.Key, Name: a.Name, Questions: strings.Join(a.Questions, "\n")}
}

// questions splits the textarea into one question a line, dropping blanks.
func (f areaForm) questions() []string {
	var out []string
	for _, l := range strings.Split(f.Questions, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (s *Server) areasPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Write, policy.Programme)
	if err != nil {
		return err
	}
	areas, err := s.store.Areas(r.Context(), p.ID)
	if err != nil {
		return err
	}
	d := areasData{Programme: p}
	for _, a := range areas {
		d.Areas = append(d.Areas, areaFormOf(a))
	}
	return s.renderAreas(w, r, d, nil)
}

func (s *Server) renderAreas(w http.ResponseWriter, r *http.Request, d areasData, e *Errors) error {
	v := s.view(r, "Strategic areas: "+d.Programme.Title, d)
	v.Back = "/programmes/" + d.Programme.Slug
	if e != nil {
		v.Errors = e
	}
	return s.render(w, r, "areas", v)
}

// readAreas reads the posted form for the stored areas (matched by
// position, so a forged ID cannot reach another programme's area).
func readAreas(r *http.Request, stored []domain.StrategicArea) ([]domain.StrategicArea, areasData) {
	var d areasData
	out := make([]domain.StrategicArea, len(stored))
	for i, a := range stored {
		f := areaForm{ID: a.ID, Key: a.Key, Name: strings.TrimSpace(r.PostFormValue(areaField(i, "name"))),
			Questions: r.PostFormValue(areaField(i, "questions"))}
		d.Areas = append(d.Areas, f)
		a.Name, a.Questions = f.Name, f.questions()
		out[i] = a
	}
	d.New = areaForm{Name: strings.TrimSpace(r.PostFormValue("new_name")), Questions: r.PostFormValue("new_questions")}
	return out, d
}

func areaField(i int, what string) string { return "area-" + itoa(i) + "-" + what }

// Validate checks every area; the problems are keyed by the form's fields.
func (d areasData) Validate(areas []domain.StrategicArea) *Errors {
	e := &Errors{}
	for i := range areas {
		if err := areas[i].Validate(); err != nil {
			if de, ok := asDomain(err); ok {
				for f, m := range de.Fields {
					e.Add(areaField(i, areaFieldOf(f)), m)
				}
			}
		}
	}
	if d.New.Name == "" && strings.TrimSpace(d.New.Questions) != "" {
		e.Add("new_name", "Enter a name for the new area.")
	}
	if len(areas) == 0 && d.New.Name == "" {
		e.Add("new_name", "Enter a name for the programme's first strategic area.")
	}
	return e
}

// areaFieldOf maps an area's validation field onto the form's.
func areaFieldOf(f string) string {
	if f == "questions" {
		return "questions"
	}
	return "name"
}

func (s *Server) areasSave(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Write, policy.Programme)
	if err != nil {
		return err
	}
	stored, err := s.store.Areas(r.Context(), p.ID)
	if err != nil {
		return err
	}
	areas, d := readAreas(r, stored)
	d.Programme = p
	if e := d.Validate(areas); e.Any() {
		return s.renderAreas(w, r, d, e)
	}
	if err := s.saveAreas(r, p, areas, d.New); err != nil {
		if de, ok := asDomain(err); ok && de.Code != domain.EInternal {
			e := &Errors{}
			e.Add("new_name", domain.ErrorMessage(err))
			return s.renderAreas(w, r, d, e)
		}
		return err
	}
	return redirectTo(w, r, "/programmes/"+p.Slug+"/areas")
}

// saveAreas writes the edited areas and the new one in one transaction.
func (s *Server) saveAreas(r *http.Request, p *domain.Programme, areas []domain.StrategicArea, nf areaForm) error {
	rs, err := s.run()
	if err != nil {
		return err
	}
	for i := range areas {
		if err := rs.UpdateArea(r.Context(), &areas[i]); err != nil {
			return err
		}
	}
	if nf.Name != "" {
		a := domain.StrategicArea{Key: areaKey(nf.Name, areas), Name: nf.Name, Questions: nf.questions()}
		if err := rs.AddArea(r.Context(), p.ID, &a); err != nil {
			return err
		}
	}
	return s.record(r, audit.ActionUpdate, resourceArea, p.ID, p.ID)
}

// areaKey makes a short key from a name ("Use of data" -> "use_of_data"),
// unique among the programme's areas.
func areaKey(name string, existing []domain.StrategicArea) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9' && b.Len() > 0:
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	key := strings.Trim(b.String(), "_")
	if len(key) > 30 {
		key = strings.Trim(key[:30], "_")
	}
	if key == "" {
		key = "area"
	}
	return uniqueKey(key, existing)
}

func uniqueKey(key string, existing []domain.StrategicArea) string {
	taken := map[string]bool{}
	for _, a := range existing {
		taken[a.Key] = true
	}
	k := key
	for n := 2; taken[k]; n++ {
		k = key + "_" + itoa(n)
	}
	return k
}
