package safeguarding_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peervoice/audit"
	"peervoice/crypt"
	"peervoice/domain"
	"peervoice/privacy/screen"
	"peervoice/safeguarding"
	"peervoice/store"
)

// env is a real SQLite store, audit log and service with a movable clock.
type env struct {
	db    *store.DB
	log   *audit.Log
	svc   *safeguarding.Service
	prog  *domain.Programme
	sess  *domain.Session
	clock time.Time
}

func newEnv(t *testing.T, withKey bool) *env {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "sg.db"))
	must(t, err)
	t.Cleanup(func() { db.Close() })
	e := &env{db: db, log: audit.New(db), clock: time.Date(2026, 2, 2, 9, 0, 0, 0, time.UTC)}
	var kr *crypt.Keyring
	if withKey {
		k, _ := crypt.NewKey()
		kr = crypt.NewKeyring(k)
	}
	e.svc = safeguarding.New(db, e.log, kr).WithClock(func() time.Time { return e.clock })
	e.prog = &domain.Programme{Slug: "sg", Title: "SG", StartDate: "2026-01-01", EndDate: "2026-03-31", SuppressionThreshold: 5, RetentionDays: 365}
	must(t, db.CreateProgramme(ctx, e.prog, nil))
	site := &domain.Site{ProgrammeID: e.prog.ID, Name: "HMP Test", Type: domain.SiteCatC}
	must(t, db.CreateSite(ctx, site))
	lead := &domain.Facilitator{Name: "Lead", Email: "lead@example.org"}
	must(t, db.CreateFacilitator(ctx, lead))
	e.sess = &domain.Session{ProgrammeID: e.prog.ID, SiteID: site.ID, Title: "One", Date: "2026-02-02", StartTime: "09:30",
		LeadFacilitatorID: lead.ID, Status: domain.SessionDelivered}
	must(t, db.CreateSession(ctx, e.sess))
	return e
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := domain.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func (e *env) contribution(t *testing.T, text string, flagged bool) domain.Contribution {
	cs := []domain.Contribution{{ProgrammeID: e.prog.ID, SessionID: e.sess.ID, Text: text, Flagged: flagged}}
	_, err := e.db.CreateContributions(context.Background(), cs)
	must(t, err)
	return cs[0]
}

func lead(ctx context.Context) context.Context {
	return safeguarding.WithActor(ctx, safeguarding.Actor{UserID: "lead-1", Addr: "10.0.0.7"})
}

func TestFromScreenOpensOneConcern(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	c := e.contribution(t, "i keep cutting myself at night", true)
	res := screen.Screen("i keep cutting myself at night")
	if !res.Flag {
		t.Fatal("screen should flag the fixture text")
	}
	got, err := e.svc.FromScreen(ctx, c.ID, e.prog.ID, e.sess.ID, res)
	must(t, err)
	if got.Status != domain.ConcernRaised || got.RaisedBy != safeguarding.RaisedByScreen || got.ContributionID != c.ID ||
		len(got.Categories) == 0 || got.Categories[0] != screen.SelfHarm || len(got.Reasons) == 0 {
		t.Fatalf("concern: %+v", got)
	}
	again, err := e.svc.FromScreen(ctx, c.ID, e.prog.ID, e.sess.ID, res)
	must(t, err)
	if again.ID != got.ID {
		t.Fatal("a second FromScreen for the same contribution opened another concern")
	}
	_, err = e.svc.FromScreen(ctx, c.ID, e.prog.ID, e.sess.ID, screen.Result{})
	wantCode(t, err, domain.EInvalid)
}

