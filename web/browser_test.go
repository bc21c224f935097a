package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"peervoice/auth"
)

// The browser tests drive the real pages in headless Chromium: sign-in with
// TOTP, a keyboard-only walk, and axe-core on every page. Outside CI they
// skip loudly when Chromium or axe-core is missing; in CI they fail.

// chromiumPath finds the Debian chromium binary.
func chromiumPath(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missing(t, "Chromium is not installed (run scripts/test-tools.sh, or apt-get install chromium)")
	return ""
}

// axeSource is axe-core from node_modules, installed by `make deps`.
func axeSource(t *testing.T) string {
	b, err := os.ReadFile(filepath.Join("..", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		missing(t, "axe-core is not installed (run make deps)")
	}
	return string(b)
}

func missing(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("browser tests cannot run in CI: %s", what)
	}
	t.Skipf("\n\n*** SKIPPING BROWSER TESTS: %s ***\n\n", what)
}

// browserEnv is a server on a real port and a headless browser.
type browserEnv struct {
	*env
	base string
	ctx  context.Context
	axe  string
}

func newBrowserEnv(t *testing.T) *browserEnv {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	exe, axe := chromiumPath(t), axeSource(t)
	e := newEnv(t)
	ts := httptest.NewServer(e.srv)
	t.Cleanup(ts.Close)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.WindowSize(1280, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	// axe is injected through DevTools; allow it past the page's CSP.
	if _, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	return &browserEnv{env: e, base: ts.URL, ctx: ctx, axe: axe}
}

// run does the steps in order, failing the test at the first error.
func (b *browserEnv) run(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("on %s: %v", b.location(), err)
	}
}

// eval evaluates JavaScript in the page, awaiting a promise.
func eval[T any](b *browserEnv, script string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatal(err)
	}
	return v
}

// axeViolation is the part of an axe result the test reports.
type axeViolation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// checkAxe runs axe-core on the current page for WCAG 2.2 A and AA and
// fails the test on any violation.
func (b *browserEnv) checkAxe(name string) {
	b.t.Helper()
	for _, v := range b.axeViolations(name) {
		b.t.Errorf("%s: axe %s: %s (%d nodes, first %v)", name, v.ID, v.Help, len(v.Nodes), v.Nodes[0].Target)
	}
}

func (b *browserEnv) axeViolations(name string) []axeViolation {
	b.t.Helper()
	script := b.axe + `;axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}})` +
		`.then(r => JSON.stringify({violations: r.violations, passes: r.passes.length}))`
	raw := eval[string](b, script)
	var res struct {
		Violations []axeViolation `json:"violations"`
		Passes     int            `json:"passes"`
	}
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		b.t.Fatalf("%s: axe result: %v", name, err)
	}
	if res.Passes == 0 {
		b.t.Fatalf("%s: axe checked nothing", name)
	}
	return res.Violations
}

// visit opens a page and checks it with axe.
func (b *browserEnv) visit(path string) {
	b.t.Helper()
	b.run(chromedp.Navigate(b.base+path), chromedp.WaitReady(chromedp.CSS("body")))
	b.checkAxe(path)
}

func (b *browserEnv) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatal(err)
	}
	return strings.TrimSpace(s)
}

func (b *browserEnv) location() string {
	s, _ := chromedp.Run(b.ctx, chromedp.Location())
	return strings.TrimPrefix(s, b.base)
}

