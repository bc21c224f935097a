package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/privacy/intake"
)

const reviewRaw = "I told Dave Smith about the Lifers Forum on the wing"

// reviewItemFor finds a contribution in the review page last rendered.
func (e *env) reviewItemFor(id string) (reviewItem, bool) {
	for _, it := range e.last("review").Data.(reviewData).Items {
		if it.ID == id {
			return it, true
		}
	}
	return reviewItem{}, false
}

func (e *env) storedText(id string) string {
	c, err := e.db.ContributionByID(context.Background(), id)
	e.must(err)
	return c.Text
}

func (e *env) rules(p *domain.Programme) []intake.Rule {
	rs, err := e.db.RedactionRules(context.Background(), p.ID)
	e.must(err)
	return rs
}

func segmentsText(segs []Segment, marked bool) []string {
	var out []string
	for _, s := range segs {
		if s.Mark == marked {
			out = append(out, s.Text)
		}
	}
	return out
}

func TestReviewQueueShowsRedactionsAndLogsRawReads(t *testing.T) {
	e := newEnv(t)
	f := e.privacyIDs()
	c := e.intake(e.progA, e.sessA1, reviewRaw)
	if c.Text != "I told [NAME] about the Lifers Forum on the wing" {
		t.Fatalf("fixture redaction changed: %q", c.Text)
	}
	analyst := e.signedIn("analyst")
	wantStatus(t, analyst.get("/programmes/alpha/review"), http.StatusOK)
	it, ok := e.reviewItemFor(c.ID)
	if !ok || !it.RawKept || len(it.Redactions) != 1 || it.Redactions[0] != (redactionRow{"Dave Smith", "NAME"}) {
		t.Fatalf("review item: %+v", it)
	}
	if got := segmentsText(it.Raw, true); len(got) != 1 || got[0] != "Dave Smith" {
		t.Fatalf("raw marks: %v", got)
	}
	if got := segmentsText(it.Redacted, true); len(got) != 1 || got[0] != "[NAME]" {
		t.Fatalf("redacted marks: %v", got)
	}
	// Without raw text, the stored text is shown with its placeholders.
	plain, ok := e.reviewItemFor(f.pendingA)
	if !ok || plain.RawKept || len(plain.Redactions) != 0 || strings.Join(segmentsText(plain.Redacted, false), "") != "Staff should listen more" {
		t.Fatalf("item without raw text: %+v", plain)
	}
	if _, ok := e.reviewItemFor(f.flaggedA); ok {
		t.Fatal("a flagged contribution reached the analyst's review queue")
	}
	reads := e.auditEntries(audit.Filter{Resource: resourceRawText, ActorID: e.users["analyst"].ID})
	if len(reads) != 1 || reads[0].ResourceID != c.ID || reads[0].Action != audit.ActionRead {
		t.Fatalf("raw read not logged: %+v", reads)
	}
	body := analyst.get("/programmes/alpha/review").Body.String()
	if !strings.Contains(body, `<mark class="pv-redaction">Dave Smith</mark>`) {
		t.Fatal("the redaction is not highlighted in the page")
	}
	// Raw text is for reviewers: coordinators and the lead get not found.
	for _, who := range []string{"coordinator", "safeguarding", "facilitator"} {
		wantStatus(t, e.signedIn(who).get("/programmes/alpha/review"), http.StatusNotFound)
	}
}

func TestReviewUndoAndAddChangeTextAndRules(t *testing.T) {
	e := newEnv(t)
	c := e.intake(e.progA, e.sessA1, reviewRaw)
	analyst := e.signedIn("analyst")
	base := "/programmes/alpha/review/" + c.ID

	wantStatus(t, analyst.post(base+"/undo", url.Values{"phrase": {"Dave Smith"}}), http.StatusSeeOther)
	if got := e.storedText(c.ID); got != reviewRaw {
		t.Fatalf("after undo: %q", got)
	}
	rs := e.rules(e.progA)
	if len(rs) != 1 || rs[0].Phrase != "dave smith" || rs[0].Kind != intake.Allow || rs[0].DecidedBy != e.users["analyst"].ID {
		t.Fatalf("rules after undo: %+v", rs)
	}

	w := analyst.post(base+"/redact", url.Values{"phrase-" + c.ID: {"Lifers Forum"}})
	wantStatus(t, w, http.StatusUnprocessableEntity)
	if e.last("review").Errors.Get("category-"+c.ID) == "" {
		t.Fatal("a redaction without a category was not refused on its field")
	}
	wantStatus(t, analyst.post(base+"/redact", url.Values{"category-" + c.ID: {"NAME"}}), http.StatusUnprocessableEntity)
	if e.last("review").Errors.Get("phrase-"+c.ID) == "" {
		t.Fatal("a redaction without words was not refused on its field")
	}
	wantStatus(t, analyst.post(base+"/redact", url.Values{"phrase-" + c.ID: {"Lifers Forum"}, "category-" + c.ID: {"REFERENCE"}}), http.StatusSeeOther)
	if got := e.storedText(c.ID); got != "I told Dave Smith about the [REFERENCE] on the wing" {
		t.Fatalf("after add: %q", got)
	}
	rs = e.rules(e.progA)
	if len(rs) != 2 || rs[1].Phrase != "lifers forum" || rs[1].Kind != intake.Deny || rs[1].Category != "REFERENCE" {
		t.Fatalf("rules after add: %+v", rs)
	}
	// Later redaction in the programme uses the decisions.
	pipe, err := intake.ForProgramme(context.Background(), e.db, e.progA.ID)
	e.must(err)
	if got := pipe.Redact(reviewRaw).Text; got != "I told Dave Smith about the [REFERENCE] on the wing" {
		t.Fatalf("programme pipeline: %q", got)
	}
	// Another programme is untouched.
	pipeB, err := intake.ForProgramme(context.Background(), e.db, e.progB.ID)
	e.must(err)
	if got := pipeB.Redact(reviewRaw).Text; !strings.Contains(got, "[NAME]") || strings.Contains(got, "[REFERENCE]") {
		t.Fatalf("bravo pipeline: %q", got)
	}
	if es := e.auditEntries(audit.Filter{Resource: resourceRedactionRule}); len(es) != 2 {
		t.Fatalf("%d rule decisions logged, want 2", len(es))
	}
}

