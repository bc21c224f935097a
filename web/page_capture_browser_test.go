package web

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// typeKeys types text with key events; "\n" presses Enter.
func (b *browserEnv) typeKeys(text string) {
	b.t.Helper()
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.run(chromedp.KeyEvent(kb.Enter))
		}
		if line != "" {
			b.run(chromedp.KeyEvent(line))
		}
	}
}

// pressEnterOn tabs to a button and presses Enter, then waits for the
// next page to load and show sel. The page is marked first: the form posts
// back to the same address, so the address cannot tell the pages apart.
func (b *browserEnv) pressEnterOn(button, sel string) {
	b.t.Helper()
	b.tabTo(button)
	b.onNewPage(chromedp.KeyEvent(kb.Enter), sel)
}

func (b *browserEnv) value(sel string) string {
	b.t.Helper()
	return eval[string](b, `document.querySelector(`+jsString(sel)+`).value`)
}

// TestBrowserFacilitatorTypesUpASessionByKeyboard: a facilitator signs in
// and types up a session's sheets with Tab, typing and Enter only: a
// refused line, then contributions, the vote grid with a/d/p, a debate
// tally and dots. A draft survives a reload. axe checks every state.
func TestBrowserFacilitatorTypesUpASessionByKeyboard(t *testing.T) {
	b := newBrowserEnv(t)
	f := b.captureFixture()
	b.run(chromedp.Navigate(b.base+"/sign-in"), chromedp.WaitReady(chromedp.CSS("body")))
	b.tabTo("#email")
	b.typeKeys("facilitator@example.org")
	b.tabTo("#password")
	b.typeKeys(testPassword)
	b.run(chromedp.KeyEvent(kb.Enter))
	b.waitLeave("/sign-in")
	b.run(chromedp.Navigate(b.base+"/programmes/alpha/sessions/"+b.sessA1.ID), chromedp.WaitReady(chromedp.CSS("footer")))
	b.tabTo("a[href$='/capture']")
	b.run(chromedp.KeyEvent(kb.Enter))
	b.waitLeave("/programmes/alpha/sessions/" + b.sessA1.ID)
	b.checkAxe("capture")

	// A mistyped code: the whole section is refused and the text kept.
	b.tabTo("#activity")
	b.typeKeys("A1")
	b.tabTo("#contributions")
	typed := "More time in education\n" + mistype(f.codes[0]) + ": Family days"
	b.typeKeys(typed)
	b.pressEnterOn("form[data-section=contributions] button", ".govuk-error-summary")
	b.checkAxe("capture with errors")
	if got := b.value("#contributions"); got != typed {
		t.Fatalf("typed text lost: %q", got)
	}
	if n := len(b.sessionContributions(true)); n != 2 { // the fixture's own
		t.Fatalf("%d contributions after a refused save", n)
	}
	// Correct it: select all, retype, save.
	b.tabTo("#contributions")
	b.run(chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	b.typeKeys("More time in education\n" + f.codes[0] + ": Family days\nT2: A mentor scheme")
	b.pressEnterOn("form[data-section=contributions] button", ".govuk-notification-banner--success")
	b.checkAxe("capture saved")

	// The vote grid: a/d/p move on to the next cell by themselves.
	b.tabTo("#v-" + f.codes[0] + "-S1")
	b.run(chromedp.KeyEvent("adpadpadpdda"))
	if got := b.value("#v-" + f.codes[3] + "-S3"); got != "a" {
		t.Fatalf("the last cell has %q: keys did not move along the grid", got)
	}
	b.run(chromedp.KeyEvent(kb.ArrowUp))
	if id := eval[string](b, `document.activeElement.id`); id != "v-"+f.codes[2]+"-S3" {
		t.Fatalf("ArrowUp went to %s", id)
	}
	b.pressEnterOn("form[data-section=votes] button", ".govuk-notification-banner--success")

	// A debate tally and the dots.
	b.tabTo("#debate_activity")
	b.typeKeys("A2")
	b.tabTo("#debate")
	b.typeKeys("before for 12\nafter for 10")
	b.pressEnterOn("form[data-section=debate] button", ".govuk-notification-banner--success")

	// A draft survives a reload before it is saved, then is cleared.
	b.tabTo("#dots")
	b.typeKeys("Family contact 12")
	if s := b.text("[data-status=dots]"); s != "Not saved yet" {
		t.Fatalf("status %q", s)
	}
	b.run(chromedp.Reload(), chromedp.WaitReady(chromedp.CSS("footer")))
	if got := b.value("#dots"); got != "Family contact 12" {
		t.Fatalf("draft not restored: %q", got)
	}
	b.tabTo("#dot_activity")
	b.typeKeys("A4")
	b.pressEnterOn("form[data-section=dots] button", ".govuk-notification-banner--success")
	b.checkAxe("capture after saving everything")
	if left := eval[int](b, `Object.keys(localStorage).filter(k => k.includes(':dots')).length`); left != 0 {
		t.Fatal("the saved draft was not cleared")
	}

	votes, err := b.db.Votes(context.Background(), b.progA.ID)
	b.must(err)
	if len(votes) != 12 {
		t.Fatalf("%d votes saved, want 12", len(votes))
	}
	if n := len(b.sessionContributions(true)); n != 2+3 {
		t.Fatalf("%d contributions, want 5", n)
	}
	if got := b.text("main .govuk-summary-list"); !strings.Contains(got, b.sessA1.CheckCode) || !strings.Contains(got, "12 dots on 1 option") {
		t.Fatalf("summary: %s", got)
	}
}
