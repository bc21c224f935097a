package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestDebriefAlertsTheCoordinator(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("facilitator")
	path := "/programmes/alpha/sessions/" + e.sessA1.ID + "/debrief"
	wantStatus(t, b.post(path, url.Values{"how_it_went": {""}}), http.StatusUnprocessableEntity)
	e.wantFieldError("debrief", "how_it_went", "Say how the session went")
	e.wantFieldError("debrief", "wellbeing", "Choose how")
	e.wantFieldError("debrief", "follow_up", "follow anything up")
	v := url.Values{"how_it_went": {"Good debate; one man left upset"}, "wellbeing": {"okay"}, "follow_up": {"yes"}, "notes": {"Check in with Fac One"}}
	wantStatus(t, b.post(path, v), http.StatusSeeOther)
	wantStatus(t, b.get(path), http.StatusOK)
	if d := e.last("debrief").Data.(debriefData); d.Form.FollowUp != "yes" || d.Form.HowItWent != v.Get("how_it_went") || d.Recorded == "" {
		t.Fatalf("saved debrief: %+v", d)
	}
	wantStatus(t, e.signedIn("coordinator").get("/programmes/alpha"), http.StatusOK)
	if m := e.last("programme").Data.(programmeData).Manage; len(m.FollowUps) != 1 {
		t.Fatalf("no alert: %+v", m)
	}
	// Clearing the follow-up clears the alert.
	v.Set("follow_up", "no")
	wantStatus(t, b.post(path, v), http.StatusSeeOther)
	e.signedIn("coordinator").get("/programmes/alpha")
	if m := e.last("programme").Data.(programmeData).Manage; len(m.FollowUps) != 0 {
		t.Fatalf("alert stayed: %+v", m.FollowUps)
	}
	wantStatus(t, e.signedIn("facilitator2").get(path), http.StatusNotFound)
}
