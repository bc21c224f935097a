package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/store"
)

// planFixture gives session A1 a plan of four activities.
func (e *env) planFixture() []domain.Activity {
	ctx := context.Background()
	for i, a := range []domain.Activity{
		{Kind: domain.ActivityDebate, Title: "Debate", Prompt: "This house believes prisons should be smaller"},
		{Kind: domain.ActivityDiscussion, Title: "Talk"},
		{Kind: domain.ActivityTeamWork, Title: "Teams"},
		{Kind: domain.ActivityDotPriorities, Title: "Dots", Prompt: "Food\nVisits"},
	} {
		a.SessionID, a.Minutes, a.Position = e.sessA1.ID, 20, i+1
		e.must(e.db.CreateActivity(ctx, &a))
	}
	acts, err := e.db.Activities(ctx, e.sessA1.ID)
	e.must(err)
	return acts
}

func (e *env) planTitles() string {
	acts, err := e.db.Activities(context.Background(), e.sessA1.ID)
	e.must(err)
	var out []string
	for _, a := range acts {
		out = append(out, itoa(a.Position)+":"+a.Title)
	}
	return strings.Join(out, " ")
}

func TestPlanMoveAndEdit(t *testing.T) {
	e := newEnv(t)
	acts := e.planFixture()
	b := e.signedIn("coordinator")
	base := "/programmes/alpha/sessions/" + e.sessA1.ID + "/plan"
	wantStatus(t, b.get(base), http.StatusOK)
	d := e.last("plan").Data.(planData)
	if len(d.Changes) != 4 || d.Changes[0].CanMoveUp || !d.Changes[0].CanMoveDown || d.Changes[3].CanMoveDown ||
		d.Changes[2].EditHref != base+"/change?activity="+acts[2].ID {
		t.Fatalf("changes: %+v", d.Changes)
	}
	wantStatus(t, b.post(base+"/change", url.Values{"activity": {acts[2].ID}, "do": {"up"}}), http.StatusSeeOther)
	wantStatus(t, b.post(base+"/change", url.Values{"activity": {acts[0].ID}, "do": {"down"}}), http.StatusSeeOther)
	if got := e.planTitles(); got != "1:Teams 2:Debate 3:Talk 4:Dots" {
		t.Fatalf("after moves: %s", got)
	}
	wantStatus(t, b.post(base+"/change", url.Values{"activity": {acts[1].ID}, "do": {"sideways"}}), http.StatusUnprocessableEntity)
	e.wantFieldError("plan", "plan-changes", "Choose an activity")

	wantStatus(t, b.get(base+"/change?activity="+acts[0].ID), http.StatusOK)
	cd := e.last("plan_change").Data.(planChangeData)
	if cd.Do != "edit" || cd.Ref != "A2" || cd.Form.Prompt != acts[0].Prompt || cd.Form.Minutes != "20" {
		t.Fatalf("edit page: %+v", cd)
	}
	edit := func(id string, v url.Values) *httptest.ResponseRecorder {
		v.Set("activity", id)
		v.Set("do", "edit")
		return b.post(base+"/change", v)
	}
	for _, c := range []struct {
		id    string
		v     url.Values
		field string
		words string
	}{
		{acts[0].ID, url.Values{"title": {"Debate"}, "minutes": {"20"}}, "prompt", "Enter the motion"},
		{acts[0].ID, url.Values{"title": {""}, "prompt": {"x"}, "minutes": {"20"}}, "title", "Enter a title"},
		{acts[0].ID, url.Values{"title": {"Debate"}, "prompt": {"x"}, "minutes": {"lots"}}, "minutes", "in minutes"},
		{acts[0].ID, url.Values{"title": {"Debate"}, "prompt": {"x"}, "minutes": {"0"}}, "minutes", "between 1 and 480"},
		{acts[2].ID, url.Values{"title": {"Teams"}, "minutes": {"20"}}, "area_id", "Choose the strategic area"},
		{acts[3].ID, url.Values{"title": {"Dots"}, "prompt": {"Only food"}, "minutes": {"20"}}, "prompt", "at least two options"},
	} {
		wantStatus(t, edit(c.id, c.v), http.StatusUnprocessableEntity)
		e.wantFieldError("plan_change", c.field, c.words)
	}
	wantStatus(t, edit(acts[0].ID, url.Values{"title": {"The big debate"}, "prompt": {"This house believes visits matter"}, "minutes": {"45"}}), http.StatusSeeOther)
	got, err := e.db.Activities(context.Background(), e.sessA1.ID)
	e.must(err)
	if got[1].Title != "The big debate" || got[1].Prompt != "This house believes visits matter" || got[1].Minutes != 45 || got[1].Kind != domain.ActivityDebate {
		t.Fatalf("edited: %+v", got[1])
	}
	if es := e.auditEntries(audit.Filter{Action: audit.ActionUpdate}); len(es) < 3 {
		t.Fatalf("moves and edit not audited: %d entries", len(es))
	}
	// The analyst reads the plan but may not change it; another session's
	// facilitator cannot reach it; an activity of another session is not found.
	wantStatus(t, e.signedIn("analyst").post(base+"/change", url.Values{"activity": {acts[1].ID}, "do": {"up"}}), http.StatusNotFound)
	wantStatus(t, e.signedIn("facilitator2").get(base+"/change?activity="+acts[1].ID), http.StatusNotFound)
	other := "/programmes/alpha/sessions/" + e.sessA2.ID + "/plan/change"
	wantStatus(t, b.post(other, url.Values{"activity": {acts[1].ID}, "do": {"up"}}), http.StatusNotFound)
	if e.planTitles() != "1:Teams 2:The big debate 3:Talk 4:Dots" {
		t.Fatalf("refused changes changed the plan: %s", e.planTitles())
	}
}