func TestWorkflowMoves(t *testing.T) {
	e := newEnv(t, true)
	ctx := lead(context.Background())
	c, err := e.svc.Raise(ctx, domain.SafeguardingConcern{ProgrammeID: e.prog.ID, SessionID: e.sess.ID,
		RaisedBy: "fac-1", Categories: []string{screen.AtRisk}, Notes: "He owes money on the wing"})
	must(t, err)

	cases := []struct {
		to      domain.ConcernStatus
		details safeguarding.MoveDetails
		code    string
		mention string
	}{
		{domain.ConcernReferred, safeguarding.MoveDetails{ReferredTo: "Safer custody"}, domain.EInvalid, "can move to assessed or closed"},
		{domain.ConcernRaised, safeguarding.MoveDetails{}, domain.EInvalid, "already raised"},
		{domain.ConcernAssessed, safeguarding.MoveDetails{Note: "Spoke to him"}, "", ""},
		{domain.ConcernReferred, safeguarding.MoveDetails{}, domain.EInvalid, "referred to"},
		{domain.ConcernReferred, safeguarding.MoveDetails{ReferredTo: "Safer custody team"}, "", ""},
		{domain.ConcernAssessed, safeguarding.MoveDetails{}, domain.EInvalid, "can move to closed"},
		{domain.ConcernClosed, safeguarding.MoveDetails{Note: "Debt resolved"}, "", ""},
		{domain.ConcernAssessed, safeguarding.MoveDetails{}, domain.EInvalid, "stays closed"},
	}
	for i, tc := range cases {
		e.clock = e.clock.Add(time.Hour)
		_, err := e.svc.Move(ctx, c.ID, tc.to, "lead-1", tc.details)
		wantCode(t, err, tc.code)
		if tc.mention != "" && !strings.Contains(err.Error(), tc.mention) {
			t.Fatalf("case %d: message %q should mention %q", i, err, tc.mention)
		}
	}
	got, err := e.svc.Get(ctx, c.ID)
	must(t, err)
	start := time.Date(2026, 2, 2, 9, 0, 0, 0, time.UTC)
	if got.Status != domain.ConcernClosed || !got.AssessedAt.Equal(start.Add(3*time.Hour)) ||
		!got.ReferredAt.Equal(start.Add(5*time.Hour)) || got.ReferredTo != "Safer custody team" || !got.ClosedAt.Equal(start.Add(7*time.Hour)) {
		t.Fatalf("after workflow: %+v", got)
	}
	if *got.Clock.ToAction != 3*time.Hour || *got.Clock.ToClose != 7*time.Hour || got.Clock.Late || got.Clock.Overdue {
		t.Fatalf("clock: %+v", got.Clock)
	}
	lines := strings.Split(got.Notes, "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "fac-1: He owes money") || !strings.Contains(lines[2], "lead-1: Debt resolved") {
		t.Fatalf("notes: %q", got.Notes)
	}
}

func TestNotesEncryptedAtRest(t *testing.T) {
	e := newEnv(t, true)
	ctx := lead(context.Background())
	c, err := e.svc.Raise(ctx, domain.SafeguardingConcern{ProgrammeID: e.prog.ID, RaisedBy: "fac-1", Notes: "said his cellmate threatened him"})
	must(t, err)
	r, err := e.db.Concern(ctx, c.ID)
	must(t, err)
	if !crypt.IsSealed(r.SealedNotes) || bytes.Contains(r.SealedNotes, []byte("cellmate")) {
		t.Fatal("notes are not sealed in the store")
	}
	noKey := newEnv(t, false)
	_, err = noKey.svc.Raise(ctx, domain.SafeguardingConcern{ProgrammeID: noKey.prog.ID, RaisedBy: "fac-1", Notes: "anything"})
	wantCode(t, err, domain.EInvalid)
	if !strings.Contains(err.Error(), "no encryption key") {
		t.Fatalf("no-key message: %v", err)
	}
	_, err = noKey.svc.Raise(ctx, domain.SafeguardingConcern{ProgrammeID: noKey.prog.ID, RaisedBy: "fac-1", Categories: []string{screen.Security}})
	must(t, err) // without a note, a concern is still raised
}

func TestRaiseValidation(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	_, err := e.svc.Raise(ctx, domain.SafeguardingConcern{ProgrammeID: e.prog.ID, RaisedBy: "fac-1", Categories: []string{"gossip"}})
	var de *domain.Error
	if !errors.As(err, &de) || de.Fields["categories"] == "" {
		t.Fatalf("unknown category: %v", err)
	}
	_, err = e.svc.Raise(ctx, domain.SafeguardingConcern{ProgrammeID: e.prog.ID, RaisedBy: "fac-1"})
	if !errors.As(err, &de) || de.Fields["notes"] == "" {
		t.Fatalf("empty concern: %v", err)
	}
	_, err = e.svc.Raise(ctx, domain.SafeguardingConcern{ProgrammeID: e.prog.ID, Notes: "x"})
	if !errors.As(err, &de) || de.Fields["raised_by"] == "" {
		t.Fatalf("anonymous concern: %v", err)
	}
}

