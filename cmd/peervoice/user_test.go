package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestUserInvitePrintsWorkingLink(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	env := map[string]string{"PEERVOICE_DEMO_PASSWORD": "a demo password for tests"}
	if code, _, errOut := run(t, env, "--db", db, "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	code, out, errOut := run(t, nil, "--db", db, "user", "invite", "new.person@example.org", "--role", "analyst", "--programme", "hmpps-long-term-strategy", "--base-url", "https://pv.example.org/")
	m := regexp.MustCompile(`https://pv\.example\.org(/invitations/[A-Za-z0-9_-]{43})\n`).FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("invite: %d %q %s", code, out, errOut)
	}
	base := startServer(t, nil, "--db", db)
	resp, err := http.Get(base + m[1])
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "new.person@example.org") {
		t.Fatalf("invitation page: %d", resp.StatusCode)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = client.PostForm(base+m[1], url.Values{"name": {"New Person"}, "password": {"quiet harbour lamp post"}, "confirm_password": {"quiet harbour lamp post"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %d", resp.StatusCode)
	}
	resp, _ = client.PostForm(base+"/sign-in", url.Values{"email": {"new.person@example.org"}, "password": {"quiet harbour lamp post"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/programmes" {
		t.Fatalf("sign-in as the new user: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestUserInviteUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, args := range [][]string{
		{"user"},
		{"user", "invite"},
		{"user", "invite", "a@example.org", "--role", "admin", "--programme", "x"},
	} {
		if code, _, errOut := run(t, nil, append([]string{"--db", db}, args...)...); code != 2 {
			t.Errorf("%v: code %d %s", args, code, errOut)
		}
	}
	if code, _, errOut := run(t, nil, "--db", db, "user", "invite", "a@example.org", "--role", "wizard", "--programme", "nope"); code != 1 || !strings.Contains(errOut, "not found") {
		t.Errorf("unknown programme: %d %s", code, errOut)
	}
	code, out, _ := run(t, nil, "--db", db, "user", "invite", "root@example.org", "--role", "admin")
	if code != 0 || !strings.Contains(out, "http://127.0.0.1:8080/invitations/") {
		t.Errorf("admin invite: %d %s", code, out)
	}
}

// TestServeDemoBehindSignIn is what `make run` shows: the demo programme
// behind the sign-in page, with TOTP set-up demanded of the coordinator.
func TestServeDemoBehindSignIn(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	env := map[string]string{"PEERVOICE_DEMO_PASSWORD": "a demo password for tests"}
	if code, _, errOut := run(t, env, "--db", db, "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	base := startServer(t, nil, "--db", db)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	get := func(path string) (string, string) {
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.Request.URL.Path, string(b)
	}
	if path, body := get("/"); path != "/sign-in" || !strings.Contains(body, "Sign in") {
		t.Fatalf("/ went to %s", path)
	}
	signIn := func(email string) string {
		resp, err := client.PostForm(base+"/sign-in", url.Values{"email": {email}, "password": {env["PEERVOICE_DEMO_PASSWORD"]}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Request.URL.Path
	}
	if path := signIn("analyst@demo.test"); path != "/programmes" {
		t.Fatalf("analyst landed on %s", path)
	}
	if _, body := get("/programmes/hmpps-long-term-strategy"); !strings.Contains(body, "HMPPS long-term strategy") || !strings.Contains(body, "Participants by site") {
		t.Fatal("the demo programme overview is missing")
	}
	jar, _ = cookiejar.New(nil)
	client.Jar = jar
	if path := signIn("coordinator@demo.test"); path != "/sign-in/totp/set-up" {
		t.Fatalf("coordinator landed on %s", path)
	}
}
