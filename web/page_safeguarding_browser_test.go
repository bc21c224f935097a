package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"peervoice/demo"
	"peervoice/domain"
	"peervoice/privacy/intake"
	"peervoice/privacy/redact"
	"peervoice/privacy/screen"
	"peervoice/safeguarding"
)

// loadDemo loads the demo programme through the privacy intake, as
// `peervoice serve --demo` does: redacted text stored, raw text sealed and
// a concern opened for each disclosure the screen flags.
func (b *env) loadDemo() *domain.Programme {
	b.t.Helper()
	type item struct {
		c   *domain.Contribution
		raw string
		res screen.Result
	}
	var items []item
	pipe := intake.New(redact.Options{})
	sum, err := demo.Load(context.Background(), b.db, demo.Options{PasswordHash: testHash(), Intake: func(c *domain.Contribution) error {
		if c.ID == "" {
			c.ID = domain.NewID()
		}
		raw := c.Text
		items = append(items, item{c, raw, pipe.Apply(c).Screen})
		return nil
	}})
	b.must(err)
	ctx := safeguarding.WithActor(context.Background(), safeguarding.Actor{UserID: "system:intake"})
	for _, it := range items {
		b.must(b.srv.privacy.Safeguarding.AfterIntake(ctx, *it.c, it.raw, it.res))
	}
	return sum.Programme
}

// signInWithPassword signs in an account that needs no second factor.
func (b *browserEnv) signInWithPassword(email string) {
	b.t.Helper()
	b.run(chromedp.Navigate(b.base+"/sign-in"), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), email), chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.CSS("nav a[href='/account']")))
}

// submitAndWait submits the form holding sel and waits for the page after
// it to show want.
func (b *browserEnv) submitAndWait(sel, want string) {
	b.t.Helper()
	b.onNewPage(chromedp.Submit(chromedp.CSS(sel)), want)
}

// onNewPage runs act (a click or submit) and waits until a new page has
// loaded and shows want. The old page is marked first, because a banner or
// error summary from the previous page would otherwise satisfy the wait
// before the form's response arrives.
func (b *browserEnv) onNewPage(act chromedp.Action[chromedp.Void], want string) {
	b.t.Helper()
	eval[bool](b, `window.pvOldPage = true`)
	b.run(act)
	for range 200 {
		v, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`!window.pvOldPage && document.readyState === 'complete'`))
		if err == nil && v {
			b.run(chromedp.WaitVisible(chromedp.CSS(want)))
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("no new page loaded showing %s", want)
}

// TestBrowserSafeguardingLeadClosesDemoDisclosure: the lead signs in, finds
// the demo's disclosures in the queue, and works one through raised →
// assessed → referred → closed, with axe on every page and error state.
func TestBrowserSafeguardingLeadClosesDemoDisclosure(t *testing.T) {
	b := newBrowserEnv(t)
	p := b.loadDemo()
	b.signInWithPassword("safeguarding@demo.test")
	b.visit("/programmes/" + p.Slug)
	b.run(chromedp.Click(chromedp.CSS("#privacy-links a")), chromedp.WaitVisible(chromedp.CSS(".govuk-summary-card")))
	b.checkAxe("safeguarding queue")
	if n := eval[int](b, `document.querySelectorAll('.govuk-summary-card').length`); n < len(demo.DisclosureContributions)/2 {
		t.Fatalf("only %d concerns in the queue for %d demo disclosures", n, len(demo.DisclosureContributions))
	}
	concern := eval[string](b, `document.querySelector('.govuk-summary-card__action a').getAttribute('href')`)
	b.visit(concern)
	// Raw text is kept only where redaction changed something; either way
	// the lead sees what was said.
	if said := b.text("#concern-text"); said == "" {
		t.Fatal("the lead does not see what was said")
	}

	b.submitAndWait("#note", ".govuk-error-summary")
	b.checkAxe("concern with errors")
	b.run(chromedp.Click(chromedp.ID("to")), chromedp.SendKeys(chromedp.ID("note"), "Spoke to the wing's safer custody lead"))
	b.submitAndWait("#note", ".govuk-notification-banner")
	b.checkAxe("concern assessed")
	b.run(chromedp.Click(chromedp.ID("to")), chromedp.SendKeys(chromedp.ID("referred_to"), "Safer custody team"))
	b.submitAndWait("#note", "#concern-referred-to")
	b.run(chromedp.Click(chromedp.ID("to")))
	b.submitAndWait("#note", "#concern-closed")
	b.checkAxe("concern closed")
	if got := b.text("#concern-status"); got != "Closed" {
		t.Fatalf("status after the workflow: %q", got)
	}
	if notes := b.text("#concern-notes"); !strings.Contains(notes, "safer custody lead") {
		t.Fatalf("notes: %q", notes)
	}
	id := concern[strings.LastIndex(concern, "/")+1:]
	rec, err := b.db.Concern(context.Background(), id)
	b.must(err)
	if rec.Status != domain.ConcernClosed || rec.ReferredTo != "Safer custody team" {
		t.Fatalf("stored concern: %+v", rec.SafeguardingConcern)
	}
}

