package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"peervoice/audit"
)

func TestFacilitatorProfileTrainingClearanceAvailability(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("coordinator")
	w := b.post("/programmes/alpha/facilitators", url.Values{"name": {"Jordan Okafor"}, "email": {"Jordan@Example.org"}, "lived_experience": {"Served 3 years at HMP Big"}})
	wantStatus(t, w, http.StatusSeeOther)
	path := w.Header().Get("Location")
	if !strings.HasPrefix(path, "/programmes/alpha/facilitators/") {
		t.Fatalf("redirect to %s", path)
	}
	wantStatus(t, b.get(path), http.StatusOK)
	if es := e.auditEntries(audit.Filter{Resource: resourceFacilitator}); len(es) != 2 || es[0].Action != audit.ActionRead {
		t.Fatalf("reading the private note is not audited: %+v", es)
	}
	d := e.last("facilitator").Data.(facilitatorData)
	if d.Form.LivedExperience != "Served 3 years at HMP Big" || d.Form.Email != "jordan@example.org" || len(d.Sites) != 3 {
		t.Fatalf("facilitator page: %+v", d)
	}
	site := e.siteIDs(e.progA.ID)["HMP Big alpha"]
	for _, c := range []struct {
		v            url.Values
		field, words string
	}{
		{url.Values{"form": {"clearance"}, "site_id": {site}, "status": {"granted"}}, "expires_on", "Enter the date a granted clearance expires"},
		{url.Values{"form": {"clearance"}, "site_id": {e.siteIDs(e.progB.ID)["HMP Big bravo"]}, "status": {"requested"}}, "site_id", "Choose the site"},
		{url.Values{"form": {"training"}, "course": {"first_aid"}, "completed_on": {"2026-01-01"}}, "course", "Choose safeguarding"},
		{url.Values{"form": {"training"}, "course": {"safeguarding"}, "completed_on": {"2026-01-01"}, "training_expires_on": {"2025-01-01"}}, "training_expires_on", "after the date"},
		{url.Values{"form": {"availability"}, "unavailable_on": {"next Tuesday"}}, "unavailable_on", "YYYY-MM-DD"},
		{url.Values{"form": {"profile"}, "name": {"Jordan Okafor"}, "email": {"not-an-email"}}, "email", "correct format"},
	} {
		wantStatus(t, b.post(path, c.v), http.StatusUnprocessableEntity)
		e.wantFieldError("facilitator", c.field, c.words)
	}
	for _, v := range []url.Values{
		{"form": {"clearance"}, "site_id": {site}, "status": {"granted"}, "expires_on": {"2026-12-31"}},
		{"form": {"training"}, "course": {"safeguarding"}, "completed_on": {"2026-01-10"}, "training_expires_on": {"2026-10-10"}},
		{"form": {"availability"}, "unavailable_on": {"2026-10-20"}},
		{"form": {"profile"}, "name": {"Jordan Okafor"}, "email": {"jordan@example.org"}, "lived_experience": {"Updated note"}},
	} {
		wantStatus(t, b.post(path, v), http.StatusSeeOther)
	}
	wantStatus(t, b.get(path), http.StatusOK)
	d = e.last("facilitator").Data.(facilitatorData)
	if len(d.Clearances.Rows) != 1 || d.Clearances.Rows[0][1].Text != "Granted" || len(d.Training.Rows) != 1 ||
		len(d.Unavailable) != 1 || d.Unavailable[0] != "20 October 2026" || d.Form.LivedExperience != "Updated note" {
		t.Fatalf("records: %+v", d)
	}
	// The list warns of the training lapsing on 10 October (clock: 5 October).
	wantStatus(t, b.get("/programmes/alpha/facilitators"), http.StatusOK)
	list := e.last("facilitators").Data.(facilitatorsData)
	if len(list.Expiring) != 1 || list.Expiring[0] != "Jordan Okafor's safeguarding training expires on 10 October." {
		t.Fatalf("expiring: %q", list.Expiring)
	}
	if row := rowStarting(list.Facilitators.Rows, "Jordan Okafor"); row == nil || row[2].Text != "HMP Big alpha" {
		t.Fatalf("cleared-for column: %+v", list.Facilitators.Rows)
	}
	// The private note is for coordinators: not the facilitator themselves.
	wantStatus(t, e.signedIn("facilitator").get(path), http.StatusNotFound)
	wantStatus(t, e.signedIn("analyst").get("/programmes/alpha/facilitators"), http.StatusNotFound)
}

func TestFacilitatorDuplicateEmail(t *testing.T) {
	e := newEnv(t)
	wantStatus(t, e.signedIn("coordinator").post("/programmes/alpha/facilitators", url.Values{"name": {"Another"}, "email": {"fac1@example.org"}}),
		http.StatusUnprocessableEntity)
	e.wantFieldError("facilitators", "email", "already exists")
}

func rowStarting(rows [][]Cell, first string) []Cell {
	for _, r := range rows {
		if r[0].Text == first {
			return r
		}
	}
	return nil
}
