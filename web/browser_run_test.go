package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"peervoice/domain"
)

// TestBrowserCoordinatorBuildsAndRunsAProgramme is issue 4's journey in the
// browser: a coordinator builds a programme from the HMPPS template, adds a
// site and cleared facilitators, plans a session from the activity library,
// records attendance and consent, debriefs, and sees reach against the
// target, with axe on every page.
func TestBrowserCoordinatorBuildsAndRunsAProgramme(t *testing.T) {
	b := newBrowserEnv(t)
	b.signInWithTOTPSetUp("coordinator@example.org")
	b.visit("/programmes")
	b.run(chromedp.Click(chromedp.ID("new-programme")))
	b.waitLeave("/programmes")
	b.checkAxe("new programme")
	b.submitVia("slug")
	b.wantErrorSummary("new programme with errors", "Enter the title")
	b.fill("slug", "hmpps-pilot", "title", "HMPPS strategy pilot", "start_date", "2026-09-01", "end_date", "2026-10-31")
	b.submitVia("slug")
	b.wantAt("/programmes/hmpps-pilot")
	b.checkAxe("programme overview")
	b.visit("/programmes/hmpps-pilot/settings")
	b.visit("/programmes/hmpps-pilot/areas")
	prog, err := b.db.ProgrammeBySlug(context.Background(), "hmpps-pilot")
	if err != nil {
		t.Fatal(err)
	}

	siteID := b.addSite(prog.ID)
	jordan := b.addFacilitator("Jordan Okafor", "jordan@example.org", siteID)
	sam := b.addFacilitator("Sam Reid", "sam@example.org", "")
	sessionPath := b.addSession(siteID, jordan, sam)
	b.buildPlan(prog.ID)
	b.visit(sessionPath)
	b.recordAttendance(sessionPath, prog.ID, 5)
	b.debrief(sessionPath)

	b.visit("/programmes/hmpps-pilot/reach")
	if got := b.text("#reach-progress"); got != "5 of 110 participants reached (4%)." {
		t.Fatalf("reach: %q", got)
	}
	b.visit("/programmes/hmpps-pilot/fees")
	b.visit("/programmes/hmpps-pilot/withdraw")
}

func (b *browserEnv) addSite(programmeID string) string {
	b.t.Helper()
	b.visit("/programmes/hmpps-pilot/sites")
	b.fill("name", "HMP Eastwood Park", "region", "South West", "security_notes", "paper only; no laptops; pens supplied by the establishment")
	b.run(chromedp.Click(chromedp.CSS("label[for='type-2']")))
	b.submitVia("name")
	b.checkAxe("sites")
	if !strings.Contains(b.text("main table"), "Women's prison") {
		b.t.Fatalf("site not listed: %s", b.text("main table"))
	}
	sites, err := b.db.Sites(context.Background(), programmeID)
	if err != nil || len(sites) != 1 {
		b.t.Fatalf("sites %+v %v", sites, err)
	}
	return sites[0].ID
}

// addFacilitator adds a facilitator, cleared for the site if one is given.
func (b *browserEnv) addFacilitator(name, email, siteID string) string {
	b.t.Helper()
	b.visit("/programmes/hmpps-pilot/facilitators")
	b.fill("name", name, "email", email, "lived_experience", "Private note")
	b.submitVia("name")
	b.checkAxe("facilitator " + name)
	if siteID != "" {
		b.run(chromedp.SetValue(chromedp.ID("site_id"), siteID), chromedp.Click(chromedp.CSS("label[for='status-2']")))
		b.submitVia("expires_on")
		b.wantErrorSummary("clearance with errors", "Enter the date a granted clearance expires")
		b.fill("expires_on", "2026-12-31")
		b.submitVia("expires_on")
		b.checkAxe("facilitator cleared")
		if !strings.Contains(b.text("main"), "Granted") {
			b.t.Fatal("clearance not shown")
		}
	}
	f, err := b.db.Facilitators(context.Background())
	if err != nil {
		b.t.Fatal(err)
	}
	for _, x := range f {
		if x.Email == email {
			return x.ID
		}
	}
	b.t.Fatalf("facilitator %s not saved", email)
	return ""
}

// addSession first tries the uncleared facilitator as lead, then swaps.
func (b *browserEnv) addSession(siteID, cleared, uncleared string) string {
	b.t.Helper()
	b.visit("/programmes/hmpps-pilot/sessions/new")
	b.fill("title", "Eastwood Park morning", "date", "2026-09-15")
	b.run(chromedp.SetValue(chromedp.ID("site_id"), siteID), chromedp.SetValue(chromedp.ID("lead_facilitator_id"), uncleared),
		chromedp.SetValue(chromedp.ID("co_facilitator_id"), cleared))
	b.submitVia("title")
	b.wantErrorSummary("session with errors", "Sam Reid is not cleared for HMP Eastwood Park on 15 September")
	b.run(chromedp.SetValue(chromedp.ID("lead_facilitator_id"), cleared), chromedp.SetValue(chromedp.ID("co_facilitator_id"), uncleared))
	b.submitVia("title")
	loc := b.location()
	if !strings.HasSuffix(loc, "/plan") {
		b.t.Fatalf("after adding the session: %s", loc)
	}
	b.checkAxe("empty plan")
	return strings.TrimSuffix(loc, "/plan")
}

