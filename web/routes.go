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
	// Running a programme: set-up, facilitators, sessions, attendance (issue 4).
	{"GET", "/programmes/new", member, (*Server).programmeNewPage},
	{"POST", "/programmes/new", member, (*Server).programmeCreate},
	{"GET", "/programmes/{slug}/settings", member, (*Server).programmeSettingsPage},
	{"POST", "/programmes/{slug}/settings", member, (*Server).programmeSettingsSave},
	{"GET", "/programmes/{slug}/areas", member, (*Server).areasPage},
	{"POST", "/programmes/{slug}/areas", member, (*Server).areasSave},
	{"GET", "/programmes/{slug}/sites", member, (*Server).sitesPage},
	{"POST", "/programmes/{slug}/sites", member, (*Server).sitesSave},
	{"GET", "/programmes/{slug}/facilitators", member, (*Server).facilitatorsPage},
	{"POST", "/programmes/{slug}/facilitators", member, (*Server).facilitatorCreate},
	{"GET", "/programmes/{slug}/facilitators/{fid}", member, (*Server).facilitatorPage},
	{"POST", "/programmes/{slug}/facilitators/{fid}", member, (*Server).facilitatorSave},
	{"GET", "/programmes/{slug}/sessions/new", member, (*Server).sessionNewPage},
	{"POST", "/programmes/{slug}/sessions/new", member, (*Server).sessionCreate},
	{"GET", "/programmes/{slug}/sessions/{id}/edit", member, (*Server).sessionEditPage},
	{"POST", "/programmes/{slug}/sessions/{id}/edit", member, (*Server).sessionUpdate},
	{"GET", "/programmes/{slug}/sessions/{id}/plan", member, (*Server).planPage},
	{"POST", "/programmes/{slug}/sessions/{id}/plan", member, (*Server).planAdd},
	{"GET", "/programmes/{slug}/sessions/{id}/plan/change", member, (*Server).planChangePage},
	{"POST", "/programmes/{slug}/sessions/{id}/plan/change", member, (*Server).planChange},
	{"GET", "/programmes/{slug}/sessions/{id}/pack.pdf", member, (*Server).packDownload},
	{"GET", "/programmes/{slug}/sessions/{id}/attendance", member, (*Server).attendancePage},
	{"POST", "/programmes/{slug}/sessions/{id}/attendance", member, (*Server).attendanceSave},
	{"GET", "/programmes/{slug}/sessions/{id}/debrief", member, (*Server).debriefPage},
	{"POST", "/programmes/{slug}/sessions/{id}/debrief", member, (*Server).debriefSave},
	// Capture and import (issue 5): typing up a session, uploading its
	// capture file, and Polis import and export.
	{"GET", "/programmes/{slug}/sessions/{id}/capture", member, (*Server).capturePage},
	{"POST", "/programmes/{slug}/sessions/{id}/capture", member, (*Server).captureSave},
	{"GET", "/programmes/{slug}/sessions/{id}/upload", member, (*Server).uploadPage},
	{"POST", "/programmes/{slug}/sessions/{id}/upload", member, (*Server).uploadCheck},
	{"POST", "/programmes/{slug}/sessions/{id}/upload/confirm", member, (*Server).uploadConfirm},
	{"GET", "/programmes/{slug}/sessions/{id}/jobs/{job}", member, (*Server).jobPage},
	{"GET", "/programmes/{slug}/sessions/{id}/capture-template.csv", member, (*Server).templateCSV},
	{"GET", "/programmes/{slug}/sessions/{id}/capture-template.xlsx", member, (*Server).templateXLSX},
	{"GET", "/programmes/polis/import", member, (*Server).polisImportPage},
	{"POST", "/programmes/polis/import", member, (*Server).polisImport},
	{"GET", "/programmes/{slug}/export/polis", member, (*Server).polisExport},
	{"GET", "/programmes/{slug}/fees", member, (*Server).feesPage},
	{"POST", "/programmes/{slug}/fees", member, (*Server).feesAdd},
	{"GET", "/programmes/{slug}/fees.csv", member, (*Server).feesCSV},
	{"GET", "/programmes/{slug}/withdraw", member, (*Server).withdrawPage},
	{"POST", "/programmes/{slug}/withdraw", member, (*Server).withdrawSubmit},
	{"GET", "/programmes/{slug}/reach", member, (*Server).reachPage},
	{"GET", "/programmes/{slug}/opinions", member, (*Server).opinionsPage},
	{"GET", "/programmes/{slug}/debates", member, (*Server).debatesPage},
	{"GET", "/programmes/{slug}/priorities", member, (*Server).prioritiesPage},
	{"GET", "/programmes/{slug}/safeguarding", member, (*Server).safeguardingPage},
	{"GET", "/programmes/{slug}/safeguarding/{id}", member, (*Server).concernPage},
	{"POST", "/programmes/{slug}/safeguarding/{id}", member, (*Server).moveConcern},
	{"GET", "/programmes/{slug}/sessions/{id}/concern", member, (*Server).raiseConcernPage},
	{"POST", "/programmes/{slug}/sessions/{id}/concern", member, (*Server).raiseConcern},
	{"GET", "/programmes/{slug}/review", member, (*Server).reviewPage},
	{"POST", "/programmes/{slug}/review/{id}/accept", member, (*Server).acceptReview},
	{"POST", "/programmes/{slug}/review/{id}/undo", member, (*Server).undoRedaction},
	{"POST", "/programmes/{slug}/review/{id}/redact", member, (*Server).addRedaction},
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
		if err := limitUpload(w, r); err != nil {
			return err
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
