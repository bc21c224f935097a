package web

import (
	"cmp"
	"encoding/base64"
	"html/template"
	"net/http"
	"strings"

	"peervoice/audit"
	"peervoice/auth"
	"peervoice/domain"
)

// resourceTOTP names second-factor changes in the audit log.
const resourceTOTP = "totp"

// totpForm is what the TOTP entry form sends: a code from the app, or one
// of the recovery codes.
type totpForm struct {
	Code, RecoveryCode string
}

func readTOTPForm(r *http.Request) totpForm {
	return totpForm{Code: strings.ReplaceAll(strings.TrimSpace(r.PostFormValue("code")), " ", ""),
		RecoveryCode: strings.TrimSpace(r.PostFormValue("recovery_code"))}
}

// Validate checks that one kind of code was given, in the right shape.
func (f totpForm) Validate() *Errors {
	e := &Errors{}
	switch {
	case f.Code == "" && f.RecoveryCode == "":
		e.Add("code", "Enter the 6-digit code from your authenticator app.")
	case f.Code != "" && !sixDigits(f.Code):
		e.Add("code", "The code must be 6 digits, like 123456.")
	}
	return e
}

func sixDigits(s string) bool {
	if len(s) != 6 {
		return false
	}
	return strings.Trim(s, "0123456789") == ""
}

func (s *Server) totpPage(w http.ResponseWriter, r *http.Request) error {
	st := current(r)
	if redirect := totpRedirect(st, false); redirect != "" {
		http.Redirect(w, r, redirect, http.StatusSeeOther)
		return nil
	}
	return s.render(w, r, "totp", s.view(r, "Enter your security code", nil))
}

// totpRedirect sends a user away from a TOTP page that is not theirs to
// use: no entry without a secret, no set-up over an existing secret.
func totpRedirect(st *state, setUp bool) string {
	switch {
	case st.sess.MFADone && !setUp:
		return "/programmes"
	case !setUp && st.user.TOTPSecret == "":
		return "/sign-in/totp/set-up"
	case setUp && st.user.TOTPSecret != "":
		return "/sign-in/totp"
	}
	return ""
}

func (s *Server) totpSubmit(w http.ResponseWriter, r *http.Request) error {
	st := current(r)
	if redirect := totpRedirect(st, false); redirect != "" {
		http.Redirect(w, r, redirect, http.StatusSeeOther)
		return nil
	}
	f := readTOTPForm(r)
	v := s.view(r, "Enter your security code", nil)
	if v.Errors = f.Validate(); v.Errors.Any() {
		return s.render(w, r, "totp", v)
	}
	ctx, addr := r.Context(), clientAddr(r)
	if stop, err := s.limited(ctx, st.user.Email, addr); err != nil || stop {
		v.Errors.Add("code", errTooMany)
		return s.tooMany(w, r, "totp", v, err)
	}
	ok, err := s.checkSecondFactor(r, st.user, f)
	if err != nil || !ok {
		v.Errors.Add(map[bool]string{true: "code", false: "recovery_code"}[f.Code != ""], "That code is not right. Check it and try again.")
		if err == nil {
			err = s.failed(ctx, st.user.Email, addr)
		}
		if err != nil {
			return err
		}
		return s.render(w, r, "totp", v)
	}
	return s.secondFactorAccepted(w, r, st.user)
}

// checkSecondFactor checks a TOTP code, or consumes a recovery code.
func (s *Server) checkSecondFactor(r *http.Request, u *domain.User, f totpForm) (bool, error) {
	if f.Code != "" {
		return s.useTOTP(r, u.ID, u.TOTPSecret, f.Code)
	}
	err := s.accounts.UseRecoveryCode(r.Context(), u.ID, auth.HashRecoveryCode(f.RecoveryCode), s.now())
	if domain.ErrorCode(err) == domain.ENotFound {
		return false, nil
	}
	return err == nil, err
}

// useTOTP checks a code and claims its time step, so each code works once.
func (s *Server) useTOTP(r *http.Request, userID, secret, code string) (bool, error) {
	step, ok := auth.MatchTOTP(secret, code, s.now())
	if !ok {
		return false, nil
	}
	err := s.accounts.ClaimTOTPStep(r.Context(), userID, step)
	if domain.ErrorCode(err) == domain.EConflict {
		return false, nil
	}
	return err == nil, err
}

