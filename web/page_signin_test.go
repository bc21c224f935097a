package web

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"peervoice/audit"
	"peervoice/auth"
	"peervoice/domain"
)

func credentials(email, password string) url.Values {
	return url.Values{"email": {email}, "password": {password}}
}

func TestSignInFormValidate(t *testing.T) {
	cases := []struct {
		f    signInForm
		want []string
	}{
		{signInForm{}, []string{"email", "password"}},
		{signInForm{Email: "a@example.org"}, []string{"password"}},
		{signInForm{Email: "a@example.org", Password: "x"}, nil},
	}
	for _, c := range cases {
		var got []string
		for _, fe := range c.f.Validate().List() {
			got = append(got, fe.Field)
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%+v: errors on %v, want %v", c.f, got, c.want)
		}
	}
}

func TestSignInWithoutTOTPRole(t *testing.T) {
	e := newEnv(t)
	b := e.anonymous()
	w := b.post("/sign-in", credentials("Analyst@Example.org", testPassword))
	wantStatus(t, w, http.StatusSeeOther)
	if loc := w.Header().Get("Location"); loc != "/programmes" {
		t.Fatalf("redirect to %q", loc)
	}
	wantStatus(t, b.get("/programmes"), http.StatusOK)
	v := e.last("programmes")
	if v.User == nil || v.User.Email != "analyst@example.org" || len(v.Data.(programmesData).Programmes.Rows) != 1 {
		t.Fatalf("programmes view: %+v", v)
	}
	if es := e.auditEntries(audit.Filter{Resource: resourceWebSession}); len(es) != 1 || es[0].ActorID != e.users["analyst"].ID || es[0].Addr != "192.0.2.10" {
		t.Fatalf("sign-in not audited: %+v", es)
	}
}

func TestSignInWrongPasswordOrUnknownEmailSaySameThing(t *testing.T) {
	e := newEnv(t)
	for _, f := range []url.Values{credentials("analyst@example.org", "wrong password here"), credentials("nobody@example.org", testPassword)} {
		w := e.anonymous().post("/sign-in", f)
		wantStatus(t, w, http.StatusUnprocessableEntity)
		v := e.last("sign-in")
		if v.Errors.Get("email") != errBadLogin || v.Data.(signInData).Email != f.Get("email") {
			t.Fatalf("errors %+v data %+v", v.Errors.List(), v.Data)
		}
		if w.Header().Get("Set-Cookie") != "" {
			t.Fatal("a failed sign-in set a cookie")
		}
	}
}

// A user made coordinator while signed in must set up TOTP before going on.
func TestNewCoordinatorMustSetUpTOTP(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("analyst")
	wantStatus(t, b.get("/programmes"), http.StatusOK)
	e.must(e.db.AddMembership(context.Background(), domain.Membership{UserID: e.users["analyst"].ID, ProgrammeID: e.progB.ID, Role: domain.RoleCoordinator}))
	w := b.get("/programmes")
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/sign-in/totp/set-up" {
		t.Fatalf("new coordinator: %d %s", w.Code, w.Header().Get("Location"))
	}
	wantStatus(t, b.get("/sign-in/totp/set-up"), http.StatusOK)
}

