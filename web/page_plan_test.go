package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"testing"

	"peervoice/audit"
	"peervoice/domain"
)

func TestPlanBuiltFromTheLibrary(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	area := domain.StrategicArea{Key: "safety", Name: "Safety and Security", Questions: []string{"What makes you feel safe?"}}
	e.must(e.db.AddArea(ctx, e.progA.ID, &area))
	old := &domain.Statement{ProgrammeID: e.progA.ID, Text: "Staff listen to us", Moderation: domain.ModeratedIn}
	e.must(e.db.CreateStatement(ctx, old))
	b := e.signedIn("coordinator")
	path := "/programmes/alpha/sessions/" + e.sessA1.ID + "/plan"
	for _, c := range []struct {
		v            url.Values
		field, words string
	}{
		{url.Values{"kind": {"debate"}, "minutes": {"30"}}, "prompt", "Enter the motion"},
		{url.Values{"kind": {"team_work"}, "minutes": {"30"}}, "area_id", "Choose the strategic area"},
		{url.Values{"kind": {"dot_priorities"}, "prompt": {"Only one"}, "minutes": {"10"}}, "prompt", "at least two options"},
		{url.Values{"kind": {"statement_cards"}, "minutes": {"10"}}, "statement_ids", "Choose statements"},
		{url.Values{"kind": {"juggling"}, "minutes": {"10"}}, "kind", "Choose an activity"},
		{url.Values{"kind": {"open_discussion"}, "minutes": {"half an hour"}}, "minutes", "in minutes"},
		{url.Values{"kind": {"open_discussion"}, "minutes": {"10"}, "area_id": {domain.NewID()}}, "area_id", "programme's strategic areas"},
	} {
		wantStatus(t, b.post(path, c.v), http.StatusUnprocessableEntity)
		e.wantFieldError("plan", c.field, c.words)
	}
	for _, v := range []url.Values{
		{"kind": {"debate"}, "prompt": {"This house believes prisons should be smaller"}, "minutes": {"30"}},
		{"kind": {"team_work"}, "area_id": {area.ID}, "minutes": {"40"}},
		{"kind": {"statement_cards"}, "statement_ids": {old.ID}, "new_statements": {"Education is worth it\n\nI feel safe on my wing"}, "minutes": {"20"}},
		{"kind": {"dot_priorities"}, "prompt": {"- More education\n- Better food\n- Family visits"}, "minutes": {"15"}},
	} {
		wantStatus(t, b.post(path, v), http.StatusSeeOther)
	}
	wantStatus(t, b.get(path), http.StatusOK)
	d := e.last("plan").Data.(planData)
	if !d.CanEdit || len(d.Plan.Rows) != 4 {
		t.Fatalf("plan: %+v", d.Plan.Rows)
	}
	want := [][2]string{
		{"09:30 to 10:00", "Debate on a motion"},
		{"10:00 to 10:40", "Team work: Safety and Security"},
		{"10:40 to 11:00", "Statement cards"},
		{"11:00 to 11:15", "Dot priorities"},
	}
	for i, w := range want {
		if d.Plan.Rows[i][0].Text != w[0] || d.Plan.Rows[i][1].Text != w[1] {
			t.Errorf("row %d: %v, want %v", i, d.Plan.Rows[i][:2], w)
		}
	}
	// Team work takes the area's first question as its prompt; cards list their statements.
	if d.Plan.Rows[1][3].Text != "What makes you feel safe?" || d.Plan.Rows[2][3].Text != "Statements S1, S2, S3" ||
		d.Plan.Rows[3][3].Text != "More education; Better food; Family visits" {
		t.Fatalf("details: %q | %q | %q", d.Plan.Rows[1][3].Text, d.Plan.Rows[2][3].Text, d.Plan.Rows[3][3].Text)
	}
	// A facilitator of another session may neither see nor change this plan.
	wantStatus(t, e.signedIn("facilitator2").get(path), http.StatusNotFound)
	// The analyst may read it but not change it.
	wantStatus(t, e.signedIn("analyst").get(path), http.StatusOK)
	if e.last("plan").Data.(planData).CanEdit {
		t.Fatal("analyst offered the add-activity form")
	}
}

func TestPackDownload(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("facilitator")
	w := b.get("/programmes/alpha/sessions/" + e.sessA1.ID + "/pack.pdf")
	wantStatus(t, w, http.StatusOK)
	if ct := w.Header().Get("Content-Type"); ct != "application/pdf" || !bytes.HasPrefix(w.Body.Bytes(), []byte("%PDF-")) {
		t.Fatalf("pack: %s, %.20q", ct, w.Body.String())
	}
	es := e.auditEntries(audit.Filter{Resource: audit.ResourceSession})
	if len(es) != 1 || es[0].Action != audit.ActionExport || es[0].ResourceID != e.sessA1.ID {
		t.Fatalf("pack download not audited: %+v", es)
	}
	wantStatus(t, b.get("/programmes/alpha/sessions/"+e.sessA2.ID+"/pack.pdf"), http.StatusNotFound)
}
