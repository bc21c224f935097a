package store

import (
	"context"
	"testing"
	"time"

	"peervoice/domain"
	"peervoice/privacy/intake"
)

func TestRedactionRulesDecideAndList(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "rules-one")
		other := newFixture(t, s, "rules-two")
		at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		allow := &intake.Rule{ProgrammeID: f.prog.ID, Phrase: "  Grace   Hall ", Kind: intake.Allow, DecidedBy: "u1", DecidedAt: at}
		must(t, s.DecideRedactionRule(ctx, allow))
		must(t, s.DecideRedactionRule(ctx, &intake.Rule{ProgrammeID: f.prog.ID, Phrase: "Big Tel", Kind: intake.Deny,
			Category: "NAME", DecidedBy: "u1", DecidedAt: at}))
		must(t, s.DecideRedactionRule(ctx, &intake.Rule{ProgrammeID: other.prog.ID, Phrase: "Elsewhere", Kind: intake.Allow, DecidedBy: "u2"}))

		rules, err := s.RedactionRules(ctx, f.prog.ID)
		must(t, err)
		if len(rules) != 2 || rules[0].Phrase != "grace hall" || rules[0].Kind != intake.Allow || rules[0].ID != allow.ID ||
			!rules[0].DecidedAt.Equal(at) || rules[1].Phrase != "big tel" || rules[1].Category != "NAME" {
			t.Fatalf("rules: %+v", rules)
		}

		// The same decision again updates who and when, keeping one row.
		must(t, s.DecideRedactionRule(ctx, &intake.Rule{ProgrammeID: f.prog.ID, Phrase: "GRACE HALL", Kind: intake.Allow, DecidedBy: "u3"}))
		rules, err = s.RedactionRules(ctx, f.prog.ID)
		must(t, err)
		if len(rules) != 2 || rules[0].DecidedBy != "u3" || rules[0].ID != allow.ID {
			t.Fatalf("after repeat: %+v", rules)
		}

		// Denying a kept phrase replaces the allow decision.
		must(t, s.DecideRedactionRule(ctx, &intake.Rule{ProgrammeID: f.prog.ID, Phrase: "grace hall", Kind: intake.Deny,
			Category: "ADDRESS", DecidedBy: "u4"}))
		rules, err = s.RedactionRules(ctx, f.prog.ID)
		must(t, err)
		if len(rules) != 2 || rules[1].Phrase != "grace hall" || rules[1].Kind != intake.Deny || rules[1].Category != "ADDRESS" ||
			rules[0].Phrase != "big tel" {
			t.Fatalf("after flip: %+v", rules)
		}
	})
}

func TestRedactionRuleValidation(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "rules-bad")
		for name, r := range map[string]intake.Rule{
			"empty phrase": {ProgrammeID: f.prog.ID, Phrase: "  ", Kind: intake.Allow, DecidedBy: "u"},
			"placeholder":  {ProgrammeID: f.prog.ID, Phrase: "[NAME]", Kind: intake.Allow, DecidedBy: "u"},
			"no category":  {ProgrammeID: f.prog.ID, Phrase: "x", Kind: intake.Deny, DecidedBy: "u"},
			"bad kind":     {ProgrammeID: f.prog.ID, Phrase: "x", Kind: "maybe", DecidedBy: "u"},
			"nobody":       {ProgrammeID: f.prog.ID, Phrase: "x", Kind: intake.Allow},
		} {
			err := s.DecideRedactionRule(ctx, &r)
			if domain.ErrorCode(err) != domain.EInvalid {
				t.Errorf("%s: %v", name, err)
			}
		}
		err := s.DecideRedactionRule(ctx, &intake.Rule{ProgrammeID: domain.NewID(), Phrase: "x", Kind: intake.Allow, DecidedBy: "u"})
		wantCode(t, err, domain.EInvalid) // no such programme: the foreign key refuses it
		rules, err := s.RedactionRules(ctx, f.prog.ID)
		must(t, err)
		if len(rules) != 0 {
			t.Fatalf("invalid rules stored: %+v", rules)
		}
	})
}

func TestPendingReviewAndSetters(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "review-one")
		kr := testKeyring(t)
		pending := addContribution(t, s, f, domain.Contribution{Text: "[NAME] said the wing is unsafe"})
		addContribution(t, s, f, domain.Contribution{Text: "Approved already", Review: domain.ReviewApproved})
		flagged := addContribution(t, s, f, domain.Contribution{Text: "A disclosure", Flagged: true})
		must(t, s.SetRawText(ctx, pending.ID, sealRaw(t, kr, pending.ID, "Dave said the wing is unsafe")))

		items, err := s.PendingReview(ctx, f.prog.ID, 50)
		must(t, err)
		if len(items) != 1 || items[0].ID != pending.ID || !items[0].RawKept || items[0].Text != pending.Text {
			t.Fatalf("pending: %+v", items)
		}

		got, err := s.ContributionByID(ctx, flagged.ID)
		must(t, err)
		if !got.Flagged || got.RawKept || got.Text != "A disclosure" {
			t.Fatalf("flagged by id: %+v", got)
		}
		_, err = s.ContributionByID(ctx, domain.NewID())
		wantCode(t, err, domain.ENotFound)

		must(t, s.SetRedactedText(ctx, pending.ID, "Dave said the wing is [ADDRESS]"))
		wantCode(t, s.SetRedactedText(ctx, pending.ID, "   "), domain.EInvalid)
		must(t, s.SetReview(ctx, pending.ID, domain.ReviewApproved))
		wantCode(t, s.SetReview(ctx, pending.ID, "maybe"), domain.EInvalid)
		wantCode(t, s.SetReview(ctx, domain.NewID(), domain.ReviewApproved), domain.ENotFound)
		got, err = s.ContributionByID(ctx, pending.ID)
		must(t, err)
		if got.Text != "Dave said the wing is [ADDRESS]" || got.Review != domain.ReviewApproved {
			t.Fatalf("after set: %+v", got)
		}
		items, err = s.PendingReview(ctx, f.prog.ID, 50)
		must(t, err)
		if len(items) != 0 {
			t.Fatalf("approved still pending: %+v", items)
		}
	})
}
