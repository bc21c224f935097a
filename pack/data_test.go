package pack

import (
	"context"
	"slices"
	"testing"
	"time"

	"peervoice/domain"
	"peervoice/store"
)

func TestScheduleRunsActivitiesBackToBack(t *testing.T) {
	acts := []domain.Activity{
		{Kind: domain.ActivityDebate, Title: "Debate", Minutes: 30, AreaID: "a1"},
		{Kind: domain.ActivityTeamWork, Title: "Team work: Staffing", Minutes: 45},
		{Kind: domain.ActivityDiscussion, Title: "Wrap up", Minutes: 50},
	}
	steps := Schedule("22:45", acts, []domain.StrategicArea{{ID: "a1", Name: "Safety"}})
	got := [][2]string{}
	for _, s := range steps {
		got = append(got, [2]string{s.Start, s.End})
	}
	want := [][2]string{{"22:45", "23:15"}, {"23:15", "00:00"}, {"00:00", "00:50"}}
	if !slices.Equal(got, want) {
		t.Fatalf("times %v, want %v", got, want)
	}
	if steps[0].AreaName != "Safety" || steps[1].AreaName != "" {
		t.Fatalf("area names %q %q", steps[0].AreaName, steps[1].AreaName)
	}
	if steps[0].Describe() != "Debate on a motion: Debate" || steps[1].Describe() != "Team work: Staffing" {
		t.Fatalf("describe: %q, %q", steps[0].Describe(), steps[1].Describe())
	}
}

// withAttendance is a store that can also say who attended, as a future
// store method would.
type withAttendance struct {
	*store.DB
	ids []string
}

func (w withAttendance) Attendees(context.Context, string) ([]string, error) { return w.ids, nil }

func TestCodesComeFromAttendanceWhenKnown(t *testing.T) {
	ctx := context.Background()
	db := demoStore(t)
	s := demoSessions(t, db)[0]
	ps, err := db.Participants(ctx, s.ProgrammeID)
	if err != nil {
		t.Fatal(err)
	}
	// Hide the store's Attendees method to see the site fallback.
	site, err := Load(ctx, struct{ domain.Store }{db}, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if site.Attended || len(site.Codes) == 0 {
		t.Fatalf("without attendance: attended=%v, %d codes", site.Attended, len(site.Codes))
	}
	for _, c := range site.Codes {
		p := find(ps, c)
		if p.SiteID != s.SiteID {
			t.Errorf("code %s is from another site", c)
		}
	}
	real, err := Load(ctx, db, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	attendees, _ := db.Attendees(ctx, s.ID)
	if !real.Attended || len(real.Codes) != len(attendees) || len(attendees) == 0 {
		t.Fatalf("real store: attended=%v, %d codes for %d attendees", real.Attended, len(real.Codes), len(attendees))
	}
	chosen := []string{ps[len(ps)-1].ID, ps[0].ID} // from two different sites
	d, err := Load(ctx, withAttendance{db, chosen}, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{ps[0].Code, ps[len(ps)-1].Code}
	if !d.Attended || !slices.Equal(d.Codes, want) {
		t.Fatalf("with attendance: %v %v, want %v", d.Attended, d.Codes, want)
	}
}

func find(ps []domain.Participant, code string) domain.Participant {
	for _, p := range ps {
		if p.Code == code {
			return p
		}
	}
	return domain.Participant{}
}

func TestWithdrawnCodesAreNotPrinted(t *testing.T) {
	ctx := context.Background()
	db := demoStore(t)
	s := demoSessions(t, db)[0]
	now := time.Now()
	code := domain.NewCode(func(n int) int { return 5 % n }, domain.CodePayloadLen)
	p := &domain.Participant{ProgrammeID: s.ProgrammeID, Code: code, SiteID: s.SiteID, WithdrawnAt: &now}
	if err := db.CreateParticipant(ctx, p); err != nil {
		t.Fatal(err)
	}
	d, err := Load(ctx, db, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(d.Codes, code) || len(d.Codes) == 0 {
		t.Fatalf("withdrawn code %s printed among %v", code, d.Codes)
	}
}

func TestStatementsFollowTheSessionsAreas(t *testing.T) {
	ctx := context.Background()
	db := demoStore(t)
	s := demoSessions(t, db)[0]
	d, err := Load(ctx, db, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, a := range d.Areas {
		covered[a.ID] = true
	}
	all, _ := db.Statements(ctx, s.ProgrammeID)
	if len(d.Statements) == 0 || len(d.Statements) >= len(all) {
		t.Fatalf("%d of %d statements chosen", len(d.Statements), len(all))
	}
	for _, st := range d.Statements {
		if !covered[st.AreaID] {
			t.Errorf("S%d is on an area the session does not cover", st.Number)
		}
	}
	if len(d.Areas) != 3 {
		t.Fatalf("demo session covers %d areas, want 3", len(d.Areas))
	}
}

func TestResolve(t *testing.T) {
	ctx := context.Background()
	db := demoStore(t)
	ss := demoSessions(t, db)
	target := ss[4]
	for _, ref := range []string{target.ID, target.ID[len(target.ID)-6:], target.CheckCode, "  " + target.CheckCode + " "} {
		got, err := Resolve(ctx, db, ref)
		if err != nil || got.ID != target.ID {
			t.Errorf("Resolve(%q) = %v, %v", ref, got, err)
		}
	}
	// Sessions made together share the timestamp at the start of their IDs.
	_, err := Resolve(ctx, db, ss[0].ID[:8])
	if domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("shared prefix: %v", err)
	}
	_, err = Resolve(ctx, db, "zzzzzz")
	if domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("no match: %v", err)
	}
	_, err = Resolve(ctx, db, "ab")
	if domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("too short: %v", err)
	}
}

func TestLoadUnknownSessionIsNotFound(t *testing.T) {
	db := demoStore(t)
	_, err := Load(context.Background(), db, domain.NewID())
	if domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("got %v", err)
	}
}
