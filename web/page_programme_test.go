package web

import (
	"context"

	"net/http"
	"peervoice/domain"
	"strings"
	"testing"

	"peervoice/audit"
)

func cellTexts(rows [][]Cell) map[string]string {
	m := map[string]string{}
	for _, r := range rows {
		m[r[0].Text] = r[1].Text
	}
	return m
}

func TestProgrammeOverviewSuppressesSmallCounts(t *testing.T) {
	e := newEnv(t)
	wantStatus(t, e.signedIn("decisionmaker").get("/programmes/alpha"), http.StatusOK)
	d := e.last("programme").Data.(programmeData)
	checkBySite(t, d)
	reach := cellTexts(d.Reach.Rows)
	// 15 participants, 2 sites and 1 delivered session against the targets.
	// Sites and sessions are not counts of people, so they are not suppressed.
	if reach["Participants"] != "15" || reach["Sites"] != "2" || reach["Sessions delivered"] != "1" {
		t.Fatalf("reach: %v", reach)
	}
	if d.Reach.Rows[0][2].Text != "40" {
		t.Fatalf("target: %v", d.Reach.Rows[0])
	}
	// Withdraw all but four: the participant count falls under the threshold.
	for _, pt := range e.participants(e.progA.ID)[4:] {
		e.withdraw(pt.ID)
	}
	e.signedIn("decisionmaker").get("/programmes/alpha")
	if got := cellTexts(e.last("programme").Data.(programmeData).Reach.Rows)["Participants"]; got != "not shown" {
		t.Fatalf("4 participants shown as %q", got)
	}
	bySite := cellTexts(d.BySite.Rows)
	// 12 and 3: the 3 is suppressed, and so must be something else, or the
	// total would give it away.
	if bySite["HMP Small alpha"] != "not shown" || bySite["HMP Big alpha"] == "12" && bySite["Total"] == "15" {
		t.Fatalf("by site: %v", bySite)
	}
	if d.Legend == "" {
		t.Fatal("no suppression legend under a table with a suppressed cell")
	}
	// A decision-maker sees no sessions (and so no contribution-level links).
	if len(d.Sessions.Rows) != 0 {
		t.Fatalf("decision-maker sees sessions: %v", d.Sessions.Rows)
	}
}

func checkBySite(t *testing.T, d programmeData) {
	t.Helper()
	if len(d.BySite.Rows) != 3 {
		t.Fatalf("by site rows: %v", d.BySite.Rows)
	}
}

func TestProgrammeSessionsFilteredByRole(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct {
		user string
		want []string
	}{
		{"coordinator", []string{"Session one alpha", "Session two alpha"}},
		{"facilitator", []string{"Session one alpha"}},
		{"facilitator2", []string{"Session two alpha"}},
		{"analyst", []string{"Session one alpha", "Session two alpha"}},
	} {
		wantStatus(t, e.signedIn(c.user).get("/programmes/alpha"), http.StatusOK)
		var got []string
		for _, r := range e.last("programme").Data.(programmeData).Sessions.Rows {
			got = append(got, r[1].Text)
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s sees %v, want %v", c.user, got, c.want)
		}
	}
}

func TestProgrammesListOnlyMembers(t *testing.T) {
	e := newEnv(t)
	for user, want := range map[string]int{"admin": 2, "coordinator": 1, "coordinatorB": 1, "decisionmaker": 1} {
		e.signedIn(user).get("/programmes")
		if got := len(e.last("programmes").Data.(programmesData).Programmes.Rows); got != want {
			t.Errorf("%s sees %d programmes, want %d", user, got, want)
		}
	}
	e.signedIn("coordinatorB").get("/programmes")
	if row := e.last("programmes").Data.(programmesData).Programmes.Rows[0]; row[0].Href != "/programmes/bravo" || row[2].Text != "Coordinator" {
		t.Fatalf("row %+v", row)
	}
}

func TestSessionPageShowsOwnContributionsAndAuditsTheRead(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("facilitator")
	wantStatus(t, b.get("/programmes/alpha/sessions/"+e.sessA1.ID), http.StatusOK)
	d := e.last("session").Data.(sessionData)
	if !d.ShowText || len(d.Contributions.Rows) != 1 || d.Contributions.Rows[0][0].Text != e.contribA1 {
		t.Fatalf("contributions: %+v", d.Contributions.Rows)
	}
	es := e.auditEntries(audit.Filter{Resource: audit.ResourceContribution})
	if len(es) != 1 || es[0].ActorID != e.users["facilitator"].ID || es[0].ResourceID != e.sessA1.ID || es[0].ProgrammeID != e.progA.ID {
		t.Fatalf("audit: %+v", es)
	}
	// Another facilitator's session, and this one under the wrong programme.
	wantStatus(t, b.get("/programmes/alpha/sessions/"+e.sessA2.ID), http.StatusNotFound)
	wantStatus(t, e.signedIn("admin").get("/programmes/bravo/sessions/"+e.sessA1.ID), http.StatusNotFound)
	wantStatus(t, b.get("/programmes/alpha/sessions/not-a-uuid"), http.StatusNotFound)
}

func TestHostileTextRendersEscaped(t *testing.T) {
	e := newEnv(t)
	hostile := "<script>alert(1)</script>\r\nInjected: yes ' OR 1=1 --"
	_, err := e.db.CreateContributions(context.Background(), []domain.Contribution{
		{ProgrammeID: e.progA.ID, SessionID: e.sessA1.ID, Text: hostile}})
	e.must(err)
	body := e.signedIn("coordinator").get("/programmes/alpha/sessions/" + e.sessA1.ID).Body.String()
	if strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Fatal("contribution text was not escaped")
	}
	if !strings.Contains(body, "&#39; OR 1=1 --") {
		t.Fatal("the SQL-looking text was not stored and shown as written")
	}
}