func TestSessionCookieFlags(t *testing.T) {
	e := newEnv(t)
	for _, withTLS := range []bool{false, true} {
		r := httptest.NewRequest("POST", "/sign-in", strings.NewReader(credentials("analyst@example.org", testPassword).Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if withTLS {
			r.TLS = &tls.ConnectionState{}
		}
		w := httptest.NewRecorder()
		e.srv.ServeHTTP(w, r)
		cs := w.Result().Cookies()
		if len(cs) != 1 {
			t.Fatalf("cookies: %v", cs)
		}
		c := cs[0]
		if c.Name != cookieName || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure != withTLS || c.Path != "/" || len(c.Value) < 40 {
			t.Fatalf("TLS %v: cookie %+v", withTLS, c)
		}
		// Only the hash of the token is stored.
		if _, err := e.db.WebSession(context.Background(), c.Value); domain.ErrorCode(err) != domain.ENotFound {
			t.Fatal("the raw token is stored")
		}
		if _, err := e.db.WebSession(context.Background(), auth.HashToken(c.Value)); err != nil {
			t.Fatal(err)
		}
	}
}

// An admin or coordinator without TOTP must set it up before anything else;
// then sign-in asks for the code, and a recovery code works once.
func TestTOTPSetUpThenEntryThenRecoveryCode(t *testing.T) {
	e := newEnv(t)
	b := e.anonymous()
	w := b.post("/sign-in", credentials("coordinator@example.org", testPassword))
	if w.Header().Get("Location") != "/sign-in/totp/set-up" {
		t.Fatalf("redirect %q", w.Header().Get("Location"))
	}
	ws, _ := e.db.WebSession(context.Background(), auth.HashToken(b.cookie))
	b.csrf = ws.CSRF
	// Every member page sends them back to set-up.
	for _, p := range []string{"/programmes", "/account", "/programmes/alpha"} {
		if w := b.get(p); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/sign-in/totp/set-up" {
			t.Fatalf("%s before TOTP: %d %s", p, w.Code, w.Header().Get("Location"))
		}
	}
	wantStatus(t, b.get("/sign-in/totp/set-up"), http.StatusOK)
	setup := e.last("totp-set-up").Data.(totpSetupData)
	if len(setup.Secret) < 16 || !strings.HasPrefix(setup.URI, "otpauth://totp/peervoice:coordinator@example.org?secret="+setup.Secret) {
		t.Fatalf("set-up data %+v", setup)
	}
	b.get("/sign-in/totp/set-up")
	if again := e.last("totp-set-up").Data.(totpSetupData); again.Secret != setup.Secret {
		t.Fatal("a reload changed the secret")
	}
	wantStatus(t, b.post("/sign-in/totp/set-up", url.Values{"code": {"000000"}}), http.StatusUnprocessableEntity)
	before := b.cookie
	code, _ := auth.TOTPCode(setup.Secret, e.clock.Now())
	wantStatus(t, b.post("/sign-in/totp/set-up", url.Values{"code": {code}}), http.StatusOK)
	codes := e.last("recovery-codes").Data.(recoveryData).Codes
	if len(codes) != auth.RecoveryCodeCount || b.cookie == before {
		t.Fatalf("%d codes; session rotated: %v", len(codes), b.cookie != before)
	}
	wantStatus(t, b.get("/programmes"), http.StatusOK)
	wantStatus(t, (&browser{e: e, cookie: before}).get("/sign-in/totp/set-up"), http.StatusSeeOther) // old token is dead

	// Next sign-in: password, then the code.
	b2 := e.anonymous()
	if w := b2.post("/sign-in", credentials("coordinator@example.org", testPassword)); w.Header().Get("Location") != "/sign-in/totp" {
		t.Fatalf("second sign-in went to %q", w.Header().Get("Location"))
	}
	ws, _ = e.db.WebSession(context.Background(), auth.HashToken(b2.cookie))
	b2.csrf = ws.CSRF
	wantStatus(t, b2.get("/programmes"), http.StatusSeeOther)
	wantStatus(t, b2.post("/sign-in/totp", url.Values{"code": {"123456"}}), http.StatusUnprocessableEntity)
	wantStatus(t, b2.post("/sign-in/totp", url.Values{"recovery_code": {strings.ToUpper(codes[3])}}), http.StatusSeeOther)
	wantStatus(t, b2.get("/programmes"), http.StatusOK)

	// The same recovery code does not work twice.
	b3 := e.anonymous()
	b3.post("/sign-in", credentials("coordinator@example.org", testPassword))
	ws, _ = e.db.WebSession(context.Background(), auth.HashToken(b3.cookie))
	b3.csrf = ws.CSRF
	wantStatus(t, b3.post("/sign-in/totp", url.Values{"recovery_code": {codes[3]}}), http.StatusUnprocessableEntity)
	// Nor does the code used at set-up, still inside its 90-second window.
	e.clock.Add(20 * time.Second)
	wantStatus(t, b3.post("/sign-in/totp", url.Values{"code": {code}}), http.StatusUnprocessableEntity)
	e.clock.Add(time.Minute)
	code, _ = auth.TOTPCode(setup.Secret, e.clock.Now())
	wantStatus(t, b3.post("/sign-in/totp", url.Values{"code": {code}}), http.StatusSeeOther)
	wantStatus(t, b3.get("/account"), http.StatusOK)
	if es := e.auditEntries(audit.Filter{Resource: resourceTOTP}); len(es) != 1 {
		t.Fatalf("TOTP set-up audited %d times", len(es))
	}
}

func TestRateLimitPerAccountAndPerAddress(t *testing.T) {
	e := newEnv(t)
	for i := range maxAccountFailures {
		w := e.anonymous().post("/sign-in", credentials("analyst@example.org", "wrong password "+itoa(i)))
		wantStatus(t, w, http.StatusUnprocessableEntity)
	}
	// Now even the right password is refused for that account...
	w := e.anonymous().post("/sign-in", credentials("analyst@example.org", testPassword))
	wantStatus(t, w, http.StatusTooManyRequests)
	if e.last("sign-in").Errors.Get("email") != errTooMany {
		t.Fatal("no rate-limit message")
	}
	// ...but another account from the same address still works,
	if w := e.anonymous().post("/sign-in", credentials("safeguarding@example.org", testPassword)); w.Code != http.StatusSeeOther {
		t.Fatalf("other account: %d", w.Code)
	}
	// and after the window, the first account works again.
	e.clock.Add(failureWindow + time.Second)
	wantStatus(t, e.anonymous().post("/sign-in", credentials("analyst@example.org", testPassword)), http.StatusSeeOther)

	// Per address: many accounts guessed from one address.
	for i := range maxAddrFailures {
		e.anonymous().post("/sign-in", credentials("guess"+itoa(i)+"@example.org", "wrong password"))
	}
	wantStatus(t, e.anonymous().post("/sign-in", credentials("decisionmaker@example.org", testPassword)), http.StatusTooManyRequests)
}

func TestIdleAndAbsoluteExpiryEndSessionsOnServer(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("analyst")
	e.clock.Add(29 * time.Minute)
	wantStatus(t, b.get("/programmes"), http.StatusOK) // moves the idle deadline on
	e.clock.Add(29 * time.Minute)
	wantStatus(t, b.get("/programmes"), http.StatusOK)
	e.clock.Add(31 * time.Minute)
	w := b.get("/programmes")
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/sign-in" {
		t.Fatalf("after 31 idle minutes: %d %s", w.Code, w.Header().Get("Location"))
	}
	if _, err := e.db.WebSession(context.Background(), auth.HashToken(b.cookie)); err == nil {
		t.Fatal("the expired session is still in the database")
	}

	// Absolute: busy all day, still ends at 12 hours.
	b = e.signedIn("analyst")
	for range 12*4 - 1 {
		e.clock.Add(15 * time.Minute)
		wantStatus(t, b.get("/account"), http.StatusOK)
	}
	e.clock.Add(15 * time.Minute)
	wantStatus(t, b.get("/account"), http.StatusSeeOther)
}

