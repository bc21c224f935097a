package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"peervoice/domain"
)

func programmeValues(slug, tmpl string) url.Values {
	return url.Values{"template": {tmpl}, "slug": {slug}, "title": {"HMPPS strategy 2026"}, "start_date": {"2026-09-01"},
		"end_date": {"2026-10-31"}, "suppression_threshold": {"5"}, "retention_days": {"365"}, "withdrawal_cutoff": {"2026-11-15"}}
}

func TestProgrammeNewFromHMPPSTemplate(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("coordinatorB")
	wantStatus(t, b.get("/programmes/new"), http.StatusOK)
	d := e.last("programme-new").Data.(programmeNewData)
	if len(d.Templates) != 3 || d.Templates[0].Value != "hmpps" || d.Form.SuppressionThreshold != "5" {
		t.Fatalf("new programme form: %+v", d)
	}
	w := b.post("/programmes/new", programmeValues("hmpps-2026", "hmpps"))
	wantStatus(t, w, http.StatusSeeOther)
	if loc := w.Header().Get("Location"); loc != "/programmes/hmpps-2026" {
		t.Fatalf("redirect to %s", loc)
	}
	ctx := context.Background()
	p, err := e.db.ProgrammeBySlug(ctx, "hmpps-2026")
	e.must(err)
	// Blank commissioner and targets come from the template.
	if p.Commissioner != "HM Prison and Probation Service" || p.TargetParticipants != 110 || p.TargetSites != 7 || p.Template != "hmpps_strategy" || p.WithdrawalCutoff != "2026-11-15" {
		t.Fatalf("programme: %+v", p)
	}
	areas, err := e.db.Areas(ctx, p.ID)
	e.must(err)
	if len(areas) != 6 || len(areas[0].Questions) == 0 {
		t.Fatalf("areas: %d", len(areas))
	}
	// The creator now coordinates it.
	wantStatus(t, b.get("/programmes/hmpps-2026/settings"), http.StatusOK)
	ms, err := e.db.Memberships(ctx, e.users["coordinatorB"].ID)
	e.must(err)
	if len(ms) != 2 {
		t.Fatalf("memberships: %+v", ms)
	}
}

func TestProgrammeNewRefusesBadInputOnTheField(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("admin")
	for _, c := range []struct {
		change       func(url.Values)
		field, words string
	}{
		{func(v url.Values) { v.Set("suppression_threshold", "2") }, "suppression_threshold", "3 or more"},
		{func(v url.Values) { v.Set("suppression_threshold", "five") }, "suppression_threshold", "whole number"},
		{func(v url.Values) { v.Set("slug", "alpha") }, "slug", "already uses the web address alpha"},
		{func(v url.Values) { v.Set("slug", "Not A Slug") }, "slug", "lower-case"},
		{func(v url.Values) { v.Set("slug", "new") }, "slug", "kept for this page"},
		{func(v url.Values) { v.Set("template", "prison") }, "template", "Choose a template"},
		{func(v url.Values) { v.Set("end_date", "2026-08-01") }, "end_date", "on or after the start date"},
		{func(v url.Values) { v.Set("start_date", "1 Sept") }, "start_date", "YYYY-MM-DD"},
		{func(v url.Values) { v.Set("withdrawal_cutoff", "2026-08-01") }, "withdrawal_cutoff", "on or after the start date"},
	} {
		v := programmeValues("fresh", "youth")
		c.change(v)
		wantStatus(t, b.post("/programmes/new", v), http.StatusUnprocessableEntity)
		e.wantFieldError("programme-new", c.field, c.words)
	}
	if _, err := e.db.ProgrammeBySlug(context.Background(), "fresh"); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatal("a refused programme was saved")
	}
	// Only admins and coordinators may set programmes up.
	wantStatus(t, e.signedIn("analyst").post("/programmes/new", programmeValues("fresh", "blank")), http.StatusNotFound)
}

func TestProgrammeNewBlankTemplateHasNoAreas(t *testing.T) {
	e := newEnv(t)
	wantStatus(t, e.signedIn("admin").post("/programmes/new", programmeValues("empty", "blank")), http.StatusSeeOther)
	p, err := e.db.ProgrammeBySlug(context.Background(), "empty")
	e.must(err)
	areas, _ := e.db.Areas(context.Background(), p.ID)
	if len(areas) != 0 || p.TargetParticipants != 0 {
		t.Fatalf("blank programme: %+v, %d areas", p, len(areas))
	}
}

func TestProgrammeSettingsEditEverything(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("coordinator")
	wantStatus(t, b.get("/programmes/alpha/settings"), http.StatusOK)
	if f := e.last("programme-settings").Data.(programmeSettingsData).Form; f.Title != "Programme alpha" || f.TargetParticipants != "40" {
		t.Fatalf("settings form: %+v", f)
	}
	v := url.Values{"title": {"Alpha renamed"}, "commissioner": {"HMPPS"}, "purpose": {"Hear people"}, "start_date": {"2026-09-01"},
		"end_date": {"2026-11-30"}, "target_participants": {"110"}, "target_sites": {"7"}, "target_sessions": {"14"},
		"suppression_threshold": {"6"}, "retention_days": {"730"}, "withdrawal_cutoff": {"2026-11-01"}, "slug": {"hijack"}}
	wantStatus(t, b.post("/programmes/alpha/settings", v), http.StatusSeeOther)
	p, err := e.db.ProgrammeBySlug(context.Background(), "alpha")
	e.must(err)
	if p.Title != "Alpha renamed" || p.TargetSessions != 14 || p.SuppressionThreshold != 6 || p.RetentionDays != 730 || p.WithdrawalCutoff != "2026-11-01" || p.EndDate != "2026-11-30" {
		t.Fatalf("after edit: %+v", p)
	}
	v.Set("suppression_threshold", "2")
	wantStatus(t, b.post("/programmes/alpha/settings", v), http.StatusUnprocessableEntity)
	e.wantFieldError("programme-settings", "suppression_threshold", "must be 3 or more")
	v.Del("csrf") // the form carries the coordinator's token; coordinatorB sends their own
	wantStatus(t, e.signedIn("coordinatorB").post("/programmes/alpha/settings", v), http.StatusNotFound)
}
