package web

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"peervoice/store"
)

// TestBrowserFacilitatorChangesThePlan: a session's facilitator moves an
// activity up, edits one (a refused empty title first), removes one
// through its confirmation page, and is told why an activity with team
// rankings cannot be removed. axe checks every page.
func TestBrowserFacilitatorChangesThePlan(t *testing.T) {
	b := newBrowserEnv(t)
	acts := b.planFixture()
	_, _, _, err := b.db.PutTeamRankings(context.Background(),
		[]store.TeamRanking{{ActivityID: acts[2].ID, Team: "T1", Rank: 1, Idea: "Visits", SourceKey: "T1|1"}})
	b.must(err)
	b.signInWithPassword("facilitator@example.org")
	plan := "/programmes/alpha/sessions/" + b.sessA1.ID + "/plan"
	b.visit(plan)

	b.submitAndWait("#change-A2 form button", "#change-A1")
	b.checkAxe("plan after a move")
	if got := b.planTitles(); got != "1:Talk 2:Debate 3:Teams 4:Dots" {
		t.Fatalf("after moving Talk up: %s", got)
	}

	b.onNewPage(chromedp.Click(chromedp.CSS("#change-A2 a[href*='activity=']:not([href*='do='])")), "#title")
	b.checkAxe("change an activity")
	b.fill("title", "")
	b.submitVia("title")
	b.wantErrorSummary("change with errors", "Enter a title")
	b.fill("title", "The big debate")
	b.submitVia("title")
	b.wantAt(plan)
	if got := b.planTitles(); got != "1:Talk 2:The big debate 3:Teams 4:Dots" {
		t.Fatalf("after the edit: %s", got)
	}

	b.onNewPage(chromedp.Click(chromedp.CSS("#change-A3 a[href*='do=remove']")), "#remove-refused")
	b.checkAxe("removal refused")

	b.visit(plan)
	b.onNewPage(chromedp.Click(chromedp.CSS("#change-A1 a[href*='do=remove']")), "#remove")
	b.checkAxe("confirm removal")
	b.submitAndWait("#remove", "#change-A1")
	if got := b.planTitles(); got != "1:The big debate 2:Teams 3:Dots" {
		t.Fatalf("after the removal: %s", got)
	}
}
