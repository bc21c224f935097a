package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"peervoice/audit"
	"peervoice/auth"
	"peervoice/domain"
)

func TestInviteThenAccept(t *testing.T) {
	e := newEnv(t)
	coord := e.signedIn("coordinator")
	wantStatus(t, coord.get("/users/invite"), http.StatusOK)
	d := e.last("invite").Data.(inviteData)
	if len(d.Programmes) != 1 || d.Programmes[0].Value != e.progA.ID || len(d.Roles) != len(domain.Roles) {
		t.Fatalf("coordinator may invite to %+v as %+v", d.Programmes, d.Roles)
	}
	// A coordinator of A cannot invite to B, nor make an admin.
	for _, f := range []url.Values{
		{"email": {"x@example.org"}, "programme": {e.progB.ID}, "role": {"analyst"}},
		{"email": {"x@example.org"}, "programme": {e.progA.ID}, "role": {"admin"}},
	} {
		wantStatus(t, coord.post("/users/invite", f), http.StatusUnprocessableEntity)
	}
	w := coord.post("/users/invite", url.Values{"email": {"New.Analyst@example.org"}, "programme": {e.progA.ID}, "role": {"analyst"}})
	wantStatus(t, w, http.StatusOK)
	link := e.last("invite").Data.(inviteData).Link
	if !strings.HasPrefix(link, "http://example.com/invitations/") {
		t.Fatalf("link %q", link)
	}
	path := strings.TrimPrefix(link, "http://example.com")
	if es := e.auditEntries(audit.Filter{Resource: resourceInvitation}); len(es) != 1 || es[0].ProgrammeID != e.progA.ID {
		t.Fatalf("invitation not audited: %+v", es)
	}

	b := e.anonymous()
	wantStatus(t, b.get(path), http.StatusOK)
	if d := e.last("invitation").Data.(invitationData); d.Email != "new.analyst@example.org" || d.Role != "Analyst in Programme alpha" {
		t.Fatalf("invitation page %+v", d)
	}
	wantStatus(t, b.post(path, url.Values{"name": {"Nia"}, "password": {"password1234"}, "confirm_password": {"password1234"}}), http.StatusUnprocessableEntity)
	if e.last("invitation").Errors.Get("password") == "" {
		t.Fatal("a breached password was accepted")
	}
	wantStatus(t, b.post(path, url.Values{"name": {"Nia Analyst"}, "password": {"river otter lantern"}, "confirm_password": {"river otter lantern"}}), http.StatusSeeOther)
	u, err := e.db.UserByEmail(context.Background(), "new.analyst@example.org")
	if err != nil || u.Name != "Nia Analyst" || !auth.CheckPassword(u.PasswordHash, "river otter lantern") {
		t.Fatalf("user %+v %v", u, err)
	}
	ms, _ := e.db.Memberships(context.Background(), u.ID)
	if len(ms) != 1 || ms[0].Role != domain.RoleAnalyst || ms[0].ProgrammeID != e.progA.ID {
		t.Fatalf("memberships %+v", ms)
	}
	// The link works once.
	wantStatus(t, b.get(path), http.StatusNotFound)
	wantStatus(t, b.post(path, url.Values{"name": {"Again"}, "password": {"river otter lantern"}, "confirm_password": {"river otter lantern"}}), http.StatusNotFound)
}

func TestUsersPageScopedToManagedProgrammes(t *testing.T) {
	e := newEnv(t)
	e.signedIn("coordinatorB").get("/users")
	rows := e.last("users").Data.(usersData).Users.Rows
	if len(rows) != 1 || rows[0][1].Text != "coordinatorb@example.org" {
		t.Fatalf("coordinator B sees %v", rows)
	}
	e.signedIn("admin").get("/users")
	if rows := e.last("users").Data.(usersData).Users.Rows; len(rows) != len(e.users) {
		t.Fatalf("admin sees %d users, want %d", len(rows), len(e.users))
	}
	wantStatus(t, e.signedIn("analyst").get("/users"), http.StatusNotFound)
	wantStatus(t, e.signedIn("analyst").get("/users/invite"), http.StatusNotFound)
}

func TestAuditPageFilters(t *testing.T) {
	e := newEnv(t)
	e.signedIn("facilitator").get("/programmes/alpha/sessions/" + e.sessA1.ID)
	e.signedIn("analyst").get("/programmes/alpha/sessions/" + e.sessA2.ID)
	admin := e.signedIn("admin")
	wantStatus(t, admin.get("/audit?actor=facilitator@example.org"), http.StatusOK)
	rows := e.last("audit").Data.(auditData).Entries.Rows
	if len(rows) != 1 || rows[0][1].Text != "facilitator@example.org" || rows[0][3].Text != audit.ResourceContribution || rows[0][5].Text != "Programme alpha" {
		t.Fatalf("filtered rows %v", rows)
	}
	admin.get("/audit?resource=contribution")
	if rows := e.last("audit").Data.(auditData).Entries.Rows; len(rows) != 2 {
		t.Fatalf("%d contribution reads", len(rows))
	}
	admin.get("/audit?actor=nobody@example.org")
	if rows := e.last("audit").Data.(auditData).Entries.Rows; len(rows) != 0 {
		t.Fatal("an unknown actor matched entries")
	}
	wantStatus(t, admin.get("/audit?from=yesterday"), http.StatusUnprocessableEntity)
	if e.last("audit").Errors.Get("from") == "" {
		t.Fatal("bad date not reported")
	}
	wantStatus(t, e.signedIn("coordinator").get("/audit"), http.StatusNotFound)
}