func TestOverdueClock(t *testing.T) {
	e := newEnv(t, false)
	ctx := lead(context.Background())
	c, err := e.svc.Raise(ctx, domain.SafeguardingConcern{ProgrammeID: e.prog.ID, RaisedBy: "fac-1", Categories: []string{screen.HarmToOthers}})
	must(t, err)
	e.clock = e.clock.Add(23 * time.Hour)
	got, _ := e.svc.Get(ctx, c.ID)
	if got.Clock.Overdue || got.Clock.Waiting != 23*time.Hour {
		t.Fatalf("at 23h: %+v", got.Clock)
	}
	e.clock = e.clock.Add(2 * time.Hour)
	list, err := e.svc.List(ctx, e.prog.ID, safeguarding.Filter{Open: true})
	must(t, err)
	if len(list) != 1 || !list[0].Clock.Overdue {
		t.Fatalf("at 25h: %+v", list)
	}
	_, err = e.svc.Move(ctx, c.ID, domain.ConcernAssessed, "lead-1", safeguarding.MoveDetails{})
	must(t, err)
	got, _ = e.svc.Get(ctx, c.ID)
	if got.Clock.Overdue || !got.Clock.Late || *got.Clock.ToAction != 25*time.Hour {
		t.Fatalf("assessed late: %+v", got.Clock)
	}
}

func TestEveryReadAndWriteIsAudited(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	c, err := e.svc.Raise(ctx, domain.SafeguardingConcern{ProgrammeID: e.prog.ID, RaisedBy: "fac-1", Categories: []string{screen.Security}})
	must(t, err)
	_, err = e.svc.Get(ctx, c.ID)
	wantCode(t, err, domain.EForbidden)
	_, err = e.svc.List(ctx, e.prog.ID, safeguarding.Filter{})
	wantCode(t, err, domain.EForbidden)

	_, err = e.svc.List(lead(ctx), e.prog.ID, safeguarding.Filter{})
	must(t, err)
	_, err = e.svc.Get(lead(ctx), c.ID)
	must(t, err)
	_, err = e.svc.Move(lead(ctx), c.ID, domain.ConcernClosed, "lead-1", safeguarding.MoveDetails{})
	must(t, err)
	events, err := e.log.List(ctx, audit.Filter{Resource: safeguarding.Resource, ResourceID: c.ID})
	must(t, err)
	var got []string
	for i := len(events) - 1; i >= 0; i-- {
		ev := events[i]
		got = append(got, ev.ActorID+":"+ev.Action)
		if ev.ProgrammeID != e.prog.ID {
			t.Fatalf("event without programme: %+v", ev)
		}
	}
	want := "fac-1:create lead-1:read lead-1:read lead-1:update"
	if strings.Join(got, " ") != want {
		t.Fatalf("audit trail %q, want %q", strings.Join(got, " "), want)
	}
	if events[0].Addr != "10.0.0.7" {
		t.Fatalf("address not recorded: %+v", events[0])
	}
}

func TestAfterIntakeAndOpenMissing(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	raw := "Dave Smith told me he will stab Kev tonight"
	c := e.contribution(t, "[NAME] told me he will stab [NAME] tonight", true)
	res := screen.Screen(raw)
	must(t, e.svc.AfterIntake(ctx, c, raw, res))
	sealed, err := e.db.RawText(ctx, c.ID)
	must(t, err)
	if bytes.Contains(sealed, []byte("Dave")) {
		t.Fatal("raw text stored in plain text")
	}
	if _, err := e.db.ConcernByContribution(ctx, c.ID); err != nil {
		t.Fatalf("flagged contribution has no concern: %v", err)
	}
	plain := e.contribution(t, "the food is cold", false)
	must(t, e.svc.AfterIntake(ctx, plain, "the food is cold", screen.Screen("the food is cold")))
	if _, err := e.db.RawText(ctx, plain.ID); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatal("raw text kept although redaction changed nothing")
	}

	missed := e.contribution(t, "i want to kill myself", true)
	n, err := e.svc.OpenMissing(ctx, e.prog.ID)
	must(t, err)
	if n != 1 {
		t.Fatalf("opened %d, want 1", n)
	}
	r, err := e.db.ConcernByContribution(ctx, missed.ID)
	must(t, err)
	if !r.RaisedAt.Equal(missed.CreatedAt.Truncate(time.Microsecond)) {
		t.Fatalf("missed concern's clock starts %v, want the contribution's arrival %v", r.RaisedAt, missed.CreatedAt)
	}
	if len(r.Categories) == 0 || r.Categories[0] != screen.SelfHarm {
		t.Fatalf("missed concern categories: %+v", r.Categories)
	}
	if n, _ := e.svc.OpenMissing(ctx, e.prog.ID); n != 0 {
		t.Fatalf("second sweep opened %d", n)
	}

	noKey := newEnv(t, false)
	c2 := noKey.contribution(t, "[NAME] said hello", false)
	must(t, noKey.svc.AfterIntake(ctx, c2, "Dave said hello", screen.Result{}))
	if _, err := noKey.db.RawText(ctx, c2.ID); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatal("raw text kept with no key configured")
	}
}

