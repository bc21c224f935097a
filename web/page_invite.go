package web

import (
	"net/http"
	"sort"
	"strings"

	"peervoice/audit"
	"peervoice/auth"
	"peervoice/domain"
	"peervoice/policy"
)

// resourceInvitation names invitations in the audit log.
const resourceInvitation = "invitation"

// adminRole is the form value for inviting a global admin.
const adminRole = "admin"

// inviteData is what the invitation form shows, and afterwards the link.
type inviteData struct {
	Form       inviteForm
	Programmes []Option
	Roles      []Option
	Link       string
}

// inviteForm is what the invitation form sends.
type inviteForm struct {
	Email, Programme, Role string
}

func readInviteForm(r *http.Request) inviteForm {
	return inviteForm{Email: strings.TrimSpace(r.PostFormValue("email")), Programme: r.PostFormValue("programme"),
		Role: r.PostFormValue("role")}
}

// Validate checks the form's own rules; the handler checks the actor may
// invite to the chosen programme.
func (f inviteForm) Validate() *Errors {
	e := &Errors{}
	if err := auth.CheckInvitation(f.Email, f.Programme, f.role(), f.Role == adminRole); err != nil {
		e.addDomain(err, "email")
	}
	return e
}

func (f inviteForm) role() domain.Role {
	if f.Role == adminRole {
		return ""
	}
	return domain.Role(f.Role)
}

// invitableProgrammes lists the programmes the actor may invite people to.
func (s *Server) invitableProgrammes(st *state, titles map[string]string) []Option {
	var out []Option
	for id, title := range titles {
		if policy.Allowed(st.actor, policy.Write, policy.InProgramme(policy.Members, id)) {
			out = append(out, Option{Value: id, Text: title})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Text < out[j].Text })
	return out
}

func (s *Server) inviteData(r *http.Request, f inviteForm) (inviteData, error) {
	st := current(r)
	titles, err := s.programmeTitles(r)
	if err != nil {
		return inviteData{}, err
	}
	d := inviteData{Form: f, Programmes: s.invitableProgrammes(st, titles)}
	for _, role := range domain.Roles {
		d.Roles = append(d.Roles, Option{Value: string(role), Text: roleLabel(role)})
	}
	if policy.Allowed(st.actor, policy.Write, policy.Resource{Kind: policy.Users}) {
		d.Roles = append(d.Roles, Option{Value: adminRole, Text: "Admin (every programme, and accounts)"})
	}
	if len(d.Programmes) == 0 && len(d.Roles) <= len(domain.Roles) {
		return d, errNotFound
	}
	return d, nil
}

func (s *Server) invitePage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.inviteData(r, inviteForm{})
	if err != nil {
		return err
	}
	v := s.view(r, "Invite a user", d)
	v.Back = "/users"
	return s.render(w, r, "invite", v)
}

func (s *Server) invite(w http.ResponseWriter, r *http.Request) error {
	f := readInviteForm(r)
	d, err := s.inviteData(r, f)
	if err != nil {
		return err
	}
	v := s.view(r, "Invite a user", d)
	v.Back = "/users"
	if v.Errors = f.Validate(); !v.Errors.Any() && !s.mayInvite(current(r), f) {
		v.Errors.Add("programme", "Choose a programme you coordinate.")
	}
	if v.Errors.Any() {
		return s.render(w, r, "invite", v)
	}
	token, err := s.createInvitation(r, f)
	if err != nil {
		return err
	}
	d.Form, d.Link = inviteForm{}, baseURL(r)+auth.InvitationPath(token)
	v.Data = d
	v.Banner = &Banner{Success: true, Heading: "Invitation created for " + f.Email, Text: "Send them this link. It works once and expires in 7 days."}
	return s.render(w, r, "invite", v)
}

// mayInvite is the policy check for the chosen programme or admin role.
func (s *Server) mayInvite(st *state, f inviteForm) bool {
	if f.Role == adminRole {
		return policy.Allowed(st.actor, policy.Write, policy.Resource{Kind: policy.Users})
	}
	return policy.Allowed(st.actor, policy.Write, policy.InProgramme(policy.Members, f.Programme))
}

func (s *Server) createInvitation(r *http.Request, f inviteForm) (string, error) {
	programme := f.Programme
	if f.Role == adminRole {
		programme = ""
	}
	inv, token, err := auth.NewInvitation(f.Email, programme, f.role(), f.Role == adminRole, current(r).user.ID, s.now())
	if err != nil {
		return "", err
	}
	if err := s.accounts.CreateInvitation(r.Context(), inv); err != nil {
		return "", err
	}
	return token, s.record(r, audit.ActionCreate, resourceInvitation, inv.Email, programme)
}
