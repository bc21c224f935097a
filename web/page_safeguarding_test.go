package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"peervoice/audit"
	"peervoice/crypt"
	"peervoice/domain"
	"peervoice/privacy/intake"
	"peervoice/privacy/redact"
	"peervoice/safeguarding"
	"peervoice/store"
)

// testKeys is the encryption key every test server holds.
var testKeys = sync.OnceValue(func() *crypt.Keyring {
	k, err := crypt.NewKey()
	if err != nil {
		panic(err)
	}
	return crypt.NewKeyring(k)
})

// privacy wires the safeguarding service and review store for a test
// server, on the env's clock so that concern clocks can be moved on.
func (e *env) privacy(db *store.DB, log *audit.Log) Privacy {
	return Privacy{Safeguarding: safeguarding.New(db, log, testKeys()).WithClock(e.clock.Now), Keys: testKeys(), Store: db}
}

// privacyFixture are the IDs the matrix and page tests use: a concern in
// each programme and contributions to review.
type privacyFixture struct {
	concernA, concernB           string
	pendingA, pendingB, flaggedA string
}

var privacyFixtures sync.Map // *env → *privacyFixture

// privacyIDs opens the fixture's concerns (once per env): the screen's for
// alpha's flagged contribution, and one raised by hand in bravo.
func (e *env) privacyIDs() *privacyFixture {
	if f, ok := privacyFixtures.Load(e); ok {
		return f.(*privacyFixture)
	}
	ctx := safeguarding.WithActor(context.Background(), safeguarding.Actor{UserID: "system:test"})
	svc := e.srv.privacy.Safeguarding
	_, err := svc.OpenMissing(ctx, e.progA.ID)
	e.must(err)
	cs, err := e.db.Concerns(ctx, e.progA.ID, safeguarding.Filter{})
	e.must(err)
	b, err := svc.Raise(ctx, domain.SafeguardingConcern{ProgrammeID: e.progB.ID, SessionID: e.sessB1.ID,
		RaisedBy: e.users["coordinatorB"].ID, Notes: "Bravo worry"})
	e.must(err)
	f := &privacyFixture{concernA: cs[0].ID, concernB: b.ID,
		pendingA: e.contributionID(e.progA, "Staff should listen more"), pendingB: e.contributionID(e.progB, "Bravo only"),
		flaggedA: e.contributionID(e.progA, e.flaggedA)}
	privacyFixtures.Store(e, f)
	return f
}

// contributionID finds a fixture contribution by its text.
func (e *env) contributionID(p *domain.Programme, text string) string {
	cs, err := e.db.Contributions(context.Background(), domain.ContributionFilter{ProgrammeID: p.ID, IncludeFlagged: true})
	e.must(err)
	for _, c := range cs {
		if c.Text == text {
			return c.ID
		}
	}
	e.t.Fatalf("no contribution %q", text)
	return ""
}

// privacyTargets fills {slug} and {id} for concern and review routes: own
// and other programme, swaps, a flagged contribution and a missing ID.
func (e *env) privacyTargets(p string) []target {
	f := e.privacyIDs()
	a, b := f.concernA, f.concernB
	if strings.Contains(p, "/review/") {
		a, b = f.pendingA, f.pendingB
	}
	ts := []target{
		{"alpha/c", sub(p, "alpha", a)}, {"bravo/c", sub(p, "bravo", b)},
		{"swap:alpha/bravo-c", sub(p, "alpha", b)}, {"swap:bravo/alpha-c", sub(p, "bravo", a)},
		{"missing", sub(p, "alpha", "0195f5a0-0000-7000-8000-000000000000")},
	}
	if strings.Contains(p, "/review/") {
		ts = append(ts, target{"flagged", sub(p, "alpha", f.flaggedA)})
	}
	return ts
}

// intake passes raw text through the default pipeline into the store, as
// capture does: redacted text stored, raw text sealed, a concern opened if
// the screen flags it. It returns the contribution.
func (e *env) intake(p *domain.Programme, sess *domain.Session, raw string) domain.Contribution {
	ctx := safeguarding.WithActor(context.Background(), safeguarding.Actor{UserID: "system:intake"})
	c := domain.Contribution{ID: domain.NewID(), ProgrammeID: p.ID, SessionID: sess.ID, Text: raw}
	out := intake.New(redact.Options{}).Apply(&c)
	_, err := e.db.CreateContributions(ctx, []domain.Contribution{c})
	e.must(err)
	e.must(e.srv.privacy.Safeguarding.AfterIntake(ctx, c, raw, out.Screen))
	return c
}

