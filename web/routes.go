package web

import (
	"net/http"
	"strings"
)

// handlerFunc is a handler that returns its error for one place to render.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// access says who may reach a route at all; what they may see once there is
// for the policy to decide inside the handler.
type access int

const (
	// public pages need no account.
	public access = iota
	// partial pages need a password-checked session, TOTP step or not.
	partial
	// member pages need a fully signed-in session.
	member
	// apiPublic endpoints need no token.
	apiPublic
	// apiToken endpoints need a bearer token.
	apiToken
)

// route is one entry of the route table. The table both registers the mux
// and drives the authorisation matrix test, so no route can escape the test.
type route struct {
	Method, Path string
	Access       access
	Handler      func(*Server, http.ResponseWriter, *http.Request) error
}

// routes is every route the server answers.
var routes = []route{
	{"GET", "/healthz", public, (*Server).healthz},
	{"GET", "/readyz", public, (*Server).readyz},
	{"GET", "/assets/{sum}/{path...}", public, (*Server).serveAsset},
	{"GET", "/{$}", public, (*Server).home},
	{"GET", "/sign-in", public, (*Server).signInPage},
	{"POST", "/sign-in", public, (*Server).signIn},
	{"GET", "/sign-in/totp", partial, (*Server).totpPage},
	{"POST", "/sign-in/totp", partial, (*Server).totpSubmit},
	{"GET", "/sign-in/totp/set-up", partial, (*Server).totpSetupPage},
	{"POST", "/sign-in/totp/set-up", partial, (*Server).totpSetup},
	{"POST", "/sign-out", partial, (*Server).signOut},
	{"GET", "/accessibility", public, (*Server).accessibilityPage},
	{"GET", "/privacy", public, (*Server).privacyPage},
	{"GET", "/invitations/{token}", public, (*Server).invitationPage},
	{"POST", "/invitations/{token}", public, (*Server).acceptInvitation},
	{"GET", "/account", member, (*Server).accountPage},
	{"POST", "/account/password", member, (*Server).changePassword},
	{"GET", "/programmes", member, (*Server).programmesPage},
	{"GET", "/programmes/{slug}", member, (*Server).programmePage},
	{"GET", "/programmes/{slug}/sessions/{id}", member, (*Server).sessionPage},
	{"GET", "/users", member, (*Server).usersPage},
	{"GET", "/users/invite", member, (*Server).invitePage},
	{"POST", "/users/invite", member, (*Server).invite},
	{"GET", "/audit", member, (*Server).auditPage},
	{"POST", "/api/v1/auth/token", apiPublic, (*Server).apiToken},
	{"GET", "/api/v1/openapi.json", apiPublic, (*Server).openAPI},
	{"GET", "/api/v1/programmes", apiToken, (*Server).apiProgrammes},
	{"GET", "/api/v1/programmes/{slug}/contributions", apiToken, (*Server).apiContributions},
	{"GET", "/api/v1/programmes/{slug}/safeguarding", apiToken, (*Server).apiSafeguarding},
}

// wrap applies a route's access rule.
func (s *Server) wrap(rt route) http.Handler {
	h := func(w http.ResponseWriter, r *http.Request) error { return rt.Handler(s, w, r) }
	switch rt.Access {
	case apiPublic:
		return s.handleAPI(h)
	case apiToken:
		return s.handleAPI(s.requireToken(h))
	}
	return s.handle(s.withSession(rt.Access, h))
}

// withSession loads the browser session, then enforces the access level and,
// on unsafe methods, the form's CSRF token.
func (s *Server) withSession(a access, next handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		st, err := s.loadSession(w, r)
		if err != nil {
			return err
		}
		if st != nil {
			r = r.WithContext(withState(r.Context(), st))
		}
		if redirect := gate(a, st); redirect != "" {
			http.Redirect(w, r, redirect, http.StatusSeeOther)
			return nil
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && st != nil && !st.validCSRF(r) {
			return errBadCSRF
		}
		return next(w, r)
	}
}

// gate returns where to send a visitor who may not reach a page yet, or "".
func gate(a access, st *state) string {
	switch {
	case a == public:
		return ""
	case st == nil:
		return "/sign-in"
	case a == member && st.user.TOTPSecret == "" && (!st.sess.MFADone || st.needsTOTP()):
		// Also catches a user given a coordinator role while signed in.
		return "/sign-in/totp/set-up"
	case a == member && !st.sess.MFADone:
		return "/sign-in/totp"
	}
	return ""
}

// nav lists the service navigation for the signed-in user's roles.
func (s *Server) nav(r *http.Request, st *state) []NavItem {
	items := []NavItem{{Text: "Programmes", Href: "/programmes"}}
	if st.canManageUsers() {
		items = append(items, NavItem{Text: "Users", Href: "/users"})
	}
	if st.user.IsAdmin {
		items = append(items, NavItem{Text: "Audit log", Href: "/audit"})
	}
	items = append(items, NavItem{Text: "Your account", Href: "/account"})
	for i := range items {
		items[i].Current = r.URL.Path == items[i].Href || strings.HasPrefix(r.URL.Path, items[i].Href+"/")
	}
	return items
}

func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request) error {
	return s.assets.serve(w, r)
}

// home sends a visitor to their programmes, or to sign in.
func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	target := "/sign-in"
	if st := current(r); st != nil && st.sess.MFADone {
		target = "/programmes"
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
	return nil
}
