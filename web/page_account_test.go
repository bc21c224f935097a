package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"peervoice/auth"
)

func TestPasswordFormValidate(t *testing.T) {
	cases := []struct {
		f     passwordForm
		field string
	}{
		{passwordForm{New: "a long enough passphrase", Confirm: "a long enough passphrase"}, "current_password"},
		{passwordForm{Current: "x", New: "short", Confirm: "short"}, "new_password"},
		{passwordForm{Current: "x", New: "password12345", Confirm: "password12345"}, "new_password"},
		{passwordForm{Current: "x", New: "a long enough passphrase", Confirm: "a long enough passphrasE"}, "confirm_password"},
	}
	for _, c := range cases {
		if e := c.f.Validate(); e.Get(c.field) == "" {
			t.Errorf("%+v: no error on %s (%v)", c.f, c.field, e.List())
		}
	}
	long := strings.Repeat("long pasted passphrase ", 4) // 92 characters, with spaces
	for _, good := range []string{"a long enough passphrase 🙂", long, "    twelve spaces around    "} {
		f := passwordForm{Current: "x", New: good, Confirm: good}
		if f.Validate().Any() {
			t.Errorf("a good password %q was refused: %v", good, f.Validate().List())
		}
	}
}

func TestChangePasswordEndsOtherSessions(t *testing.T) {
	e := newEnv(t)
	b, other := e.signedIn("analyst"), e.signedIn("analyst")
	wantStatus(t, b.get("/account"), http.StatusOK)
	d := e.last("account").Data.(accountData)
	if d.Details[1].Value != "analyst@example.org" || d.Details[2].Value != "Analyst in Programme alpha" || !d.OfferTOTP {
		t.Fatalf("details %+v", d.Details)
	}
	w := b.post("/account/password", url.Values{"current_password": {"wrong"}, "new_password": {"a new passphrase here"}, "confirm_password": {"a new passphrase here"}})
	wantStatus(t, w, http.StatusUnprocessableEntity)
	if e.last("account").Errors.Get("current_password") == "" {
		t.Fatal("wrong current password not reported")
	}
	w = b.post("/account/password", url.Values{"current_password": {testPassword}, "new_password": {"a new passphrase here"}, "confirm_password": {"a new passphrase here"}})
	wantStatus(t, w, http.StatusSeeOther)
	u, _ := e.db.UserByID(context.Background(), e.users["analyst"].ID)
	if !auth.CheckPassword(u.PasswordHash, "a new passphrase here") {
		t.Fatal("password not changed")
	}
	wantStatus(t, other.get("/account"), http.StatusSeeOther)
	wantStatus(t, b.get("/account?changed=1"), http.StatusOK)
	if !e.last("account").Data.(accountData).Changed {
		t.Fatal("no confirmation")
	}
}