const disclosure = "Dave Smith told me he is going to kill himself tonight"

func TestSafeguardingQueueShowsConcernsWithClockAndRawText(t *testing.T) {
	e := newEnv(t)
	f := e.privacyIDs()
	c := e.intake(e.progA, e.sessA1, disclosure)
	if !c.Flagged || strings.Contains(c.Text, "Dave") {
		t.Fatalf("fixture disclosure not flagged and redacted: %+v", c)
	}
	lead := e.signedIn("safeguarding")
	wantStatus(t, lead.get("/programmes/alpha/safeguarding"), http.StatusOK)
	d := e.last("safeguarding").Data.(safeguardingData)
	if len(d.Open) != 2 || len(d.Closed) != 0 || d.Overdue != 0 {
		t.Fatalf("queue: %+v", d)
	}
	// The screen's concern for the fixture's flagged contribution started
	// its clock when that arrived (the store's time, not the env's), so
	// find each by ID rather than by order.
	first, second := d.Open[0], d.Open[1]
	if first.ID != f.concernA {
		first, second = second, first
	}
	if first.ID != f.concernA || first.Text != e.flaggedA || first.RawText != "" || first.Status != "Raised" {
		t.Fatalf("fixture concern: %+v", first)
	}
	if second.Text != c.Text || second.RawText != disclosure || !strings.Contains(second.Categories, "Self-harm") ||
		len(second.Reasons) == 0 || !strings.Contains(second.Where, e.sessA1.Title) || !strings.HasPrefix(second.Clock.Text, "Waiting") {
		t.Fatalf("disclosure concern: %+v", second)
	}
	reads := e.auditEntries(audit.Filter{Resource: resourceRawText, ActorID: e.users["safeguarding"].ID})
	if len(reads) != 1 || reads[0].ResourceID != c.ID {
		t.Fatalf("raw text read not logged once: %+v", reads)
	}
	if es := e.auditEntries(audit.Filter{Resource: audit.ResourceSafeguarding, ActorID: e.users["safeguarding"].ID}); len(es) != 2 {
		t.Fatalf("%d concern reads logged for 2 concerns", len(es))
	}

	e.clock.Add(25 * time.Hour)
	lead = e.signedIn("safeguarding") // the old session has timed out
	wantStatus(t, lead.get("/programmes/alpha/safeguarding"), http.StatusOK)
	d = e.last("safeguarding").Data.(safeguardingData)
	if d.Overdue != 1 || !d.Open[0].Clock.Overdue || !strings.HasPrefix(d.Open[0].Clock.Text, "Overdue") || d.Open[0].ID == f.concernA {
		t.Fatalf("after 25 hours: %d overdue, %+v", d.Overdue, d.Open)
	}
	body := lead.get("/programmes/alpha/safeguarding").Body.String()
	if !strings.Contains(body, "govuk-tag--red") || !strings.Contains(body, "overdue-warning") {
		t.Fatal("overdue concerns are not highlighted")
	}
}