func TestSignOutEndsSessionOnServer(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("analyst")
	token := b.cookie
	w := b.post("/sign-out", nil)
	wantStatus(t, w, http.StatusSeeOther)
	if _, err := e.db.WebSession(context.Background(), auth.HashToken(token)); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatal("the session survived sign-out")
	}
	replay := &browser{e: e, cookie: token}
	wantStatus(t, replay.get("/programmes"), http.StatusSeeOther)
}

func TestCrossSitePostsRefused(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("analyst")
	form := url.Values{"current_password": {testPassword}, "new_password": {"a brand new passphrase"}, "confirm_password": {"a brand new passphrase"}, "csrf": {b.csrf}}
	w := b.do("POST", "/account/password", form, "Sec-Fetch-Site", "cross-site")
	wantStatus(t, w, http.StatusForbidden)
	w = b.do("POST", "/account/password", form, "Origin", "https://evil.example")
	wantStatus(t, w, http.StatusForbidden)
	w = b.do("POST", "/sign-in", credentials("analyst@example.org", testPassword), "Sec-Fetch-Site", "cross-site")
	wantStatus(t, w, http.StatusForbidden)
	// Same-site requests without the form's token are refused too.
	form.Set("csrf", "forged")
	wantStatus(t, b.do("POST", "/account/password", form, "Sec-Fetch-Site", "same-origin"), http.StatusBadRequest)
	u, _ := e.db.UserByID(context.Background(), e.users["analyst"].ID)
	if !auth.CheckPassword(u.PasswordHash, testPassword) {
		t.Fatal("a refused request changed the password")
	}
}
