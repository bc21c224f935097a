package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// matrixRoles are the callers: nobody, the admin, every role in programme
// alpha (two facilitators, each leading one of its sessions), and the
// coordinator of programme bravo.
var matrixRoles = []string{"", "admin", "coordinator", "facilitator", "facilitator2", "analyst", "safeguarding", "decisionmaker", "coordinatorB"}

// target is one way of filling a route's path parameters.
type target struct {
	name string
	path string
}

// targets fills in a route's parameters every way the matrix checks: own and
// other programme, own and other session, and ID swaps (a session presented
// under a programme it does not belong to).
func (e *env) targets(rt route) []target {
	p := rt.Path
	switch {
	case strings.Contains(p, "{fid}"):
		// A facilitator record, reached through each programme.
		return e.facilitatorTargets(p)
	case strings.Contains(p, "/safeguarding/{id}") || strings.Contains(p, "/review/{id}"):
		// A concern or a contribution, reached through each programme.
		return e.privacyTargets(p)
	case strings.Contains(p, "{job}"):
		// An import job, reached through its session and others.
		return e.jobTargets(p)
	case strings.Contains(p, "{id}"):
		return []target{
			{"alpha/s1", sub(p, "alpha", e.sessA1.ID)}, {"alpha/s2", sub(p, "alpha", e.sessA2.ID)},
			{"bravo/s1", sub(p, "bravo", e.sessB1.ID)},
			{"swap:alpha/bravo-s1", sub(p, "alpha", e.sessB1.ID)}, {"swap:bravo/alpha-s1", sub(p, "bravo", e.sessA1.ID)},
			{"missing", sub(p, "alpha", "0195f5a0-0000-7000-8000-000000000000")},
		}
	case strings.HasSuffix(p, "/contributions"):
		return []target{
			{"alpha", sub(p, "alpha", "")}, {"bravo", sub(p, "bravo", "")},
			{"alpha/s1", sub(p, "alpha", "") + "?session=" + e.sessA1.ID},
			{"alpha/s2", sub(p, "alpha", "") + "?session=" + e.sessA2.ID},
			{"swap:alpha/bravo-s1", sub(p, "alpha", "") + "?session=" + e.sessB1.ID},
		}
	case strings.Contains(p, "{slug}"):
		return []target{{"alpha", sub(p, "alpha", "")}, {"bravo", sub(p, "bravo", "")}, {"missing", sub(p, "no-such-programme", "")}}
	case strings.Contains(p, "{token}"):
		return []target{{"bogus", strings.Replace(p, "{token}", "not-a-real-invitation-token", 1)}}
	case strings.Contains(p, "{sum}"):
		return []target{{"app.css", e.srv.assets.URL("app.css")}}
	}
	return []target{{"", strings.TrimSuffix(p, "{$}")}}
}

func sub(p, slug, id string) string {
	return strings.NewReplacer("{slug}", slug, "{id}", id).Replace(p)
}

// Outcomes.
const (
	ok       = http.StatusOK
	invalid  = http.StatusUnprocessableEntity // allowed, but the empty form is refused
	badReq   = http.StatusBadRequest
	redirect = http.StatusSeeOther
	notFound = http.StatusNotFound
	unauth   = http.StatusUnauthorized
)

// in reports whether role is one of roles.
func in(role string, roles ...string) bool {
	for _, r := range roles {
		if r == role {
			return true
		}
	}
	return false
}

// memberPage is a page for signed-in users that every one of them may see.
func memberPage(status int) func(role, tgt string) int {
	return func(role, tgt string) int {
		if role == "" {
			return redirect
		}
		return status
	}
}

// allowedFor is a member page whose outcome depends on the target.
func allowedFor(status int, who map[string][]string) func(role, tgt string) int {
	return func(role, tgt string) int {
		switch {
		case role == "":
			return redirect
		case in(role, who[tgt]...):
			return status
		}
		return notFound
	}
}

// apiAllowedFor is an API route whose outcome depends on the target.
func apiAllowedFor(who map[string][]string) func(role, tgt string) int {
	return func(role, tgt string) int {
		switch {
		case role == "":
			return unauth
		case in(role, who[tgt]...):
			return ok
		}
		return notFound
	}
}