func TestSafeguardingWorkflowOverHTTP(t *testing.T) {
	e := newEnv(t)
	c := e.intake(e.progA, e.sessA1, disclosure)
	rec, err := e.db.ConcernByContribution(context.Background(), c.ID)
	e.must(err)
	lead := e.signedIn("safeguarding")
	path := "/programmes/alpha/safeguarding/" + rec.ID

	w := lead.post(path, url.Values{"to": {"referred"}, "referred_to": {"Safer custody"}})
	wantStatus(t, w, http.StatusUnprocessableEntity)
	if msg := e.last("safeguarding-concern").Errors.Get("to"); !strings.Contains(msg, "cannot move to referred") {
		t.Fatalf("invalid move error: %q", msg)
	}
	wantStatus(t, lead.post(path, url.Values{}), http.StatusUnprocessableEntity)
	// A move without the session's form token is refused before anything.
	wantStatus(t, lead.do("POST", path, url.Values{"to": {"assessed"}, "csrf": {"forged"}}), http.StatusBadRequest)

	e.clock.Add(2 * time.Hour)
	lead = e.signedIn("safeguarding") // the old session has timed out
	w = lead.post(path, url.Values{"to": {"assessed"}, "note": {"Spoke to the wing officer about it"}})
	wantStatus(t, w, http.StatusSeeOther)
	wantStatus(t, lead.get(w.Header().Get("Location")), http.StatusOK)
	v := e.last("safeguarding-concern")
	d := v.Data.(concernData)
	if d.Concern.Status != "Assessed" || len(d.Notes) != 1 || !strings.Contains(d.Notes[0], "Spoke to the wing officer") ||
		d.Concern.Clock.Text != "Acted on after 2 hours" || v.Banner == nil || len(d.Moves) != 2 {
		t.Fatalf("after assessing: %+v banner %+v", d, v.Banner)
	}

	wantStatus(t, lead.post(path, url.Values{"to": {"referred"}}), http.StatusUnprocessableEntity)
	if msg := e.last("safeguarding-concern").Errors.Get("referred_to"); msg == "" {
		t.Fatal("a referral without who it went to was not refused on its field")
	}
	wantStatus(t, lead.post(path, url.Values{"to": {"referred"}, "referred_to": {"Safer custody team"}}), http.StatusSeeOther)
	wantStatus(t, lead.post(path, url.Values{"to": {"closed"}, "note": {"Safer custody confirmed an ACCT was opened"}}), http.StatusSeeOther)
	lead.get(path)
	d = e.last("safeguarding-concern").Data.(concernData)
	if d.Concern.Status != "Closed" || d.Concern.ReferredTo != "Safer custody team" || len(d.Moves) != 0 || len(d.Notes) != 2 {
		t.Fatalf("after closing: %+v", d)
	}
	wantStatus(t, lead.post(path, url.Values{"to": {"assessed"}}), http.StatusUnprocessableEntity)

	// The notes are sealed in the database, never plain text.
	var notes []byte
	e.must(e.db.SQL().QueryRow(`SELECT notes FROM safeguarding_concerns WHERE id = ?`, rec.ID).Scan(&notes))
	if !crypt.IsSealed(notes) || bytes.Contains(notes, []byte("wing officer")) {
		t.Fatal("notes are not encrypted at rest")
	}
	if es := e.auditEntries(audit.Filter{Resource: audit.ResourceSafeguarding, ActorID: e.users["safeguarding"].ID}); len(es) < 3 {
		t.Fatalf("moves not audited: %d entries", len(es))
	}
}

func TestFacilitatorRaisesConcernAndCannotSeeIt(t *testing.T) {
	e := newEnv(t)
	fac := e.signedIn("facilitator")
	path := "/programmes/alpha/sessions/" + e.sessA1.ID + "/concern"
	wantStatus(t, fac.get(path), http.StatusOK)
	if d := e.last("safeguarding-raise").Data.(raiseData); d.Sent || len(d.Categories) != 7 {
		t.Fatalf("form: %+v", d)
	}
	wantStatus(t, fac.post(path, url.Values{}), http.StatusUnprocessableEntity)
	if e.last("safeguarding-raise").Errors.Get("what") == "" {
		t.Fatal("an empty concern was not refused on its field")
	}
	wantStatus(t, fac.post(path, url.Values{"what": {"x"}, "code": {"ZZZZ"}}), http.StatusUnprocessableEntity)
	if e.last("safeguarding-raise").Errors.Get("code") == "" {
		t.Fatal("a bad participant code was not refused")
	}
	code := e.participants(e.progA.ID)[0].Code
	w := fac.post(path, url.Values{"what": {"Said his cellmate is being taxed for his canteen"}, "categories": {"at_risk"}, "code": {code}})
	wantStatus(t, w, http.StatusSeeOther)
	wantStatus(t, fac.get(w.Header().Get("Location")), http.StatusOK)
	if d := e.last("safeguarding-raise").Data.(raiseData); !d.Sent {
		t.Fatal("no confirmation after raising")
	}
	// The concern is the lead's: the facilitator cannot reach it.
	wantStatus(t, fac.get("/programmes/alpha/safeguarding"), http.StatusNotFound)
	cs, err := e.db.Concerns(context.Background(), e.progA.ID, safeguarding.Filter{})
	e.must(err)
	if len(cs) != 1 || cs[0].RaisedBy != e.users["facilitator"].ID || cs[0].SessionID != e.sessA1.ID ||
		cs[0].Categories[0] != "at_risk" || !crypt.IsSealed(cs[0].SealedNotes) {
		t.Fatalf("raised concern: %+v", cs)
	}
	wantStatus(t, fac.get("/programmes/alpha/safeguarding/"+cs[0].ID), http.StatusNotFound)
	lead := e.signedIn("safeguarding")
	lead.get("/programmes/alpha/safeguarding/" + cs[0].ID)
	d := e.last("safeguarding-concern").Data.(concernData)
	if len(d.Notes) != 1 || !strings.Contains(d.Notes[0], "taxed for his canteen") || !strings.Contains(d.Notes[0], code) ||
		!strings.Contains(d.Concern.RaisedBy, "User facilitator") {
		t.Fatalf("lead's view of the raised concern: %+v", d)
	}
	// Facilitator two does not run session one.
	wantStatus(t, e.signedIn("facilitator2").post(path, url.Values{"what": {"x"}}), http.StatusNotFound)
}

