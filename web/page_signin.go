package web

import (
	"net/http"
	"strings"
	"sync"

	"peervoice/audit"
	"peervoice/auth"
	"peervoice/domain"
)

// resourceWebSession names sign-ins and sign-outs in the audit log.
const resourceWebSession = "web_session"

// signInData is what the sign-in page shows.
type signInData struct {
	Email     string
	SignedOut bool
}

// signInForm is what the sign-in form sends.
type signInForm struct {
	Email, Password string
}

func readSignInForm(r *http.Request) signInForm {
	return signInForm{Email: strings.TrimSpace(r.PostFormValue("email")), Password: r.PostFormValue("password")}
}

// Validate checks the form is filled in.
func (f signInForm) Validate() *Errors {
	e := &Errors{}
	if f.Email == "" {
		e.Add("email", "Enter your email address.")
	}
	if f.Password == "" {
		e.Add("password", "Enter your password.")
	}
	return e
}

// errBadLogin is the one message for a wrong email or password, so the page
// does not say which accounts exist.
const errBadLogin = "Enter a correct email address and password."

const errTooMany = "You have tried to sign in too many times. Wait 15 minutes, then try again."

// dummyHash is checked when no account matches, so that a wrong email takes
// as long as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, _ := auth.HashPassword("no account has this password")
	return h
})

func (s *Server) signInPage(w http.ResponseWriter, r *http.Request) error {
	if st := current(r); st != nil && st.sess.MFADone {
		http.Redirect(w, r, "/programmes", http.StatusSeeOther)
		return nil
	}
	v := s.view(r, "Sign in", signInData{SignedOut: r.URL.Query().Get("signed-out") != ""})
	return s.render(w, r, "sign-in", v)
}

func (s *Server) signIn(w http.ResponseWriter, r *http.Request) error {
	f := readSignInForm(r)
	v := s.view(r, "Sign in", signInData{Email: f.Email})
	if v.Errors = f.Validate(); v.Errors.Any() {
		return s.render(w, r, "sign-in", v)
	}
	ctx, addr := r.Context(), clientAddr(r)
	if stop, err := s.limited(ctx, f.Email, addr); err != nil || stop {
		v.Errors.Add("email", errTooMany)
		return s.tooMany(w, r, "sign-in", v, err)
	}
	u, err := s.checkPassword(r, f.Email, f.Password)
	if err != nil {
		return err
	}
	if u == nil {
		v.Errors.Add("email", errBadLogin)
		return s.render(w, r, "sign-in", v)
	}
	return s.passwordAccepted(w, r, u)
}

// checkPassword returns the user if the password is right, nil if not
// (counting the failure), or an error.
func (s *Server) checkPassword(r *http.Request, email, password string) (*domain.User, error) {
	ctx := r.Context()
	u, err := s.store.UserByEmail(ctx, email)
	if err != nil && domain.ErrorCode(err) != domain.ENotFound {
		return nil, err
	}
	hash := dummyHash()
	if u != nil && u.PasswordHash != "" {
		hash = u.PasswordHash
	}
	if !auth.CheckPassword(hash, password) || u == nil || u.PasswordHash == "" {
		return nil, s.failed(ctx, email, clientAddr(r))
	}
	return u, s.succeeded(ctx, email)
}

// passwordAccepted starts a session and sends the user to the TOTP step
// their account needs, if any.
func (s *Server) passwordAccepted(w http.ResponseWriter, r *http.Request, u *domain.User) error {
	ms, err := s.store.Memberships(r.Context(), u.ID)
	if err != nil {
		return err
	}
	needs := u.TOTPSecret != "" || requiresTOTP(u, ms)
	if _, err := s.startSession(w, r, u.ID, !needs); err != nil {
		return err
	}
	r = r.WithContext(withState(r.Context(), &state{user: u}))
	if err := s.record(r, audit.ActionCreate, resourceWebSession, "", ""); err != nil {
		return err
	}
	next := "/programmes"
	switch {
	case u.TOTPSecret != "":
		next = "/sign-in/totp"
	case needs:
		next = "/sign-in/totp/set-up"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// tooMany shows a form with the rate-limit message and status 429.
func (s *Server) tooMany(w http.ResponseWriter, r *http.Request, name string, v *View, err error) error {
	if err != nil {
		return err
	}
	if s.onRender != nil {
		s.onRender(name, v)
	}
	return s.tmpl.render(w, http.StatusTooManyRequests, name, v)
}
