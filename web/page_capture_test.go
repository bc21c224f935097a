package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"peervoice/domain"
)

// captureFixture gives alpha's first session a plan (a discussion, a
// debate, statement cards, dot priorities), an area, three statements and
// four attendees, as a session ready to type up.
type captureFixture struct {
	codes []string // the attendees' codes
	path  string
}

func (e *env) captureFixture() captureFixture {
	ctx := context.Background()
	e.must(e.db.AddArea(ctx, e.progA.ID, &domain.StrategicArea{Key: "education", Name: "Education"}))
	for i, a := range []domain.Activity{
		{Kind: domain.ActivityDiscussion, Title: "Open discussion"},
		{Kind: domain.ActivityDebate, Title: "Prison should focus on education"},
		{Kind: domain.ActivityStatementCards, Title: "Statement cards"},
		{Kind: domain.ActivityDotPriorities, Title: "Dot priorities"},
		{Kind: domain.ActivityTeamWork, Title: "Team ideas"},
	} {
		a.SessionID, a.Minutes, a.Position = e.sessA1.ID, 20, i+1
		e.must(e.db.CreateActivity(ctx, &a))
	}
	for n := 1; n <= 3; n++ {
		e.must(e.db.CreateStatement(ctx, &domain.Statement{ProgrammeID: e.progA.ID, Number: n, Text: "Statement " + itoa(n)}))
	}
	f := captureFixture{path: "/programmes/alpha/sessions/" + e.sessA1.ID + "/capture"}
	for _, p := range e.participants(e.progA.ID)[:4] {
		e.must(e.db.RecordAttendance(ctx, e.sessA1.ID, p.ID))
		f.codes = append(f.codes, p.Code)
	}
	return f
}

func (e *env) sessionContributions(includeFlagged bool) []domain.Contribution {
	cs, err := e.db.Contributions(context.Background(), domain.ContributionFilter{ProgrammeID: e.progA.ID, SessionID: e.sessA1.ID, IncludeFlagged: includeFlagged})
	e.must(err)
	return cs
}

func summaryValue(d captureData, key string) string {
	for _, r := range d.Summary.Rows {
		if r.Key == key {
			return r.Value
		}
	}
	return ""
}

func TestCaptureRefusesAWholeSectionOverOneBadLine(t *testing.T) {
	e := newEnv(t)
	f := e.captureFixture()
	b := e.signedIn("facilitator")
	before := len(e.sessionContributions(true))
	bad := mistype(f.codes[0])
	typed := "More time in education\n" + f.codes[1] + ": Family days matter\n" + bad + ": Staff should listen\n\nT2: A mentor scheme"
	wantStatus(t, b.post(f.path, url.Values{"section": {"contributions"}, "activity": {"A1"}, "lines": {typed}}), http.StatusUnprocessableEntity)
	v := e.last("capture")
	list := v.Errors.List()
	if len(list) != 1 || list[0].Field != "contributions" ||
		list[0].Message != "Line 3: code "+bad+" does not pass its check character: a character may be mistyped" {
		t.Fatalf("errors: %+v", list)
	}
	if d := v.Data.(captureData); d.Form.Lines != typed || len(d.LineErrors["contributions"]) != 1 {
		t.Fatalf("typed text not kept or error not placed: %+v", d.Form)
	}
	if n := len(e.sessionContributions(true)); n != before {
		t.Fatalf("%d contributions saved from a refused section", n-before)
	}
	// Two bad lines: both reported, each linked to its own anchor.
	typed2 := "zz: ok\nK7: fine\n" + bad + ": no"
	wantStatus(t, b.post(f.path, url.Values{"section": {"contributions"}, "activity": {"A9"}, "lines": {typed2}}), http.StatusUnprocessableEntity)
	list = e.last("capture").Errors.List()
	if len(list) < 3 || !strings.HasPrefix(list[1].Field, "contributions-problem-") {
		t.Fatalf("every line's problem should be listed: %+v", list)
	}
}

