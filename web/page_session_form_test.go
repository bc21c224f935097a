package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"peervoice/scheduling"
)

func TestSessionFormAppliesSchedulingRules(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("coordinator")
	big := e.siteIDs(e.progA.ID)["HMP Big alpha"]
	jordan := e.clearedFacilitator("Jordan Okafor", big, "2026-12-31")
	kit := e.clearedFacilitator("Kit Lowe", big, "2026-10-01")
	sam := e.clearedFacilitator("Sam Reid", e.siteIDs(e.progA.ID)["HMP Small alpha"], "2026-12-31")
	fac1, fac2 := e.sessA1.LeadFacilitatorID, e.sessA2.LeadFacilitatorID
	form := func(lead, co, date string) url.Values {
		return url.Values{"title": {"Morning group"}, "site_id": {big}, "date": {date}, "start_time": {"09:30"},
			"lead_facilitator_id": {lead}, "co_facilitator_id": {co}, "status": {"planned"}}
	}
	wantStatus(t, b.get("/programmes/alpha/sessions/new"), http.StatusOK)
	if d := e.last("session-form").Data.(sessionFormData); len(d.Sites) != 3 || len(d.Leads) != 6 || d.Form.Status != "planned" {
		t.Fatalf("form data: sites %d leads %d %+v", len(d.Sites), len(d.Leads), d.Form)
	}
	for _, c := range []struct {
		name         string
		v            url.Values
		field, words string
	}{
		{"outside the programme", form(jordan.ID, fac2, "2027-01-05"), "date", "must fall within the programme"},
		{"uncleared lead", form(sam.ID, jordan.ID, "2026-09-03"), "lead_facilitator_id", "Sam Reid is not cleared for HMP Big alpha on 3 September"},
		{"expired clearance", form(kit.ID, jordan.ID, "2026-10-14"), "lead_facilitator_id", "Kit Lowe's clearance for HMP Big alpha expires on 1 October, before the session on 14 October"},
		{"double booking", form(jordan.ID, fac1, "2026-09-10"), "co_facilitator_id", "Fac One is already booked on that date"},
		{"no co-facilitator", form(jordan.ID, "", "2026-10-14"), "co_facilitator_id", "Choose a co-facilitator"},
		{"same person twice", form(jordan.ID, jordan.ID, "2026-10-14"), "co_facilitator_id", "different person"},
		{"site of another programme", func() url.Values {
			v := form(jordan.ID, fac2, "2026-10-14")
			v.Set("site_id", e.siteIDs(e.progB.ID)["HMP Big bravo"])
			return v
		}(), "site_id", "programme's sites"},
		{"bad time", func() url.Values { v := form(jordan.ID, fac2, "2026-10-14"); v.Set("start_time", "9.30am"); return v }(), "start_time", "HH:MM"},
	} {
		wantStatus(t, b.post("/programmes/alpha/sessions/new", c.v), http.StatusUnprocessableEntity)
		if got := e.last("session-form").Errors.Get(c.field); !strings.Contains(got, c.words) {
			t.Errorf("%s: %s error %q, want %q", c.name, c.field, got, c.words)
		}
	}
	w := b.post("/programmes/alpha/sessions/new", form(jordan.ID, fac2, "2026-10-14"))
	wantStatus(t, w, http.StatusSeeOther)
	if loc := w.Header().Get("Location"); !strings.HasSuffix(loc, "/plan") {
		t.Fatalf("after create: %s", loc)
	}
	ss, _ := e.db.Sessions(context.Background(), e.progA.ID)
	if len(ss) != 3 || ss[2].LeadFacilitatorID != jordan.ID || ss[2].CoFacilitatorID != fac2 {
		t.Fatalf("sessions: %+v", ss)
	}
	// Jordan is now booked on the 14th: a second session that day clashes.
	wantStatus(t, b.post("/programmes/alpha/sessions/new", form(jordan.ID, fac1, "2026-10-14")), http.StatusUnprocessableEntity)
	e.wantFieldError("session-form", "lead_facilitator_id", "Jordan Okafor is already booked on that date (Morning group)")
}

func TestSessionEdit(t *testing.T) {
	e := newEnv(t)
	small := e.siteIDs(e.progA.ID)["HMP Small alpha"]
	fac2 := e.sessA2.LeadFacilitatorID
	e.must(e.db.PutClearance(context.Background(), &scheduling.Clearance{FacilitatorID: fac2, SiteID: small, Status: scheduling.ClearanceGranted, ExpiresOn: "2026-12-31"}))
	co := e.clearedFacilitator("Jordan Okafor", small, "2026-12-31")
	b := e.signedIn("coordinator")
	path := "/programmes/alpha/sessions/" + e.sessA2.ID + "/edit"
	wantStatus(t, b.get(path), http.StatusOK)
	f := e.last("session-form").Data.(sessionFormData).Form
	if f.Title != "Session two alpha" || f.Lead != fac2 || f.SiteID != small {
		t.Fatalf("edit form: %+v", f)
	}
	v := url.Values{"title": {"Renamed"}, "site_id": {small}, "date": {"2026-09-11"}, "start_time": {"10:00"},
		"lead_facilitator_id": {fac2}, "co_facilitator_id": {co.ID}, "status": {"delivered"}, "target_group": {"Women on remand"}}
	// Fac Two also leads a bravo session on the 11th: one person, two places.
	wantStatus(t, b.post(path, v), http.StatusUnprocessableEntity)
	e.wantFieldError("session-form", "lead_facilitator_id", "Fac Two is already booked on that date (Session two bravo)")
	// On the 12th the edit does not clash with the session itself.
	v.Set("date", "2026-09-12")
	wantStatus(t, b.post(path, v), http.StatusSeeOther)
	got, err := e.db.Session(context.Background(), e.sessA2.ID)
	e.must(err)
	if got.Title != "Renamed" || got.Status != "delivered" || got.CoFacilitatorID != co.ID || got.TargetGroup != "Women on remand" {
		t.Fatalf("after edit: %+v", got)
	}
	// The session's own facilitator may not reschedule it.
	wantStatus(t, e.signedIn("facilitator2").get(path), http.StatusNotFound)
}
