package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"peervoice/domain"
	"peervoice/policy"
)

func itoa(n int) string { return strconv.Itoa(n) }

// roleLabels are the roles as people say them.
var roleLabels = map[domain.Role]string{
	domain.RoleCoordinator:      "Coordinator",
	domain.RoleFacilitator:      "Peer facilitator",
	domain.RoleAnalyst:          "Analyst",
	domain.RoleSafeguardingLead: "Safeguarding lead",
	domain.RoleDecisionMaker:    "Decision-maker",
}

// roleLabel names a role, or "Admin" for the global admin ("").
func roleLabel(r domain.Role) string {
	if r == "" {
		return "Admin"
	}
	if l, ok := roleLabels[r]; ok {
		return l
	}
	return string(r)
}

// programmeTitles maps programme IDs to titles.
func (s *Server) programmeTitles(r *http.Request) (map[string]string, error) {
	ps, err := s.store.Programmes(r.Context())
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		m[p.ID] = p.Title
	}
	return m, nil
}

// roleSummary describes a user's roles in words.
func (s *Server) roleSummary(r *http.Request, st *state) (string, error) {
	titles, err := s.programmeTitles(r)
	if err != nil {
		return "", err
	}
	return describeRoles(st.user, st.memberships, titles), nil
}

func describeRoles(u *domain.User, ms []domain.Membership, titles map[string]string) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, roleLabel(m.Role)+" in "+titles[m.ProgrammeID])
	}
	sort.Strings(parts)
	if u.IsAdmin {
		parts = append([]string{"Admin"}, parts...)
	}
	if len(parts) == 0 {
		return "None yet"
	}
	return strings.Join(parts, "; ")
}

// visibleProgramme loads a programme by slug, or not found if it does not
// exist or the actor may not do action to kind in it. Both look the same.
func (s *Server) visibleProgramme(r *http.Request, action policy.Action, kind policy.Kind) (*domain.Programme, error) {
	p, err := s.store.ProgrammeBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	if !policy.Allowed(current(r).actor, action, policy.InProgramme(kind, p.ID)) {
		return nil, errNotFound
	}
	return p, nil
}

// baseURL is the scheme and host the request came in on, for links that
// are sent to people.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