func TestCaptureSavesContributionsOnceAndCountsThem(t *testing.T) {
	e := newEnv(t)
	f := e.captureFixture()
	b := e.signedIn("facilitator")
	before := e.sessionContributions(true)
	typed := "More time in education\n" + strings.ToLower(f.codes[0]) + ": Family days matter\nT2: A mentor scheme\n" +
		"Note: this stays anonymous text\n" + disclosure
	form := url.Values{"section": {"contributions"}, "activity": {"A1"}, "area": {"education"}, "lines": {typed}}
	wantStatus(t, b.post(f.path, form), http.StatusOK)
	v := e.last("capture")
	if v.Banner == nil || v.Banner.Text != "5 added, 0 changed, 0 already saved. 1 held for the safeguarding lead." {
		t.Fatalf("banner: %+v", v.Banner)
	}
	d := v.Data.(captureData)
	if d.Saved != "contributions" || d.Form.Lines != "" || d.Form.Activity != "A1" {
		t.Fatalf("after a save the textarea clears and the choices stay: %+v", d.Form)
	}
	cs := e.sessionContributions(true)
	if len(cs) != len(before)+5 {
		t.Fatalf("saved %d, want 5", len(cs)-len(before))
	}
	byText := map[string]domain.Contribution{}
	for _, c := range cs {
		byText[c.Text] = c
	}
	if c := byText["Family days matter"]; c.ParticipantID == "" || c.Source != "web" {
		t.Fatalf("attribution lost: %+v", c)
	}
	if c := byText["A mentor scheme"]; c.Team != "T2" {
		t.Fatalf("team lost: %+v", c)
	}
	if c := byText["Note: this stays anonymous text"]; c.ID == "" || c.ParticipantID != "" {
		t.Fatalf("an ordinary word before a colon is not a code: %+v", c)
	}
	// Re-submitting the same text adds nothing.
	wantStatus(t, b.post(f.path, form), http.StatusOK)
	if v := e.last("capture"); v.Banner.Text != "0 added, 0 changed, 5 already saved." {
		t.Fatalf("re-submit: %+v", v.Banner)
	}
	if n := len(e.sessionContributions(true)); n != len(before)+5 {
		t.Fatalf("re-submit added %d", n-len(before)-5)
	}
	// The summary counts, and the flagged text is never shown back.
	w := b.get(f.path)
	wantStatus(t, w, http.StatusOK)
	d = e.last("capture").Data.(captureData)
	if got := summaryValue(d, "Held for the safeguarding lead"); got != "2" { // the fixture's flagged one too
		t.Fatalf("flagged count %q", got)
	}
	if got := summaryValue(d, "Contributions"); got != itoa(len(before)-1+4) {
		t.Fatalf("contribution count %q", got)
	}
	if strings.Contains(w.Body.String(), "kill himself") || strings.Contains(w.Body.String(), e.flaggedA) {
		t.Fatal("flagged text shown on the capture page")
	}
	if d.Summary.CheckCode != e.sessA1.CheckCode || d.Summary.CheckCode != domain.SessionCheckCode(e.sessA1.ID) {
		t.Fatalf("check code %q", d.Summary.CheckCode)
	}
}

