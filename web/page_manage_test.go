package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"peervoice/domain"
	"peervoice/policy"
	"peervoice/scheduling"
	"peervoice/store"
)

// The real store must run programmes, or every page here is a 500.
var _ runStore = (*store.DB)(nil)

// Who may reach the pages for running a programme, by matrix target.
var (
	coordinatorsOf      = map[string][]string{"alpha": {"admin", "coordinator"}, "bravo": {"admin", "coordinatorB"}}
	sessionCoordinators = map[string][]string{"alpha/s1": {"admin", "coordinator"}, "alpha/s2": {"admin", "coordinator"},
		"bravo/s1": {"admin", "coordinatorB"}}
	sessionReaders = map[string][]string{"alpha/s1": {"admin", "coordinator", "facilitator", "analyst", "safeguarding"},
		"alpha/s2": {"admin", "coordinator", "facilitator2", "analyst", "safeguarding"}, "bravo/s1": {"admin", "coordinatorB"}}
	sessionRecorders = map[string][]string{"alpha/s1": {"admin", "coordinator", "facilitator"},
		"alpha/s2": {"admin", "coordinator", "facilitator2"}, "bravo/s1": {"admin", "coordinatorB"}}
)

// facilitatorTargets fills {slug} and {fid}: facilitator one through each
// programme, and an ID that is no facilitator.
func (e *env) facilitatorTargets(p string) []target {
	fid := e.sessA1.LeadFacilitatorID
	f := func(slug, id string) string { return strings.NewReplacer("{slug}", slug, "{fid}", id).Replace(p) }
	return []target{{"alpha", f("alpha", fid)}, {"bravo", f("bravo", fid)}, {"missing", f("alpha", "0195f5a0-0000-7000-8000-000000000000")}}
}

// siteIDs maps the site names of a programme to their IDs.
func (e *env) siteIDs(programmeID string) map[string]string {
	sites, err := e.db.Sites(context.Background(), programmeID)
	e.must(err)
	m := map[string]string{}
	for _, s := range sites {
		m[s.Name] = s.ID
	}
	return m
}

// wantFieldError checks the last render of a page has a problem on field
// that contains want.
func (e *env) wantFieldError(page, field, want string) {
	e.t.Helper()
	got := e.last(page).Errors.Get(field)
	if !strings.Contains(got, want) {
		e.t.Fatalf("%s: error on %s = %q, want it to contain %q (all: %+v)", page, field, got, want, e.last(page).Errors.List())
	}
}

func TestOverviewShowsFollowUpsAndExpiringToCoordinatorsOnly(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.must(e.db.PutDebrief(ctx, &scheduling.Debrief{SessionID: e.sessA1.ID, HowItWent: "Hard going", Wellbeing: scheduling.WellbeingOkay, FollowUp: true}))
	e.must(e.db.PutDebrief(ctx, &scheduling.Debrief{SessionID: e.sessA2.ID, HowItWent: "Fine", Wellbeing: scheduling.WellbeingGood}))
	site := e.siteIDs(e.progA.ID)["HMP Big alpha"]
	// The env's clock is 5 October 2026: the 12th is within 14 days, the 30th is not.
	e.must(e.db.PutClearance(ctx, &scheduling.Clearance{FacilitatorID: e.sessA1.LeadFacilitatorID, SiteID: site, Status: scheduling.ClearanceGranted, ExpiresOn: "2026-10-12"}))
	e.must(e.db.PutClearance(ctx, &scheduling.Clearance{FacilitatorID: e.sessA2.LeadFacilitatorID, SiteID: site, Status: scheduling.ClearanceGranted, ExpiresOn: "2026-10-30"}))
	wantStatus(t, e.signedIn("coordinator").get("/programmes/alpha"), http.StatusOK)
	m := e.last("programme").Data.(programmeData).Manage
	if len(m.FollowUps) != 1 || !strings.HasPrefix(m.FollowUps[0].Text, "Session one alpha") || !strings.HasSuffix(m.FollowUps[0].Href, e.sessA1.ID+"/debrief") {
		t.Fatalf("follow-ups: %+v", m.FollowUps)
	}
	if len(m.Expiring) != 1 || m.Expiring[0] != "Fac One's clearance for HMP Big alpha expires on 12 October." {
		t.Fatalf("expiring: %q", m.Expiring)
	}
	if len(m.Links) < 8 {
		t.Fatalf("coordinator links: %+v", m.Links)
	}
	wantStatus(t, e.signedIn("analyst").get("/programmes/alpha"), http.StatusOK)
	if m := e.last("programme").Data.(programmeData).Manage; len(m.FollowUps) != 0 || len(m.Expiring) != 0 || len(m.Links) != 1 {
		t.Fatalf("analyst sees coordinator alerts or links: %+v", m)
	}
	// Another programme's coordinator sees none of alpha's follow-ups.
	e.signedIn("coordinatorB").get("/programmes/bravo")
	if m := e.last("programme").Data.(programmeData).Manage; len(m.FollowUps) != 0 {
		t.Fatalf("bravo sees alpha's follow-ups: %+v", m.FollowUps)
	}
}

func TestSessionPageLinksByRole(t *testing.T) {
	e := newEnv(t)
	for user, want := range map[string]string{
		"coordinator": "Plan and printable pack|Change the session|Attendance and consent|Debrief",
		"facilitator": "Plan and printable pack|Attendance and consent|Debrief",
		"analyst":     "Plan and printable pack",
	} {
		wantStatus(t, e.signedIn(user).get("/programmes/alpha/sessions/"+e.sessA1.ID), http.StatusOK)
		// Other pages (capture) add their links after these.
		var got []string
		for _, l := range sessionLinks(e.actorOf(user), e.progA, e.sessA1) {
			got = append(got, l.Text)
		}
		if strings.Join(got, "|") != want {
			t.Errorf("%s: %v", user, got)
		}
		shown := e.last("session").Data.(sessionData).Links
		if len(shown) < len(got) || shown[len(got)-1].Text != got[len(got)-1] {
			t.Errorf("%s: the session page shows %v", user, shown)
		}
	}
}

func TestProgrammesPageOffersSetUpToManagersOnly(t *testing.T) {
	e := newEnv(t)
	for user, want := range map[string]bool{"admin": true, "coordinatorB": true, "analyst": false, "facilitator": false} {
		e.signedIn(user).get("/programmes")
		if got := e.last("programmes").Data.(programmesData).CanCreate; got != want {
			t.Errorf("%s: CanCreate %v", user, got)
		}
	}
}

// post is a form post expecting a status, returning the response.
func (b *browser) postWant(path string, form url.Values, status int) *http.Response {
	b.e.t.Helper()
	w := b.post(path, form)
	wantStatus(b.e.t, w, status)
	return w.Result()
}

// facilitator makes a facilitator with a granted clearance at a site.
func (e *env) clearedFacilitator(name, siteID string, expires domain.Date) *domain.Facilitator {
	ctx := context.Background()
	f := &domain.Facilitator{Name: name, Email: strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.org"}
	e.must(e.db.CreateFacilitator(ctx, f))
	e.must(e.db.PutClearance(ctx, &scheduling.Clearance{FacilitatorID: f.ID, SiteID: siteID, Status: scheduling.ClearanceGranted, ExpiresOn: expires}))
	return f
}

// actorOf is the policy actor of a fixture user.
func (e *env) actorOf(key string) policy.Actor {
	u := e.users[key]
	ms, err := e.db.Memberships(context.Background(), u.ID)
	e.must(err)
	return policy.NewActor(u, ms)
}