func TestClockAt(t *testing.T) {
	raised := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	closed := raised.Add(2 * time.Hour)
	r := &safeguarding.Record{SafeguardingConcern: domain.SafeguardingConcern{RaisedAt: raised, ClosedAt: &closed}}
	c := safeguarding.ClockAt(r, raised.Add(100*time.Hour))
	if c.ToAction == nil || *c.ToAction != 2*time.Hour || *c.ToClose != 2*time.Hour || c.Overdue || c.Waiting != 0 {
		t.Fatalf("closed straight from raised: %+v", c)
	}
}

func TestFromScreenConcurrentOpensOne(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	c := e.contribution(t, "they are going to jump me tonight", true)
	res := screen.Result{Flag: true, Categories: []string{screen.AtRisk}, Reasons: []string{"specific threat"}}
	ids := make(chan string, 8)
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			got, err := e.svc.FromScreen(ctx, c.ID, e.prog.ID, e.sess.ID, res)
			if err != nil {
				errs <- err
				return
			}
			ids <- got.ID
		}()
	}
	first := ""
	for range 8 {
		select {
		case err := <-errs:
			t.Fatal(err)
		case id := <-ids:
			if first == "" {
				first = id
			} else if id != first {
				t.Fatalf("two concerns opened: %s and %s", first, id)
			}
		}
	}
	list, err := e.svc.List(lead(ctx), e.prog.ID, safeguarding.Filter{})
	must(t, err)
	if len(list) != 1 {
		t.Fatalf("%d concerns for one contribution", len(list))
	}
}

// TestReleaseReturnsFalseFlagToAnalysis: a lead who closes a concern as
// not a disclosure puts the contribution back where analysts can see it,
// and the decision is in the audit log; release is refused on other moves.
func TestReleaseReturnsFalseFlagToAnalysis(t *testing.T) {
	e := newEnv(t, false)
	ctx := lead(context.Background())
	c := e.contribution(t, "the drugs dog came through the wing today", true)
	concern, err := e.svc.FromScreen(ctx, c.ID, e.prog.ID, e.sess.ID, screen.Result{Flag: true, Categories: []string{screen.Security}, Reasons: []string{"test"}})
	must(t, err)
	_, err = e.svc.Move(ctx, concern.ID, domain.ConcernAssessed, "lead-1", safeguarding.MoveDetails{Release: true})
	wantCode(t, err, domain.EInvalid)
	visible := func() int {
		cs, err := e.db.Contributions(context.Background(), domain.ContributionFilter{ProgrammeID: e.prog.ID})
		must(t, err)
		return len(cs)
	}
	if visible() != 0 {
		t.Fatal("a flagged contribution is visible before release")
	}
	_, err = e.svc.Move(ctx, concern.ID, domain.ConcernClosed, "lead-1", safeguarding.MoveDetails{Release: true})
	must(t, err)
	if visible() != 1 {
		t.Fatal("the released contribution did not return to analysis")
	}
	events, err := e.log.List(context.Background(), audit.Filter{Action: "release"})
	must(t, err)
	if len(events) != 1 || events[0].ResourceID != c.ID || events[0].ActorID != "lead-1" {
		t.Fatalf("release not audited: %+v", events)
	}
}