func TestCaptureDebateVotesDotsAndRankings(t *testing.T) {
	e := newEnv(t)
	f := e.captureFixture()
	b := e.signedIn("coordinator")
	debate := "before for 12\nbefore against 3\nafter for 10\n" + f.codes[0] + " for against\n" + f.codes[1] + " - undecided"
	wantStatus(t, b.post(f.path, url.Values{"section": {"debate"}, "debate_activity": {"A2"}, "debate": {debate}}), http.StatusOK)
	if v := e.last("capture"); v.Banner.Text != "6 added, 0 changed, 0 already saved." {
		t.Fatalf("debate: %+v", v.Banner)
	}
	// A correction replaces the tally rather than adding to it.
	wantStatus(t, b.post(f.path, url.Values{"section": {"debate"}, "debate_activity": {"A2"}, "debate": {"before for 13"}}), http.StatusOK)
	if v := e.last("capture"); v.Banner.Text != "0 added, 1 changed, 0 already saved." {
		t.Fatalf("debate correction: %+v", v.Banner)
	}
	wantStatus(t, b.post(f.path, url.Values{"section": {"debate"}, "debate_activity": {"A1"}, "debate": {"before maybe 3\nhello"}}), http.StatusUnprocessableEntity)
	if list := e.last("capture").Errors.List(); len(list) < 2 || !strings.HasPrefix(list[0].Message, "Line 2:") && !strings.HasPrefix(list[0].Message, "Line 1:") {
		t.Fatalf("debate errors: %+v", list)
	}
	wantStatus(t, b.post(f.path, url.Values{"section": {"dots"}, "dot_activity": {"A4"}, "dots": {"Family contact 12\nEducation, 7"}}), http.StatusOK)
	contribsBefore := len(e.sessionContributions(true))
	rankings := url.Values{"section": {"rankings"}, "rank_activity": {"A5"}, "rankings": {"T1 1 More education\nT1 2. Family days with Jamie Smith"}}
	wantStatus(t, b.post(f.path, rankings), http.StatusOK)
	if v := e.last("capture"); v.Banner.Text != "2 added, 0 changed, 0 already saved." {
		t.Fatalf("rankings: %+v", v.Banner)
	}
	wantStatus(t, b.post(f.path, rankings), http.StatusOK) // saved twice: nothing added
	if v := e.last("capture"); v.Banner.Text != "0 added, 0 changed, 2 already saved." {
		t.Fatalf("rankings again: %+v", v.Banner)
	}
	wantStatus(t, b.post(f.path, url.Values{"section": {"rankings"}, "rank_activity": {"A5"}, "rankings": {"T1 first More education"}}), http.StatusUnprocessableEntity)
	wantStatus(t, b.get(f.path), http.StatusOK)
	d := e.last("capture").Data.(captureData)
	if got := summaryValue(d, "Debate votes"); got != itoa(13+3+10+1+1+1) {
		t.Fatalf("debate votes %q", got)
	}
	if got := summaryValue(d, "Dot priorities"); got != "19 dots on 2 options" {
		t.Fatalf("dots %q", got)
	}
	if got := summaryValue(d, "Team rankings"); got != "2" {
		t.Fatalf("team rankings %q", got)
	}
	// Rankings are their own records now, redacted, not contributions.
	if n := len(e.sessionContributions(true)); n != contribsBefore {
		t.Fatalf("rankings stored as contributions: %d, was %d", n, contribsBefore)
	}
	rs, err := e.db.SessionTeamRankings(context.Background(), e.sessA1.ID)
	e.must(err)
	if len(rs) != 2 || rs[0].Team != "T1" || rs[0].Rank != 1 || rs[0].Idea != "More education" ||
		rs[1].Rank != 2 || strings.Contains(rs[1].Idea, "Jamie") || !strings.HasPrefix(rs[1].Idea, "Family days with") {
		t.Fatalf("rankings stored: %+v", rs)
	}
	// The session page shows them, team by team.
	wantStatus(t, b.get("/programmes/alpha/sessions/"+e.sessA1.ID), http.StatusOK)
	sd := e.last("session").Data.(sessionData)
	if len(sd.Rankings) != 1 || sd.Rankings[0].Team != "T1" || sd.Rankings[0].Activity != "A5: Team ideas" ||
		len(sd.Rankings[0].Ideas) != 2 || sd.Rankings[0].Ideas[0].Idea != "More education" {
		t.Fatalf("session page rankings: %+v", sd.Rankings)
	}
}