// secondFactorAccepted replaces the half-signed-in session with a full one,
// so the token that existed before the second factor no longer works.
func (s *Server) secondFactorAccepted(w http.ResponseWriter, r *http.Request, u *domain.User) error {
	if err := s.succeeded(r.Context(), u.Email); err != nil {
		return err
	}
	if _, err := s.startSession(w, r, u.ID, true); err != nil {
		return err
	}
	http.Redirect(w, r, "/programmes", http.StatusSeeOther)
	return nil
}

// totpSetupData is what the set-up page shows: the secret to type into an
// authenticator app, and the otpauth URI that apps also accept.
type totpSetupData struct {
	Secret string
	URI    string
	// QR is the URI as a PNG QR code in a data: URL, which the CSP allows.
	QR template.URL
}

func (s *Server) totpSetupPage(w http.ResponseWriter, r *http.Request) error {
	st := current(r)
	if redirect := totpRedirect(st, true); redirect != "" {
		http.Redirect(w, r, redirect, http.StatusSeeOther)
		return nil
	}
	data, err := s.pendingTOTP(r, st)
	if err != nil {
		return err
	}
	return s.render(w, r, "totp-set-up", s.view(r, "Set up two-factor authentication", data))
}

// pendingTOTP returns the secret being set up in this session, making one
// the first time, so a reload shows the same secret.
func (s *Server) pendingTOTP(r *http.Request, st *state) (totpSetupData, error) {
	if st.sess.PendingTOTP == "" {
		secret, _, err := auth.NewTOTP(st.user.Email)
		if err != nil {
			return totpSetupData{}, err
		}
		st.sess.PendingTOTP = secret
		if err := s.accounts.UpdateWebSession(r.Context(), st.sess); err != nil {
			return totpSetupData{}, err
		}
	}
	uri := totpURI(st.user.Email, st.sess.PendingTOTP)
	qr, err := auth.QRCode(uri)
	if err != nil {
		return totpSetupData{}, err
	}
	// The PNG is made here from our own URI, so it is safe to mark trusted.
	return totpSetupData{Secret: st.sess.PendingTOTP, URI: uri,
		QR: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(qr))}, nil
}

// totpURI is the otpauth:// URI for a secret, as authenticator apps read it.
func totpURI(account, secret string) string {
	return "otpauth://totp/" + auth.TOTPIssuer + ":" + account + "?secret=" + secret +
		"&issuer=" + auth.TOTPIssuer + "&algorithm=SHA1&digits=6&period=30"
}

// recoveryData is what the page after set-up shows: the recovery codes,
// once.
type recoveryData struct {
	Codes []string
}

func (s *Server) totpSetup(w http.ResponseWriter, r *http.Request) error {
	st := current(r)
	if redirect := totpRedirect(st, true); redirect != "" {
		http.Redirect(w, r, redirect, http.StatusSeeOther)
		return nil
	}
	data, err := s.pendingTOTP(r, st)
	if err != nil {
		return err
	}
	v := s.view(r, "Set up two-factor authentication", data)
	if v.Errors, err = s.checkSetUpCode(r, st, data.Secret); err != nil || v.Errors.Any() {
		return cmp.Or(err, s.render(w, r, "totp-set-up", v))
	}
	codes, err := s.enableTOTP(r, st.user, data.Secret)
	if err != nil {
		return err
	}
	if _, err := s.startSession(w, r, st.user.ID, true); err != nil {
		return err
	}
	v = s.view(r, "Save your recovery codes", recoveryData{Codes: codes})
	v.CSRF = ""
	return s.render(w, r, "recovery-codes", v)
}

// checkSetUpCode checks the code that confirms the pending secret works.
func (s *Server) checkSetUpCode(r *http.Request, st *state, secret string) (*Errors, error) {
	f := totpForm{Code: readTOTPForm(r).Code}
	errs := f.Validate()
	if errs.Any() {
		return errs, nil
	}
	ok, err := s.useTOTP(r, st.user.ID, secret, f.Code)
	if err == nil && !ok {
		errs.Add("code", "That code is not right. Check the time on your phone is correct, then enter the code shown now.")
	}
	return errs, err
}

// enableTOTP saves the confirmed secret and a fresh set of recovery codes.
func (s *Server) enableTOTP(r *http.Request, u *domain.User, secret string) ([]string, error) {
	codes, hashes, err := auth.NewRecoveryCodes()
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	if err := s.accounts.SetTOTPSecret(ctx, u.ID, secret); err != nil {
		return nil, err
	}
	if err := s.accounts.ReplaceRecoveryCodes(ctx, u.ID, hashes); err != nil {
		return nil, err
	}
	return codes, s.record(r, audit.ActionCreate, resourceTOTP, u.ID, "")
}