func TestClockViewAndDurations(t *testing.T) {
	h := func(n int) *time.Duration { d := time.Duration(n) * time.Hour; return &d }
	for _, c := range []struct {
		clock safeguarding.Clock
		want  string
		over  bool
	}{
		{safeguarding.Clock{Waiting: 90 * time.Minute}, "Waiting 1 hour for action", false},
		{safeguarding.Clock{Waiting: 30 * time.Hour, Overdue: true}, "Overdue: waiting 30 hours for action (limit 24 hours)", true},
		{safeguarding.Clock{ToAction: h(50), Late: true}, "Acted on late, after 2 days 2 hours", false},
		{safeguarding.Clock{ToAction: h(0)}, "Acted on after 0 minutes", false},
	} {
		if got := clockView(c.clock); got.Text != c.want || got.Overdue != c.over {
			t.Errorf("%+v: %+v, want %q", c.clock, got, c.want)
		}
	}
}

func TestLinksToThePrivacyPages(t *testing.T) {
	e := newEnv(t)
	sessionPath := "/programmes/alpha/sessions/" + e.sessA1.ID
	for who, want := range map[string]string{"facilitator": sessionPath + "/concern", "coordinator": sessionPath + "/concern",
		"analyst": "", "safeguarding": "", "facilitator2": ""} {
		b := e.signedIn(who)
		if w := b.get(sessionPath); w.Code == http.StatusOK {
			if got := e.last("session").Data.(sessionData).RaiseConcern; got != want {
				t.Errorf("%s: raise link %q, want %q", who, got, want)
			}
		} else if want != "" {
			t.Errorf("%s: session page %d", who, w.Code)
		}
	}
	for who, want := range map[string]string{"safeguarding": "/programmes/alpha/safeguarding", "analyst": "/programmes/alpha/review",
		"coordinator": "", "facilitator": ""} {
		e.signedIn(who).get("/programmes/alpha")
		links := e.last("programme").Data.(programmeData).Privacy
		if (want == "" && len(links) != 0) || (want != "" && (len(links) != 1 || links[0].Href != want)) {
			t.Errorf("%s: programme links %+v, want %q", who, links, want)
		}
	}
}

// TestLeadReleasesFalseFlag: closing with "not a disclosure" returns the
// contribution to analysis; release on any other move is a field error.
func TestLeadReleasesFalseFlag(t *testing.T) {
	e := newEnv(t)
	c := e.intake(e.progA, e.sessA1, disclosure)
	rec, err := e.db.ConcernByContribution(context.Background(), c.ID)
	e.must(err)
	lead := e.signedIn("safeguarding")
	path := "/programmes/alpha/safeguarding/" + rec.ID
	lead.get(path)
	if d := e.last("safeguarding-concern").Data.(concernData); len(d.ReleaseOptions) != 1 {
		t.Fatal("the release checkbox is not offered")
	}
	wantStatus(t, lead.post(path, url.Values{"to": {"assessed"}, "release": {"yes"}}), http.StatusUnprocessableEntity)
	if msg := e.last("safeguarding-concern").Errors.Get("release"); msg == "" {
		t.Fatal("release with a non-closing move was not refused on its field")
	}
	wantStatus(t, lead.post(path, url.Values{"to": {"closed"}, "release": {"yes"}}), http.StatusSeeOther)
	cs, err := e.db.Contributions(context.Background(), domain.ContributionFilter{ProgrammeID: e.progA.ID, SessionID: e.sessA1.ID})
	e.must(err)
	found := false
	for _, x := range cs {
		found = found || x.ID == c.ID
	}
	if !found {
		t.Fatal("the released contribution is still hidden from analysis")
	}
}