func TestPlanRemoveConfirmsAndRefusesCapturedData(t *testing.T) {
	e := newEnv(t)
	acts := e.planFixture()
	ctx := context.Background()
	_, _, _, err := e.db.PutTeamRankings(ctx, []store.TeamRanking{{ActivityID: acts[2].ID, Team: "T1", Rank: 1, Idea: "Visits", SourceKey: "T1|1"}})
	e.must(err)
	b := e.signedIn("facilitator")
	base := "/programmes/alpha/sessions/" + e.sessA1.ID + "/plan"
	// The plan's link asks first; nothing is removed yet.
	wantStatus(t, b.get(base+"/change?activity="+acts[1].ID+"&do=remove"), http.StatusOK)
	if d := e.last("plan_change").Data.(planChangeData); d.Do != "remove" || d.Captured != 0 {
		t.Fatalf("confirm page: %+v", d)
	}
	wantStatus(t, b.post(base+"/change", url.Values{"activity": {acts[1].ID}, "do": {"remove"}}), http.StatusOK)
	if e.last("plan_change").Data.(planChangeData).Do != "remove" || !strings.Contains(e.planTitles(), "Talk") {
		t.Fatal("removal without confirmation was not asked again")
	}
	// Team rankings hang off A3: the page says so, and a forced post is refused.
	wantStatus(t, b.get(base+"/change?activity="+acts[2].ID+"&do=remove"), http.StatusOK)
	if d := e.last("plan_change").Data.(planChangeData); d.Captured != 1 {
		t.Fatalf("captured count: %d", d.Captured)
	}
	wantStatus(t, b.post(base+"/change", url.Values{"activity": {acts[2].ID}, "do": {"remove"}, "confirm": {"yes"}}), http.StatusUnprocessableEntity)
	e.wantFieldError("plan_change", "remove", "cannot be removed")

	wantStatus(t, b.post(base+"/change", url.Values{"activity": {acts[1].ID}, "do": {"remove"}, "confirm": {"yes"}}), http.StatusSeeOther)
	if got := e.planTitles(); got != "1:Debate 2:Teams 3:Dots" {
		t.Fatalf("after removal: %s", got)
	}
	if es := e.auditEntries(audit.Filter{Action: audit.ActionDelete}); len(es) != 1 || es[0].ResourceID != acts[1].ID {
		t.Fatalf("removal audit: %+v", es)
	}
}