// totpSetUp is open to signed-in users without a second factor; admins and
// coordinators already have one and are sent to enter it instead.
func totpSetUp(status int) func(role, tgt string) int {
	return func(role, tgt string) int {
		if role == "" || in(role, managers...) {
			return redirect
		}
		return status
	}
}

func always(status int) func(role, tgt string) int {
	return func(string, string) int { return status }
}

var (
	alphaMembers = []string{"admin", "coordinator", "facilitator", "facilitator2", "analyst", "safeguarding", "decisionmaker"}
	managers     = []string{"admin", "coordinator", "coordinatorB"}
)

// expectations is what every caller gets from every route. A route added to
// the table without a line here fails the test.
var expectations = map[string]func(role, tgt string) int{
	"GET /healthz":                always(ok),
	"GET /readyz":                 always(ok),
	"GET /assets/{sum}/{path...}": always(ok),
	"GET /{$}":                    always(redirect),
	"GET /sign-in":                func(role, _ string) int { return map[bool]int{true: ok, false: redirect}[role == ""] },
	"POST /sign-in":               always(invalid),
	"GET /sign-in/totp":           always(redirect), // to sign in, or on (already signed in)
	"POST /sign-in/totp":          always(redirect),
	"GET /sign-in/totp/set-up":    totpSetUp(ok),
	"POST /sign-in/totp/set-up":   totpSetUp(invalid),
	"POST /sign-out":              always(redirect),
	"GET /accessibility":          always(ok),
	"GET /privacy":                always(ok),
	"GET /invitations/{token}":    always(notFound),
	"POST /invitations/{token}":   always(notFound),
	"GET /account":                memberPage(ok),
	"POST /account/password":      memberPage(invalid),
	"GET /programmes":             memberPage(ok),
	"GET /programmes/{slug}":      allowedFor(ok, map[string][]string{"alpha": alphaMembers, "bravo": {"admin", "coordinatorB"}}),
	"GET /users":                  allowedFor(ok, map[string][]string{"": managers}),
	"GET /users/invite":           allowedFor(ok, map[string][]string{"": managers}),
	"POST /users/invite":          allowedFor(invalid, map[string][]string{"": managers}),
	"GET /audit":                  allowedFor(ok, map[string][]string{"": {"admin"}}),
	"POST /api/v1/auth/token":     always(badReq),
	"GET /api/v1/openapi.json":    always(ok),
	"GET /api/v1/programmes":      apiAllowedFor(map[string][]string{"": matrixRoles[1:]}),
	"GET /api/v1/programmes/{slug}/safeguarding": apiAllowedFor(map[string][]string{
		"alpha": {"admin", "safeguarding"}, "bravo": {"admin"}}),
	// Aggregates (suppressed), so every programme member may see them, as
	// with the overview.
	"GET /programmes/{slug}/opinions":   allowedFor(ok, map[string][]string{"alpha": alphaMembers, "bravo": {"admin", "coordinatorB"}}),
	"GET /programmes/{slug}/debates":    allowedFor(ok, map[string][]string{"alpha": alphaMembers, "bravo": {"admin", "coordinatorB"}}),
	"GET /programmes/{slug}/priorities": allowedFor(ok, map[string][]string{"alpha": alphaMembers, "bravo": {"admin", "coordinatorB"}}),
	// Safeguarding: the programme's lead and admins only, not even its
	// coordinator. Raising a concern: the session's facilitators and
	// coordinators. Redaction review (raw text): analysts and admins only.
	"GET /programmes/{slug}/safeguarding":       allowedFor(ok, map[string][]string{"alpha": {"admin", "safeguarding"}, "bravo": {"admin"}}),
	"GET /programmes/{slug}/safeguarding/{id}":  allowedFor(ok, map[string][]string{"alpha/c": {"admin", "safeguarding"}, "bravo/c": {"admin"}}),
	"POST /programmes/{slug}/safeguarding/{id}": allowedFor(invalid, map[string][]string{"alpha/c": {"admin", "safeguarding"}, "bravo/c": {"admin"}}),
	"GET /programmes/{slug}/sessions/{id}/concern": allowedFor(ok, map[string][]string{
		"alpha/s1": {"admin", "coordinator", "facilitator"}, "alpha/s2": {"admin", "coordinator", "facilitator2"}, "bravo/s1": {"admin", "coordinatorB"}}),
	"POST /programmes/{slug}/sessions/{id}/concern": allowedFor(invalid, map[string][]string{
		"alpha/s1": {"admin", "coordinator", "facilitator"}, "alpha/s2": {"admin", "coordinator", "facilitator2"}, "bravo/s1": {"admin", "coordinatorB"}}),
	"GET /programmes/{slug}/review":              allowedFor(ok, map[string][]string{"alpha": {"admin", "analyst"}, "bravo": {"admin"}}),
	"POST /programmes/{slug}/review/{id}/accept": allowedFor(redirect, map[string][]string{"alpha/c": {"admin", "analyst"}, "bravo/c": {"admin"}}),
	"POST /programmes/{slug}/review/{id}/undo":   allowedFor(invalid, map[string][]string{"alpha/c": {"admin", "analyst"}, "bravo/c": {"admin"}}),
	"POST /programmes/{slug}/review/{id}/redact": allowedFor(invalid, map[string][]string{"alpha/c": {"admin", "analyst"}, "bravo/c": {"admin"}}),
	// Running a programme (issue 4): set-up and facilitators are for the
	// programme's coordinators; attendance and debriefs also for the
	// session's own facilitators. An empty form is refused (422).
	"GET /programmes/new":                        allowedFor(ok, map[string][]string{"": managers}),
	"POST /programmes/new":                       allowedFor(invalid, map[string][]string{"": managers}),
	"GET /programmes/{slug}/settings":            allowedFor(ok, coordinatorsOf),
	"POST /programmes/{slug}/settings":           allowedFor(invalid, coordinatorsOf),
	"GET /programmes/{slug}/areas":               allowedFor(ok, coordinatorsOf),
	"POST /programmes/{slug}/areas":              allowedFor(invalid, coordinatorsOf),
	"GET /programmes/{slug}/sites":               allowedFor(ok, coordinatorsOf),
	"POST /programmes/{slug}/sites":              allowedFor(invalid, coordinatorsOf),
	"GET /programmes/{slug}/facilitators":        allowedFor(ok, coordinatorsOf),
	"POST /programmes/{slug}/facilitators":       allowedFor(invalid, coordinatorsOf),
	"GET /programmes/{slug}/facilitators/{fid}":  allowedFor(ok, coordinatorsOf),
	"POST /programmes/{slug}/facilitators/{fid}": allowedFor(invalid, coordinatorsOf),
	"GET /programmes/{slug}/sessions/new":        allowedFor(ok, coordinatorsOf),
	"POST /programmes/{slug}/sessions/new":       allowedFor(invalid, coordinatorsOf),
	"GET /programmes/{slug}/sessions/{id}/edit":  allowedFor(ok, sessionCoordinators),
	"POST /programmes/{slug}/sessions/{id}/edit": allowedFor(invalid, sessionCoordinators),
	"GET /programmes/{slug}/sessions/{id}/plan":  allowedFor(ok, sessionReaders),
	"POST /programmes/{slug}/sessions/{id}/plan": allowedFor(invalid, sessionRecorders),
	// Without ?activity= the change page goes back to the plan.
	"GET /programmes/{slug}/sessions/{id}/plan/change":  allowedFor(redirect, sessionRecorders),
	"POST /programmes/{slug}/sessions/{id}/plan/change": allowedFor(invalid, sessionRecorders),
	"GET /programmes/{slug}/sessions/{id}/pack.pdf":     allowedFor(ok, sessionReaders),
	"GET /programmes/{slug}/sessions/{id}/attendance":   allowedFor(ok, sessionRecorders),
	"POST /programmes/{slug}/sessions/{id}/attendance":  allowedFor(invalid, sessionRecorders),
	"GET /programmes/{slug}/sessions/{id}/debrief":      allowedFor(ok, sessionRecorders),
	"POST /programmes/{slug}/sessions/{id}/debrief":     allowedFor(invalid, sessionRecorders),

	"GET /programmes/{slug}/fees":      allowedFor(ok, coordinatorsOf),
	"POST /programmes/{slug}/fees":     allowedFor(invalid, coordinatorsOf),
	"GET /programmes/{slug}/fees.csv":  allowedFor(ok, coordinatorsOf),
	"GET /programmes/{slug}/withdraw":  allowedFor(ok, coordinatorsOf),
	"POST /programmes/{slug}/withdraw": allowedFor(invalid, coordinatorsOf),
	"GET /programmes/{slug}/reach":     allowedFor(ok, map[string][]string{"alpha": alphaMembers, "bravo": {"admin", "coordinatorB"}}),
	"GET /programmes/{slug}/sessions/{id}": allowedFor(ok, map[string][]string{
		"alpha/s1": {"admin", "coordinator", "facilitator", "analyst", "safeguarding"},
		"alpha/s2": {"admin", "coordinator", "facilitator2", "analyst", "safeguarding"},
		"bravo/s1": {"admin", "coordinatorB"},
	}),
	"GET /api/v1/programmes/{slug}/contributions": apiAllowedFor(map[string][]string{
		"alpha":    {"admin", "coordinator", "analyst", "safeguarding"},
		"bravo":    {"admin", "coordinatorB"},
		"alpha/s1": {"admin", "coordinator", "facilitator", "analyst", "safeguarding"},
		"alpha/s2": {"admin", "coordinator", "facilitator2", "analyst", "safeguarding"},
	}),
	// Capture and import (issue 5): the session's own facilitators and the
	// programme's coordinators; Polis import for those who may set up a
	// programme, Polis export for the programme's coordinators.
	"GET /programmes/{slug}/sessions/{id}/capture":               allowedFor(ok, sessionRecorders),
	"POST /programmes/{slug}/sessions/{id}/capture":              allowedFor(invalid, sessionRecorders),
	"GET /programmes/{slug}/sessions/{id}/upload":                allowedFor(ok, sessionRecorders),
	"POST /programmes/{slug}/sessions/{id}/upload":               allowedFor(invalid, sessionRecorders),
	"POST /programmes/{slug}/sessions/{id}/upload/confirm":       allowedFor(invalid, sessionRecorders),
	"GET /programmes/{slug}/sessions/{id}/jobs/{job}":            allowedFor(ok, sessionRecorders),
	"GET /programmes/{slug}/sessions/{id}/capture-template.csv":  allowedFor(ok, sessionRecorders),
	"GET /programmes/{slug}/sessions/{id}/capture-template.xlsx": allowedFor(ok, sessionRecorders),
	"GET /programmes/polis/import":                               allowedFor(ok, map[string][]string{"": managers}),
	"POST /programmes/polis/import":                              allowedFor(invalid, map[string][]string{"": managers}),
	"GET /programmes/{slug}/export/polis":                        allowedFor(ok, coordinatorsOf),
}