func (b *browserEnv) buildPlan(programmeID string) {
	b.t.Helper()
	b.submitVia("prompt")
	b.wantErrorSummary("plan with errors", "Enter the motion for the debate")
	b.fill("prompt", "This house believes prisons should be smaller")
	b.submitVia("prompt")
	areas, err := b.db.Areas(context.Background(), programmeID)
	if err != nil || len(areas) != 6 {
		b.t.Fatalf("areas from the template: %d %v", len(areas), err)
	}
	b.run(chromedp.Click(chromedp.CSS("label[for='kind-2']")), chromedp.SetValue(chromedp.ID("area_id"), areas[0].ID))
	b.submitVia("minutes")
	b.checkAxe("plan")
	if n := eval[int](b, `document.querySelectorAll('main table tbody tr').length`); n != 2 {
		b.t.Fatalf("plan has %d rows", n)
	}
	got := eval[string](b, `fetch(document.getElementById('pack-download').href).then(r => r.status + ' ' + r.headers.get('content-type'))`)
	if got != "200 application/pdf" {
		b.t.Fatalf("pack download: %s", got)
	}
}

// recordAttendance makes new codes for n newcomers, then shows a mistyped
// code caught by its check character.
func (b *browserEnv) recordAttendance(sessionPath, programmeID string, n int) {
	b.t.Helper()
	b.visit(sessionPath + "/attendance")
	for i := 1; i <= n; i++ {
		b.run(chromedp.Click(chromedp.CSS("label[for='who-3']")), chromedp.Click(chromedp.CSS("label[for='consent']")))
		b.submitVia("code")
		if rows := eval[int](b, `document.querySelectorAll('main table tbody tr').length`); rows != i {
			b.t.Fatalf("after %d newcomers the table has %d rows", i, rows)
		}
	}
	b.checkAxe("attendance")
	ps, err := b.db.Participants(context.Background(), programmeID)
	if err != nil || len(ps) != n {
		b.t.Fatalf("participants %d %v", len(ps), err)
	}
	b.run(chromedp.Click(chromedp.CSS("label[for='who']")))
	b.fill("code", mistype(ps[0].Code))
	b.submitVia("code")
	b.wantErrorSummary("attendance with errors", "does not pass its check: a character may be mistyped")
	if domain.CheckCode(ps[0].Code) != nil {
		b.t.Fatal("a generated code fails its own check")
	}
}

func (b *browserEnv) debrief(sessionPath string) {
	b.t.Helper()
	b.visit(sessionPath + "/debrief")
	b.fill("how_it_went", "Lively debate; one man left upset")
	b.run(chromedp.Click(chromedp.CSS("label[for='wellbeing-2']")), chromedp.Click(chromedp.CSS("label[for='follow_up']")))
	b.submitVia("how_it_went")
	b.wantAt(sessionPath)
	b.visit("/programmes/hmpps-pilot")
	if !strings.Contains(b.text("#follow-ups"), "Eastwood Park morning") {
		b.t.Fatal("no follow-up alert on the overview")
	}
}

// fill types into fields by ID: fill("id", "text", "id2", "text2").
func (b *browserEnv) fill(kv ...string) {
	b.t.Helper()
	for i := 0; i+1 < len(kv); i += 2 {
		eval[bool](b, `(document.getElementById(`+jsString(kv[i])+`).value = '') === ''`)
		b.run(chromedp.SendKeys(chromedp.ID(kv[i]), kv[i+1]))
	}
}

// submitVia submits the form holding the field and waits for the next
// page, which may have the same address (a form shown again with errors).
func (b *browserEnv) submitVia(id string) {
	b.t.Helper()
	eval[bool](b, `(window.pvOld = true)`)
	b.run(chromedp.Submit(chromedp.ID(id)))
	for range 400 {
		old, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`window.pvOld === true`))
		if err == nil && !old {
			b.run(chromedp.WaitReady(chromedp.CSS("footer")))
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	b.t.Fatalf("submitting #%s never left %s", id, b.location())
}

func (b *browserEnv) wantErrorSummary(name, words string) {
	b.t.Helper()
	if got := b.text(".govuk-error-summary"); !strings.Contains(got, words) {
		b.t.Fatalf("%s: error summary %q, want %q", name, got, words)
	}
	b.checkAxe(name)
}

func (b *browserEnv) wantAt(path string) {
	b.t.Helper()
	if loc := b.location(); loc != path {
		b.t.Fatalf("at %s, want %s", loc, path)
	}
}
