package web

import (
	"net/http"

	"peervoice/auth"
	"peervoice/domain"
	"peervoice/policy"
)

// usersData is what the users page shows: the people and pending
// invitations of the programmes the actor manages (every one, for admins).
type usersData struct {
	Users       Table
	Invitations Table
	CanInvite   bool
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) error {
	st := current(r)
	if !st.canManageUsers() {
		return errNotFound
	}
	titles, err := s.programmeTitles(r)
	if err != nil {
		return err
	}
	users, err := s.userRows(r, st, titles)
	if err != nil {
		return err
	}
	invs, err := s.invitationRows(r, st, titles)
	if err != nil {
		return err
	}
	data := usersData{Users: users, Invitations: invs, CanInvite: len(s.invitableProgrammes(st, titles)) > 0 || st.user.IsAdmin}
	return s.render(w, r, "users", s.view(r, "Users", data))
}

// managed reports whether the actor may see a member of programme pid.
func managed(a policy.Actor, pid string) bool {
	return policy.Allowed(a, policy.Read, policy.InProgramme(policy.Members, pid))
}

// userRows lists each user with a role the actor may see.
func (s *Server) userRows(r *http.Request, st *state, titles map[string]string) (Table, error) {
	t := Table{Caption: "People", Head: []Cell{{Text: "Name"}, {Text: "Email address"}, {Text: "Roles"}}}
	users, err := s.accounts.Users(r.Context())
	if err != nil {
		return t, err
	}
	all := policy.Allowed(st.actor, policy.Read, policy.Resource{Kind: policy.Users})
	for i := range users {
		ms, err := s.store.Memberships(r.Context(), users[i].ID)
		if err != nil {
			return t, err
		}
		visible := visibleMemberships(st.actor, ms, all)
		if !all && len(visible) == 0 {
			continue
		}
		t.Rows = append(t.Rows, []Cell{{Text: users[i].Name}, {Text: users[i].Email}, {Text: describeRoles(&users[i], visible, titles)}})
	}
	return t, nil
}

func visibleMemberships(a policy.Actor, ms []domain.Membership, all bool) []domain.Membership {
	var out []domain.Membership
	for _, m := range ms {
		if all || managed(a, m.ProgrammeID) {
			out = append(out, m)
		}
	}
	return out
}

// invitationRows lists unused invitations the actor may see.
func (s *Server) invitationRows(r *http.Request, st *state, titles map[string]string) (Table, error) {
	t := Table{Caption: "Invitations not yet accepted", Head: []Cell{{Text: "Email address"}, {Text: "Role"}, {Text: "Expires"}}}
	invs, err := s.accounts.Invitations(r.Context())
	if err != nil {
		return t, err
	}
	now := s.now()
	for _, inv := range invs {
		if !inv.Usable(now) || !invitationVisible(st, inv) {
			continue
		}
		role := roleLabel(inv.Role)
		if !inv.IsAdmin {
			role += " in " + titles[inv.ProgrammeID]
		}
		t.Rows = append(t.Rows, []Cell{{Text: inv.Email}, {Text: role}, {Text: inv.ExpiresAt.Format("2 January 2006 15:04")}})
	}
	return t, nil
}

func invitationVisible(st *state, inv auth.Invitation) bool {
	if inv.IsAdmin {
		return st.user.IsAdmin
	}
	return managed(st.actor, inv.ProgrammeID)
}
