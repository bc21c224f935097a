package web

import (
	"net/http"
	"strings"

	"peervoice/audit"
	"peervoice/auth"
	"peervoice/domain"
)

// invitationData is what the accept-invitation page shows.
type invitationData struct {
	Email string
	Role  string
	Name  string
}

// acceptForm is what the accept-invitation form sends.
type acceptForm struct {
	Name, Password, Confirm string
}

func readAcceptForm(r *http.Request) acceptForm {
	return acceptForm{Name: strings.TrimSpace(r.PostFormValue("name")), Password: r.PostFormValue("password"),
		Confirm: r.PostFormValue("confirm_password")}
}

// Validate checks the name and the password policy.
func (f acceptForm) Validate() *Errors {
	e := &Errors{}
	if f.Name == "" {
		e.Add("name", "Enter your name.")
	} else if len(f.Name) > 200 {
		e.Add("name", "Your name must be 200 characters or fewer.")
	}
	if err := auth.CheckPasswordPolicy(f.Password); err != nil {
		e.addDomain(err, "password")
	} else if f.Password != f.Confirm {
		e.Add("confirm_password", "The passwords do not match.")
	}
	return e
}

// usableInvitation finds the invitation in the link; a used, expired or
// unknown link is not found.
func (s *Server) usableInvitation(r *http.Request) (*auth.Invitation, invitationData, error) {
	inv, err := s.accounts.InvitationByHash(r.Context(), auth.HashToken(r.PathValue("token")))
	if err != nil {
		return nil, invitationData{}, err
	}
	if !inv.Usable(s.now()) {
		return nil, invitationData{}, errNotFound
	}
	role := roleLabel(inv.Role)
	if !inv.IsAdmin {
		p, err := s.store.Programme(r.Context(), inv.ProgrammeID)
		if err != nil {
			return nil, invitationData{}, err
		}
		role += " in " + p.Title
	}
	return inv, invitationData{Email: inv.Email, Role: role}, nil
}

func (s *Server) invitationPage(w http.ResponseWriter, r *http.Request) error {
	_, d, err := s.usableInvitation(r)
	if err != nil {
		return err
	}
	v := s.view(r, "Create your account", d)
	v.User, v.Nav = nil, nil
	return s.render(w, r, "invitation", v)
}

func (s *Server) acceptInvitation(w http.ResponseWriter, r *http.Request) error {
	inv, d, err := s.usableInvitation(r)
	if err != nil {
		return err
	}
	f := readAcceptForm(r)
	d.Name = f.Name
	v := s.view(r, "Create your account", d)
	v.User, v.Nav = nil, nil
	if v.Errors = f.Validate(); v.Errors.Any() {
		return s.render(w, r, "invitation", v)
	}
	u, err := s.createInvitedUser(r, inv, f)
	if domain.ErrorCode(err) == domain.EConflict {
		v.Errors.Add("name", "There is already an account for "+inv.Email+". Ask whoever invited you to add the role to that account instead.")
		return s.render(w, r, "invitation", v)
	}
	if err != nil {
		return err
	}
	r = r.WithContext(withState(r.Context(), &state{user: u}))
	if err := s.record(r, audit.ActionCreate, resourceUser, u.ID, inv.ProgrammeID); err != nil {
		return err
	}
	http.Redirect(w, r, "/sign-in", http.StatusSeeOther)
	return nil
}

// createInvitedUser consumes the invitation and creates the account and its
// role in one transaction: a link works once, even when used twice at once.
func (s *Server) createInvitedUser(r *http.Request, inv *auth.Invitation, f acceptForm) (*domain.User, error) {
	hash, err := auth.HashPassword(f.Password)
	if err != nil {
		return nil, err
	}
	u := &domain.User{Email: inv.Email, Name: f.Name, PasswordHash: hash, IsAdmin: inv.IsAdmin}
	ctx := r.Context()
	err = s.store.InTx(ctx, func(tx domain.Store) error {
		acc, ok := tx.(auth.Store)
		if !ok {
			acc = s.accounts
		}
		if err := acc.MarkInvitationUsed(ctx, inv.TokenHash, s.now()); err != nil {
			return err
		}
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		if inv.IsAdmin {
			return nil
		}
		return tx.AddMembership(ctx, domain.Membership{UserID: u.ID, ProgrammeID: inv.ProgrammeID, Role: inv.Role})
	})
	return u, err
}