// signInWithTOTPSetUp signs in as a coordinator through the pages, sets up
// TOTP from the secret shown, and lands on the recovery codes.
func (b *browserEnv) signInWithTOTPSetUp(email string) {
	b.visit("/sign-in")
	b.run(chromedp.Click(chromedp.CSS("button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	b.checkAxe("sign-in with errors")
	b.run(chromedp.SendKeys(chromedp.ID("email"), email), chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.ID("totp-secret")))
	if loc := b.location(); loc != "/sign-in/totp/set-up" {
		b.t.Fatalf("after password: %s", loc)
	}
	b.checkAxe("TOTP set-up")
	code, err := auth.TOTPCode(b.text("#totp-secret"), b.clock.Now())
	if err != nil {
		b.t.Fatal(err)
	}
	b.run(chromedp.SendKeys(chromedp.ID("code"), code), chromedp.Submit(chromedp.ID("code")),
		chromedp.WaitVisible(chromedp.ID("recovery-codes")))
	b.checkAxe("recovery codes")
}

func TestBrowserSignInWithTOTPAndAxeOnEveryPage(t *testing.T) {
	b := newBrowserEnv(t)
	b.signInWithTOTPSetUp("coordinator@example.org")
	for _, p := range []string{"/programmes", "/programmes/alpha", "/programmes/alpha/sessions/" + b.sessA1.ID,
		"/account", "/users", "/users/invite", "/accessibility", "/privacy", "/no-such-page"} {
		b.visit(p)
	}
	// The harness must be able to fail: an image without alt text is caught.
	eval[bool](b, `(() => { const i = document.createElement('img'); i.src = 'data:,'; document.querySelector('main').append(i); return true })()`)
	if vs := b.axeViolations("planted"); len(vs) != 1 || vs[0].ID != "image-alt" {
		t.Fatalf("axe missed a planted violation: %+v", vs)
	}
	b.run(chromedp.Navigate(b.base+"/users/invite"), chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	b.checkAxe("invite with errors")
	b.run(chromedp.Navigate(b.base+"/account"), chromedp.Click(chromedp.CSS("form[action='/account/password'] button")),
		chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	b.checkAxe("account with errors")
}

func TestBrowserAdminPagesAndSecondSignIn(t *testing.T) {
	b := newBrowserEnv(t)
	b.signInWithTOTPSetUp("admin@example.org")
	b.visit("/audit")
	b.visit("/audit?resource=contribution&from=2026-01-01")
	b.visit("/audit?from=not-a-date")
	// Sign out with the keyboard, then sign in again with a code.
	b.run(chromedp.Navigate(b.base+"/programmes"), chromedp.Focus(chromedp.CSS("form[action='/sign-out'] button")),
		chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS(".govuk-notification-banner")))
	b.checkAxe("signed out")
	b.run(chromedp.SendKeys(chromedp.ID("email"), "admin@example.org"), chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.ID("code")))
	b.checkAxe("TOTP entry")
	u, err := b.db.UserByEmail(b.ctx, "admin@example.org")
	if err != nil {
		t.Fatal(err)
	}
	code, _ := auth.TOTPCode(u.TOTPSecret, b.clock.Now().Add(30*time.Second))
	b.run(chromedp.SendKeys(chromedp.ID("code"), code), chromedp.Submit(chromedp.ID("code")), chromedp.WaitVisible(chromedp.CSS("a[href='/programmes/alpha']")))
	if loc := b.location(); loc != "/programmes" {
		t.Fatalf("after TOTP: %s", loc)
	}
}

// TestBrowserKeyboardWalk moves through the main pages with Tab and Enter
// only: the skip link comes first, focus is always visible on an element,
// and every main page is reachable.
func TestBrowserKeyboardWalk(t *testing.T) {
	b := newBrowserEnv(t)
	b.run(chromedp.Navigate(b.base+"/sign-in"), chromedp.WaitReady(chromedp.CSS("body")))
	first := b.tab()
	if !strings.Contains(first, "Skip to main content") {
		t.Fatalf("first Tab stop is %q, not the skip link", first)
	}
	// Sign in with the keyboard alone: Tab to the fields, type, Enter.
	b.tabTo("#email")
	b.run(chromedp.KeyEvent("analyst@example.org"))
	b.tabTo("#password")
	b.run(chromedp.KeyEvent(testPassword), chromedp.KeyEvent(kb.Enter))
	if loc := b.waitLeave("/sign-in"); loc != "/programmes" {
		t.Fatalf("keyboard sign-in went to %s", loc)
	}
	for _, step := range []struct{ link, want string }{
		{"a[href='/programmes/alpha']", "/programmes/alpha"},
		{"a[href^='/programmes/alpha/sessions/']", "/programmes/alpha/sessions/"},
		{"a.govuk-back-link", "/programmes/alpha"},
		{"a[href='/account']", "/account"},
		{"a[href='/accessibility']", "/accessibility"},
	} {
		b.tabTo(step.link)
		from := b.location()
		b.run(chromedp.KeyEvent(kb.Enter))
		if loc := b.waitLeave(from); !strings.HasPrefix(loc, step.want) {
			t.Fatalf("Enter on %s went to %s", step.link, loc)
		}
	}
}

// waitLeave waits for the browser to leave a page and the next to load.
func (b *browserEnv) waitLeave(from string) string {
	b.t.Helper()
	for range 100 {
		if loc := b.location(); loc != from {
			b.run(chromedp.WaitReady(chromedp.CSS("footer")))
			return loc
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("still on %s", from)
	return ""
}

// tab presses Tab and describes the focused element.
func (b *browserEnv) tab() string {
	b.run(chromedp.KeyEvent(kb.Tab))
	return eval[string](b, `(() => { const e = document.activeElement;
		return e ? (e.tagName + ' ' + (e.id || '') + ' ' + (e.getAttribute('href') || '') + ' ' + e.textContent.trim()) : '' })()`)
}

// tabTo presses Tab until the element matching sel has focus.
func (b *browserEnv) tabTo(sel string) {
	b.t.Helper()
	for range 60 {
		b.tab()
		if eval[bool](b, `!!document.activeElement && document.activeElement.matches(`+jsString(sel)+`)`) {
			return
		}
	}
	b.t.Fatalf("Tab never reached %s on %s", sel, b.location())
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestBrowserFindingsPages checks the opinion groups, debates and
// priorities pages with axe, with data so that the charts are drawn. Set
// PEERVOICE_SCREENSHOT_DIR to keep a screenshot of each for a human look.
func TestBrowserFindingsPages(t *testing.T) {
	b := newBrowserEnv(t)
	b.seedCardVotes()
	b.seedDebates()
	b.seedDots()
	b.signInWithTOTPSetUp("coordinator@example.org")
	for _, name := range []string{"opinions", "debates", "priorities"} {
		b.visit("/programmes/alpha/" + name)
		if dir := os.Getenv("PEERVOICE_SCREENSHOT_DIR"); dir != "" {
			png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
