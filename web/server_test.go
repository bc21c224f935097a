package web

import (
	"net/http"
	"os"
	"strings"
	"testing"
)

func TestSecurityHeadersOnEveryKindOfResponse(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/sign-in", "/nope", "/api/v1/programmes", "/programmes", e.srv.assets.URL("app.css")} {
		w := e.anonymous().get(path)
		h := w.Header()
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
}

func TestNoInlineScriptOrStyleInPages(t *testing.T) {
	e := newEnv(t)
	for _, b := range []*browser{e.anonymous(), e.signedIn("admin")} {
		for _, path := range []string{"/sign-in", "/programmes", "/programmes/alpha", "/account", "/users", "/audit", "/accessibility", "/privacy", "/nope"} {
			body := b.get(path).Body.String()
			for _, bad := range []string{"<script>", "style=", " onclick=", " onload=", "javascript:"} {
				if strings.Contains(body, bad) {
					t.Errorf("%s contains %q", path, bad)
				}
			}
		}
	}
}

func TestAssetsChecksummedAndEmbedded(t *testing.T) {
	e := newEnv(t)
	b := e.anonymous()
	url := e.srv.assets.URL("app.css")
	w := b.get(url)
	wantStatus(t, w, http.StatusOK)
	if !strings.Contains(w.Body.String(), "--pv-font") || !strings.Contains(w.Header().Get("Cache-Control"), "immutable") {
		t.Fatalf("app.css: %q %v", w.Body.String()[:40], w.Header())
	}
	if !strings.Contains(w.Header().Get("Content-Type"), "text/css") {
		t.Errorf("content type %q", w.Header().Get("Content-Type"))
	}
	wantStatus(t, b.get("/assets/000000000000/app.css"), http.StatusNotFound)
	wantStatus(t, b.get("/assets/"+e.srv.assets.sum+"/"), http.StatusNotFound)
	wantStatus(t, b.get("/assets/"+e.srv.assets.sum+"/govuk/"), http.StatusNotFound)
	page := b.get("/sign-in").Body.String()
	if !strings.Contains(page, `<link rel="stylesheet" href="`+url+`">`) || !strings.Contains(page, `<script type="module" src="`+e.srv.assets.URL("app.js")+`">`) {
		t.Fatalf("sign-in page does not load the checksummed assets")
	}
}

// The GOV.UK Frontend build must be in the binary in CI; a developer who
// has not run `make deps` gets a warning instead.
func TestGOVUKFrontendEmbedded(t *testing.T) {
	e := newEnv(t)
	for _, name := range []string{"govuk/govuk-frontend.min.css", "govuk/govuk-frontend.min.js"} {
		if e.srv.assets.has(name) {
			continue
		}
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not embedded: `make deps` must run before the build", name)
		}
		t.Skipf("SKIPPING: %s is not embedded; run `make deps` (npm ci + scripts/assets.sh)", name)
	}
	css := e.anonymous().get(e.srv.assets.URL("govuk/govuk-frontend.min.css")).Body.String()
	if !strings.Contains(css, ".govuk-button") {
		t.Fatal("govuk-frontend.min.css is not the GOV.UK Frontend stylesheet")
	}
	if e.srv.assets.has("govuk/assets/fonts/bold-b542beb274-v2.woff2") {
		t.Fatal("the GDS Transport font is embedded; this is not a GOV.UK service")
	}
}

func TestLayoutHasNoCrownAndNamesTheService(t *testing.T) {
	e := newEnv(t)
	body := e.anonymous().get("/sign-in").Body.String()
	if strings.Contains(body, "govuk-header__logotype") || strings.Contains(body, "crown") || strings.Contains(body, "GOV.UK</") {
		t.Fatal("the page carries GOV.UK branding")
	}
	for _, want := range []string{`class="govuk-service-navigation__link">peervoice</a>`, `href="#main-content"`, `lang="en"`, `href="/accessibility"`, `href="/privacy"`} {
		if !strings.Contains(body, want) {
			t.Errorf("layout lacks %s", want)
		}
	}
}

func TestNotFoundAndServerErrorPages(t *testing.T) {
	e := newEnv(t)
	w := e.anonymous().get("/no/such/page")
	wantStatus(t, w, http.StatusNotFound)
	if !strings.Contains(w.Body.String(), "Page not found") {
		t.Fatal("404 page")
	}
	// A broken store: the page says nothing of the cause; the log has it.
	b := e.signedIn("admin")
	if _, err := e.db.SQL().Exec("ALTER TABLE sites RENAME TO sites_gone"); err != nil {
		t.Fatal(err)
	}
	w = b.get("/programmes/alpha")
	wantStatus(t, w, http.StatusInternalServerError)
	if strings.Contains(w.Body.String(), "sites") || !strings.Contains(w.Body.String(), "Sorry, there is a problem") {
		t.Fatalf("500 page leaks or is wrong: %s", w.Body.String())
	}
	if !strings.Contains(e.logs.String(), "no such table: sites") {
		t.Fatalf("the cause was not logged: %s", e.logs.String())
	}
}

func TestNavigationByRole(t *testing.T) {
	e := newEnv(t)
	for user, want := range map[string]string{
		"admin":         "Programmes|Users|Audit log|Your account",
		"coordinator":   "Programmes|Users|Your account",
		"analyst":       "Programmes|Your account",
		"decisionmaker": "Programmes|Your account",
	} {
		e.signedIn(user).get("/account")
		var got []string
		for _, n := range e.last("account").Nav {
			got = append(got, n.Text)
			if n.Current != (n.Href == "/account") {
				t.Errorf("%s: %s current = %v", user, n.Text, n.Current)
			}
		}
		if strings.Join(got, "|") != want {
			t.Errorf("%s: nav %v, want %s", user, got, want)
		}
	}
	e.anonymous().get("/accessibility")
	if v := e.last("accessibility"); v.Nav != nil || v.User != nil {
		t.Fatal("anonymous visitor has navigation")
	}
}