// TestBrowserAnalystUndoesAndAcceptsRedaction: an analyst undoes one
// redaction on a demo contribution and approves one, with axe on the page.
func TestBrowserAnalystUndoesAndAcceptsRedaction(t *testing.T) {
	b := newBrowserEnv(t)
	p := b.loadDemo()
	b.signInWithPassword("analyst@demo.test")
	b.visit("/programmes/" + p.Slug + "/review")
	if n := eval[int](b, `document.querySelectorAll("form[action$='/undo']").length`); n == 0 {
		t.Fatal("no redaction to undo in the demo's review queue")
	}
	b.run(chromedp.Click(chromedp.CSS("form[action$='/redact'] .govuk-details__summary, details .govuk-details__summary")))
	b.run(chromedp.Submit(chromedp.CSS("form[action$='/redact'] input[type=text]")), chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	b.checkAxe("review with errors")

	b.onNewPage(chromedp.Click(chromedp.CSS("form[action$='/undo'] button")), ".govuk-notification-banner")
	b.checkAxe("review after undo")
	rules, err := b.db.RedactionRules(context.Background(), p.ID)
	b.must(err)
	if len(rules) != 1 || rules[0].Kind != intake.Allow {
		t.Fatalf("rules after undo: %+v", rules)
	}
	before, err := b.db.PendingReview(context.Background(), p.ID, 1000)
	b.must(err)
	b.onNewPage(chromedp.Click(chromedp.CSS("form[action$='/accept'] button")), ".govuk-notification-banner")
	after, err := b.db.PendingReview(context.Background(), p.ID, 1000)
	b.must(err)
	if len(after) != len(before)-1 {
		t.Fatalf("approve: %d pending before, %d after", len(before), len(after))
	}
}

// TestBrowserFacilitatorRaisesConcern: a facilitator raises a concern from
// their session page, with axe on the form, its errors and the
// confirmation.
func TestBrowserFacilitatorRaisesConcern(t *testing.T) {
	b := newBrowserEnv(t)
	b.signInWithPassword("facilitator@example.org")
	b.visit("/programmes/alpha/sessions/" + b.sessA1.ID)
	b.run(chromedp.Click(chromedp.ID("raise-concern")), chromedp.WaitVisible(chromedp.ID("what")))
	b.checkAxe("raise a concern")
	b.submitAndWait("#what", ".govuk-error-summary")
	b.checkAxe("raise a concern with errors")
	b.run(chromedp.SendKeys(chromedp.ID("what"), "Said he is being threatened over a debt on the wing"),
		chromedp.Click(chromedp.CSS("input[value=at_risk]")))
	b.submitAndWait("#what", "#concern-sent")
	b.checkAxe("concern sent")
	cs, err := b.db.Concerns(context.Background(), b.progA.ID, safeguarding.Filter{})
	b.must(err)
	if len(cs) != 1 || cs[0].RaisedBy != b.users["facilitator"].ID {
		t.Fatalf("concerns after raising: %+v", cs)
	}
}
