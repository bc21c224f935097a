package store

import (
	"context"
	"errors"
	"testing"

	"peervoice/domain"
	"peervoice/scheduling"
)

func TestFacilitationProgrammeAreasSites(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "fac-prog")
		p := *f.prog
		p.Title, p.SuppressionThreshold, p.WithdrawalCutoff, p.TargetParticipants = "Renamed", 7, "2026-03-01", 110
		must(t, s.UpdateProgramme(ctx, &p))
		got, err := s.Programme(ctx, p.ID)
		must(t, err)
		if got.Title != "Renamed" || got.SuppressionThreshold != 7 || got.WithdrawalCutoff != "2026-03-01" || got.TargetParticipants != 110 || got.Slug != "fac-prog" {
			t.Fatalf("programme after update: %+v", got)
		}
		p.SuppressionThreshold = 2
		err = s.UpdateProgramme(ctx, &p)
		var de *domain.Error
		if !errors.As(err, &de) || de.Fields["suppression_threshold"] == "" {
			t.Fatalf("threshold 2 accepted: %v", err)
		}
		ghost := *f.prog
		ghost.ID = domain.NewID()
		wantCode(t, s.UpdateProgramme(ctx, &ghost), domain.ENotFound)

		area := domain.StrategicArea{Key: "staffing", Name: "Staffing", Questions: []string{"Who helps you?"}}
		must(t, s.AddArea(ctx, p.ID, &area))
		if area.Position <= f.area.Position {
			t.Fatalf("new area position %d, not after %d", area.Position, f.area.Position)
		}
		area.Name, area.Questions = "Staff", []string{"Who helps you?", "Who does not?"}
		must(t, s.UpdateArea(ctx, &area))
		areas, err := s.Areas(ctx, p.ID)
		must(t, err)
		if len(areas) != 2 || areas[1].Name != "Staff" || len(areas[1].Questions) != 2 {
			t.Fatalf("areas: %+v", areas)
		}
		wantCode(t, s.AddArea(ctx, p.ID, &domain.StrategicArea{Key: "staffing", Name: "Again"}), domain.EConflict)

		site := *f.site
		site.Type, site.SecurityNotes = domain.SiteWomensPrison, "paper only; no laptops"
		must(t, s.UpdateSite(ctx, &site))
		sites, err := s.Sites(ctx, p.ID)
		must(t, err)
		if sites[0].Type != domain.SiteWomensPrison || sites[0].SecurityNotes != "paper only; no laptops" {
			t.Fatalf("site: %+v", sites[0])
		}
		// A site cannot be moved into another programme by editing it.
		other := newFixture(t, s, "fac-other")
		site.ProgrammeID = other.prog.ID
		wantCode(t, s.UpdateSite(ctx, &site), domain.ENotFound)
	})
}

func TestFacilitationFacilitatorRecords(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "fac-recs")
		fac := *f.lead
		fac.LivedExperience = "Served four years; released 2023."
		must(t, s.UpdateFacilitator(ctx, &fac))
		got, err := s.Facilitator(ctx, fac.ID)
		must(t, err)
		if got.LivedExperience != fac.LivedExperience {
			t.Fatalf("facilitator: %+v", got)
		}
		_, err = s.Facilitator(ctx, domain.NewID())
		wantCode(t, err, domain.ENotFound)

		must(t, s.AddTraining(ctx, &scheduling.Training{FacilitatorID: fac.ID, Kind: scheduling.TrainingSafeguarding, CompletedOn: "2025-09-01", ExpiresOn: "2026-09-01"}))
		wantCode(t, s.AddTraining(ctx, &scheduling.Training{FacilitatorID: fac.ID, Kind: "juggling", CompletedOn: "2025-09-01"}), domain.EInvalid)
		tr, err := s.Training(ctx, fac.ID)
		must(t, err)
		all, err := s.Training(ctx, "")
		must(t, err)
		if len(tr) != 1 || tr[0].ExpiresOn != "2026-09-01" || len(all) != 1 {
			t.Fatalf("training: %+v / %+v", tr, all)
		}

		c := &scheduling.Clearance{FacilitatorID: fac.ID, SiteID: f.site.ID, Status: scheduling.ClearanceRequested}
		must(t, s.PutClearance(ctx, c))
		c.Status, c.ExpiresOn = scheduling.ClearanceGranted, "2026-12-31"
		must(t, s.PutClearance(ctx, c))
		cs, err := s.Clearances(ctx, f.prog.ID)
		must(t, err)
		if len(cs) != 1 || !cs[0].ValidOn("2026-02-02") || cs[0].ValidOn("2027-01-01") {
			t.Fatalf("clearances: %+v", cs)
		}
		other := newFixture(t, s, "fac-recs2")
		if cs, _ := s.Clearances(ctx, other.prog.ID); len(cs) != 0 {
			t.Fatalf("another programme sees clearances: %+v", cs)
		}

		must(t, s.AddUnavailable(ctx, scheduling.Unavailable{FacilitatorID: fac.ID, Date: "2026-02-03"}))
		must(t, s.AddUnavailable(ctx, scheduling.Unavailable{FacilitatorID: fac.ID, Date: "2026-02-03"}))
		wantCode(t, s.AddUnavailable(ctx, scheduling.Unavailable{FacilitatorID: fac.ID, Date: "3 Feb"}), domain.EInvalid)
		us, err := s.Unavailable(ctx)
		must(t, err)
		if len(us) != 1 || us[0].Date != "2026-02-03" {
			t.Fatalf("unavailable: %+v", us)
		}
	})
}