// TestAuthorisationMatrix requests every route in the route table as every
// caller, for every target, and checks the outcome. Each request uses a
// fresh session, so sign-out cannot disturb the others.
func TestAuthorisationMatrix(t *testing.T) {
	e := newEnv(t)
	checked := 0
	for _, rt := range routes {
		key := rt.Method + " " + rt.Path
		want, ok := expectations[key]
		if !ok {
			t.Errorf("route %s has no line in the authorisation matrix", key)
			continue
		}
		for _, tgt := range e.targets(rt) {
			for _, role := range matrixRoles {
				got := e.matrixRequest(rt, role, tgt.path)
				if exp := want(role, tgt.name); got != exp {
					t.Errorf("%s %s as %q (%s): %d, want %d", rt.Method, tgt.path, role, tgt.name, got, exp)
				}
				checked++
			}
		}
	}
	if len(expectations) != len(routes) {
		t.Errorf("%d expectations for %d routes: remove lines for routes that no longer exist", len(expectations), len(routes))
	}
	t.Logf("%d route × caller × target combinations checked", checked)
}

// matrixRequest makes one request as role and returns the status.
func (e *env) matrixRequest(rt route, role, path string) int {
	if rt.Access == apiToken || rt.Access == apiPublic {
		token := ""
		if role != "" {
			token = e.apiTokenFor(role)
		}
		w, _ := e.apiCall(rt.Method, path, token, "")
		return w.Code
	}
	b := e.anonymous()
	if role != "" {
		b = e.signedIn(role)
	}
	if rt.Method == http.MethodPost {
		return b.post(path, url.Values{}).Code
	}
	return b.get(path).Code
}