func TestCaptureVoteGrid(t *testing.T) {
	e := newEnv(t)
	f := e.captureFixture()
	b := e.signedIn("facilitator")
	wantStatus(t, b.get(f.path), http.StatusOK)
	d := e.last("capture").Data.(captureData)
	if len(d.Grid) != 4 || len(d.Statements) != 3 || d.Grid[0].Cells[0].ID != "v-"+f.codes[0]+"-S1" {
		t.Fatalf("grid: %d rows, statements %v", len(d.Grid), d.Statements)
	}
	cell := func(code, s string) string { return "v-" + code + "-" + s }
	form := url.Values{"section": {"votes"}, cell(f.codes[0], "S1"): {"a"}, cell(f.codes[0], "S2"): {"D"},
		cell(f.codes[1], "S3"): {"x"}, cell(f.codes[2], "S1"): {"p"}}
	wantStatus(t, b.post(f.path, form), http.StatusUnprocessableEntity)
	v := e.last("capture")
	if list := v.Errors.List(); len(list) != 1 || list[0].Field != cell(f.codes[1], "S3") ||
		!strings.Contains(list[0].Message, f.codes[1]+", S3: \"x\" is not a vote") {
		t.Fatalf("grid errors: %+v", list)
	}
	if g := v.Data.(captureData).Grid; g[1].Cells[2].Value != "x" || g[1].Cells[2].Error == "" || g[0].Cells[0].Value != "a" {
		t.Fatalf("typed grid not kept: %+v", g[1])
	}
	votes, err := e.db.Votes(context.Background(), e.progA.ID)
	e.must(err)
	if len(votes) != 0 {
		t.Fatalf("%d votes saved from a refused grid", len(votes))
	}
	form.Set(cell(f.codes[1], "S3"), "a")
	wantStatus(t, b.post(f.path, form), http.StatusOK)
	if v := e.last("capture"); v.Banner.Text != "4 added, 0 changed, 0 already saved." {
		t.Fatalf("grid save: %+v", v.Banner)
	}
	wantStatus(t, b.get(f.path), http.StatusOK)
	d = e.last("capture").Data.(captureData)
	if d.Grid[0].Cells[1].Value != "d" || summaryValue(d, "Statement votes") != "4" {
		t.Fatalf("saved grid: %+v, %v", d.Grid[0], d.Summary)
	}
}

func TestCaptureNeedsASectionAndAnActivity(t *testing.T) {
	e := newEnv(t)
	f := e.captureFixture()
	b := e.signedIn("facilitator")
	wantStatus(t, b.post(f.path, url.Values{"section": {"contributions"}, "lines": {"  "}}), http.StatusUnprocessableEntity)
	v := e.last("capture")
	if v.Errors.Get("activity") == "" || v.Errors.Get("contributions") == "" {
		t.Fatalf("errors: %+v", v.Errors.List())
	}
	// Facilitators of other sessions, and decision-makers, get not found.
	wantStatus(t, e.signedIn("facilitator2").get(f.path), http.StatusNotFound)
	wantStatus(t, e.signedIn("decisionmaker").get(f.path), http.StatusNotFound)
	e.signedIn("analyst").get("/programmes/alpha/sessions/" + e.sessA1.ID)
	if links := e.last("session").Data.(sessionData).Capture; links != nil {
		t.Fatalf("an analyst may not capture: %+v", links)
	}
	// The session page links to capture for those who may.
	e.signedIn("facilitator").get("/programmes/alpha/sessions/" + e.sessA1.ID)
	links := e.last("session").Data.(sessionData).Capture
	if len(links) != 2 || links[0].Href != f.path {
		t.Fatalf("links: %+v", links)
	}
}

func TestAttribution(t *testing.T) {
	for line, want := range map[string][2]string{
		"K7QX: more education":   {"K7QX", "more education"},
		"k7qx:more education":    {"k7qx", "more education"},
		"T2: family days":        {"T2", "family days"},
		"team 2: family days":    {"", "team 2: family days"},
		"Note: staff are kind":   {"", "Note: staff are kind"},
		"KWQX: all capitals":     {"KWQX", "all capitals"},
		"No prefix at all":       {"", "No prefix at all"},
		"Time: 10:30 was late":   {"", "Time: 10:30 was late"},
		"A3-K7: a hyphenated id": {"A3-K7", "a hyphenated id"},
	} {
		who, text := attribution(line)
		if who != want[0] || text != want[1] {
			t.Errorf("%q: got %q %q, want %q", line, who, text, want)
		}
	}
}