func TestFacilitationSessionsDebriefsLedger(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "fac-sess")
		other := newFixture(t, s, "fac-sess2")
		on, err := s.SessionsOn(ctx, "2026-02-02")
		must(t, err)
		if len(on) != 2 {
			t.Fatalf("sessions on the day across programmes: %d, want 2", len(on))
		}
		x := *f.session
		x.Title, x.CoFacilitatorID, x.Status = "Renamed", other.lead.ID, domain.SessionPlanned
		must(t, s.UpdateSession(ctx, &x))
		got, err := s.Session(ctx, x.ID)
		must(t, err)
		if got.Title != "Renamed" || got.CoFacilitatorID != other.lead.ID || got.CheckCode != f.session.CheckCode {
			t.Fatalf("session: %+v", got)
		}
		x.Date = "2027-06-01"
		wantCode(t, s.UpdateSession(ctx, &x), domain.EInvalid)

		d := &scheduling.Debrief{SessionID: x.ID, HowItWent: "Lively debate", Wellbeing: scheduling.WellbeingGood}
		must(t, s.PutDebrief(ctx, d))
		d.FollowUp, d.Wellbeing = true, scheduling.WellbeingStruggling
		must(t, s.PutDebrief(ctx, d))
		ds, err := s.Debriefs(ctx, f.prog.ID, "")
		must(t, err)
		if len(ds) != 1 || !ds[0].FollowUp || !ds[0].NeedsAttention() {
			t.Fatalf("debriefs: %+v", ds)
		}
		if ds, _ := s.Debriefs(ctx, other.prog.ID, ""); len(ds) != 0 {
			t.Fatalf("other programme debriefs: %+v", ds)
		}

		must(t, s.AddPayment(ctx, &scheduling.Payment{ProgrammeID: f.prog.ID, FacilitatorID: f.lead.ID, SessionID: x.ID,
			Kind: scheduling.PaymentFee, AmountPence: 7500, Date: "2026-02-02", Description: "Sessional fee"}))
		must(t, s.AddPayment(ctx, &scheduling.Payment{ProgrammeID: f.prog.ID, FacilitatorID: f.lead.ID,
			Kind: scheduling.PaymentExpense, AmountPence: 1240, Date: "2026-02-01", Description: "Train fare"}))
		wantCode(t, s.AddPayment(ctx, &scheduling.Payment{ProgrammeID: f.prog.ID, FacilitatorID: f.lead.ID,
			Kind: scheduling.PaymentFee, AmountPence: -1, Date: "2026-02-01"}), domain.EInvalid)
		ps, err := s.Payments(ctx, f.prog.ID)
		must(t, err)
		if len(ps) != 2 || ps[0].Description != "Train fare" || ps[1].SessionID != x.ID || ps[1].AmountPence != 7500 {
			t.Fatalf("payments: %+v", ps)
		}
	})
}

func TestFacilitationStatementsAndParticipants(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "fac-cards")
		a := &domain.Activity{SessionID: f.session.ID, Kind: domain.ActivityStatementCards, Title: "Cards", Minutes: 20, Position: 1}
		must(t, s.CreateActivity(ctx, a))
		st1 := &domain.Statement{ProgrammeID: f.prog.ID, Text: "Staff listen to us"}
		st2 := &domain.Statement{ProgrammeID: f.prog.ID, Text: "Education is worth it"}
		must(t, s.CreateStatement(ctx, st1))
		must(t, s.CreateStatement(ctx, st2))
		must(t, s.LinkStatements(ctx, a.ID, []string{st2.ID, st1.ID, st1.ID}))
		links, err := s.ActivityStatements(ctx, f.session.ID)
		must(t, err)
		if got := links[a.ID]; len(got) != 2 || got[0] != st1.ID {
			t.Fatalf("links: %+v", links)
		}

		p := &domain.Participant{ProgrammeID: f.prog.ID, Code: domain.NewCode(func(n int) int { return 5 % n }, 3), Consent: domain.Consent{TakePart: true}}
		must(t, s.CreateParticipant(ctx, p))
		p.Consent = domain.Consent{TakePart: true, Quote: true, RecordedOn: "2026-02-02", FacilitatorID: f.lead.ID}
		p.Demographics.AgeBand, p.SiteID = "prefer_not_to_say", f.site.ID
		must(t, s.UpdateParticipantRecord(ctx, p))
		got, err := s.ParticipantByCode(ctx, f.prog.ID, p.Code)
		must(t, err)
		if !got.Consent.Quote || got.Consent.FacilitatorID != f.lead.ID || got.Demographics.AgeBand != "prefer_not_to_say" || got.SiteID != f.site.ID {
			t.Fatalf("participant: %+v", got)
		}
		p.Consent = domain.Consent{Media: true}
		wantCode(t, s.UpdateParticipantRecord(ctx, p), domain.EInvalid)
	})
}
