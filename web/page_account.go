package web

import (
	"net/http"

	"peervoice/audit"
	"peervoice/auth"
)

// resourceUser names account changes in the audit log.
const resourceUser = "user"

// accountData is what the account page shows.
type accountData struct {
	Details []SummaryRow
	Changed bool
	// OfferTOTP links to set-up for a user without a second factor.
	OfferTOTP bool
}

// passwordForm is what the change-password form sends.
type passwordForm struct {
	Current, New, Confirm string
}

func readPasswordForm(r *http.Request) passwordForm {
	return passwordForm{Current: r.PostFormValue("current_password"), New: r.PostFormValue("new_password"),
		Confirm: r.PostFormValue("confirm_password")}
}

// Validate checks the new password against the policy. The current password
// is checked by the handler, as it needs the stored hash.
func (f passwordForm) Validate() *Errors {
	e := &Errors{}
	if f.Current == "" {
		e.Add("current_password", "Enter your current password.")
	}
	if err := auth.CheckPasswordPolicy(f.New); err != nil {
		e.addDomain(err, "new_password")
	} else if f.New != f.Confirm {
		e.Add("confirm_password", "The passwords do not match.")
	}
	return e
}

func (s *Server) accountData(r *http.Request) (accountData, error) {
	st := current(r)
	left, err := s.accounts.UnusedRecoveryCodes(r.Context(), st.user.ID)
	if err != nil {
		return accountData{}, err
	}
	twoFactor := "Not set up"
	if st.user.TOTPSecret != "" {
		twoFactor = "Authenticator app (" + itoa(left) + " recovery codes left)"
	}
	roles, err := s.roleSummary(r, st)
	if err != nil {
		return accountData{}, err
	}
	return accountData{OfferTOTP: st.user.TOTPSecret == "", Details: []SummaryRow{
		{"Name", st.user.Name}, {"Email address", st.user.Email}, {"Roles", roles}, {"Two-factor authentication", twoFactor},
	}}, nil
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) error {
	data, err := s.accountData(r)
	if err != nil {
		return err
	}
	data.Changed = r.URL.Query().Get("changed") != ""
	return s.render(w, r, "account", s.view(r, "Your account", data))
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	st := current(r)
	data, err := s.accountData(r)
	if err != nil {
		return err
	}
	v := s.view(r, "Your account", data)
	f := readPasswordForm(r)
	v.Errors = f.Validate()
	if f.Current != "" && !auth.CheckPassword(st.user.PasswordHash, f.Current) {
		v.Errors.Add("current_password", "Your current password is not right.")
	}
	if v.Errors.Any() {
		return s.render(w, r, "account", v)
	}
	if err := s.setPassword(r, st, f.New); err != nil {
		return err
	}
	if _, err := s.startSession(w, r, st.user.ID, true); err != nil {
		return err
	}
	http.Redirect(w, r, "/account?changed=1", http.StatusSeeOther)
	return nil
}

// setPassword stores the new hash and ends every session of the user, so a
// password change locks out anyone who had got in.
func (s *Server) setPassword(r *http.Request, st *state, password string) error {
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	ctx := r.Context()
	if err := s.store.SetPasswordHash(ctx, st.user.ID, hash); err != nil {
		return err
	}
	if err := s.accounts.DeleteUserWebSessions(ctx, st.user.ID); err != nil {
		return err
	}
	return s.record(r, audit.ActionUpdate, resourceUser, st.user.ID, "")
}