func TestReviewWithoutRawText(t *testing.T) {
	e := newEnv(t)
	f := e.privacyIDs()
	analyst := e.signedIn("analyst")
	base := "/programmes/alpha/review/" + f.pendingA
	wantStatus(t, analyst.post(base+"/undo", url.Values{"phrase": {"Staff"}}), http.StatusUnprocessableEntity)
	if !strings.Contains(e.last("review").Errors.Get("phrase-"+f.pendingA), "no longer kept") {
		t.Fatal("undo without raw text was not explained")
	}
	wantStatus(t, analyst.post(base+"/redact", url.Values{"phrase-" + f.pendingA: {"wing"}, "category-" + f.pendingA: {"NAME"}}),
		http.StatusUnprocessableEntity)
	wantStatus(t, analyst.post(base+"/redact", url.Values{"phrase-" + f.pendingA: {"listen"}, "category-" + f.pendingA: {"NAME"}}),
		http.StatusSeeOther)
	if got := e.storedText(f.pendingA); got != "Staff should [NAME] more" {
		t.Fatalf("after add without raw: %q", got)
	}
	wantStatus(t, analyst.post("/programmes/alpha/review/"+f.flaggedA+"/accept", nil), http.StatusNotFound)
	wantStatus(t, analyst.post("/programmes/alpha/review/"+f.flaggedA+"/redact", url.Values{}), http.StatusNotFound)
}

func TestReviewAcceptApprovesAndPurgesRawText(t *testing.T) {
	e := newEnv(t)
	c := e.intake(e.progA, e.sessA1, reviewRaw)
	kept := e.intake(e.progA, e.sessA1, "Ring Jo Bloggs on 07700 900123")
	analyst := e.signedIn("analyst")
	wantStatus(t, analyst.post("/programmes/alpha/review/"+c.ID+"/accept", nil), http.StatusSeeOther)
	got, err := e.db.ContributionByID(context.Background(), c.ID)
	e.must(err)
	if got.Review != domain.ReviewApproved || got.RawKept {
		t.Fatalf("after accept: review %s, raw kept %v", got.Review, got.RawKept)
	}
	e.srv.privacy.KeepRawAfterApproval = true
	wantStatus(t, analyst.post("/programmes/alpha/review/"+kept.ID+"/accept", nil), http.StatusSeeOther)
	got, err = e.db.ContributionByID(context.Background(), kept.ID)
	e.must(err)
	if got.Review != domain.ReviewApproved || !got.RawKept {
		t.Fatalf("with keep-raw: review %s, raw kept %v", got.Review, got.RawKept)
	}
	analyst.get("/programmes/alpha/review")
	for _, id := range []string{c.ID, kept.ID} {
		if _, ok := e.reviewItemFor(id); ok {
			t.Fatalf("approved contribution %s still in the queue", id)
		}
	}
}

func TestSpanSegmentsAndPlaceholders(t *testing.T) {
	segs := markPlaceholders("[NAME] said [DATE].")
	if len(segs) != 4 || !segs[0].Mark || segs[1].Text != " said " || !segs[2].Mark || segs[3].Text != "." {
		t.Fatalf("placeholders: %+v", segs)
	}
	if !containsPhrase("Staff should LISTEN more", "listen") || containsPhrase("Staff should listen more", "list") {
		t.Fatal("phrase matching is not whole-word and case-insensitive")
	}
}

func TestReviewUndoOfATitledName(t *testing.T) {
	e := newEnv(t)
	c := e.intake(e.progA, e.sessA1, "Mr Smith said the wing is unsafe")
	if c.Text != "Mr [NAME] said the wing is unsafe" {
		t.Fatalf("fixture redaction changed: %q", c.Text)
	}
	analyst := e.signedIn("analyst")
	wantStatus(t, analyst.post("/programmes/alpha/review/"+c.ID+"/undo", url.Values{"phrase": {"Smith"}}), http.StatusSeeOther)
	if got := e.storedText(c.ID); got != "Mr Smith said the wing is unsafe" {
		t.Fatalf("after undo: %q", got)
	}
	analyst.get("/programmes/alpha/review")
	if it, ok := e.reviewItemFor(c.ID); !ok || len(it.Redactions) != 0 {
		t.Fatalf("the undone redaction is still listed: %+v", it)
	}
}
