package web

import (
	"net/http"

	"peervoice/domain"
	"peervoice/policy"
)

// programmesData lists the programmes the user may see.
type programmesData struct {
	Programmes Table
	// CanCreate offers the link to set up a programme.
	CanCreate bool
}

func (s *Server) programmesPage(w http.ResponseWriter, r *http.Request) error {
	ps, err := s.visibleProgrammes(r)
	if err != nil {
		return err
	}
	st := current(r)
	t := Table{Caption: "Your programmes", Head: []Cell{{Text: "Programme"}, {Text: "Dates"}, {Text: "Your role"}}}
	for _, p := range ps {
		t.Rows = append(t.Rows, []Cell{
			{Text: p.Title, Href: "/programmes/" + p.Slug},
			{Text: formatDate(p.StartDate) + " to " + formatDate(p.EndDate)},
			{Text: rolesIn(st, p.ID)},
		})
	}
	d := programmesData{Programmes: t, CanCreate: policy.MayCreateProgramme(st.actor)}
	return s.render(w, r, "programmes", s.view(r, "Programmes", d))
}

// visibleProgrammes lists the programmes the actor may read.
func (s *Server) visibleProgrammes(r *http.Request) ([]domain.Programme, error) {
	all, err := s.store.Programmes(r.Context())
	if err != nil {
		return nil, err
	}
	actor := current(r).actor
	var out []domain.Programme
	for _, p := range all {
		if policy.Allowed(actor, policy.Read, policy.InProgramme(policy.Programme, p.ID)) {
			out = append(out, p)
		}
	}
	return out, nil
}

// rolesIn names the user's roles in one programme.
func rolesIn(st *state, programmeID string) string {
	out := ""
	if st.user.IsAdmin {
		out = "Admin"
	}
	for _, r := range st.actor.Roles[programmeID] {
		if out != "" {
			out += ", "
		}
		out += roleLabel(r)
	}
	return out
}

// formatDate writes a date the GOV.UK way: 17 August 2026.
func formatDate(d domain.Date) string {
	if !d.Valid() {
		return string(d)
	}
	return d.Time().Format("2 January 2006")
}
