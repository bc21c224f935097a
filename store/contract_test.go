package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"peervoice/domain"
)

// fixture is a small programme with one site, facilitator and session.
type fixture struct {
	prog    *domain.Programme
	area    domain.StrategicArea
	site    *domain.Site
	lead    *domain.Facilitator
	session *domain.Session
}

func newFixture(t *testing.T, s *DB, slug string) fixture {
	t.Helper()
	ctx := context.Background()
	p := &domain.Programme{Slug: slug, Title: "Test " + slug, StartDate: "2026-01-01", EndDate: "2026-03-31",
		SuppressionThreshold: 5, RetentionDays: 365}
	areas := []domain.StrategicArea{{Key: "safety", Name: "Safety and Security", Questions: []string{"What makes you feel safe?"}}}
	must(t, s.CreateProgramme(ctx, p, areas))
	site := &domain.Site{ProgrammeID: p.ID, Name: "HMP Test " + slug, Type: domain.SiteCatC}
	must(t, s.CreateSite(ctx, site))
	lead := &domain.Facilitator{Name: "Lead " + slug, Email: slug + "@example.org"}
	must(t, s.CreateFacilitator(ctx, lead))
	sess := &domain.Session{ProgrammeID: p.ID, SiteID: site.ID, Title: "Session one", Date: "2026-02-02",
		StartTime: "09:30", LeadFacilitatorID: lead.ID, Status: domain.SessionDelivered}
	must(t, s.CreateSession(ctx, sess))
	return fixture{prog: p, area: areas[0], site: site, lead: lead, session: sess}
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

func TestContractProgrammes(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "alpha")
		got, err := s.ProgrammeBySlug(ctx, "alpha")
		must(t, err)
		if got.ID != f.prog.ID || got.Title != "Test alpha" || got.StartDate != "2026-01-01" || got.SuppressionThreshold != 5 {
			t.Fatalf("round trip: %+v", got)
		}
		areas, err := s.Areas(ctx, got.ID)
		must(t, err)
		if len(areas) != 1 || areas[0].Questions[0] != "What makes you feel safe?" {
			t.Fatalf("areas: %+v", areas)
		}
		_, err = s.ProgrammeBySlug(ctx, "nope")
		wantCode(t, err, domain.ENotFound)
		if !errors.Is(err, domain.ErrNotFound) {
			t.Fatal("errors.Is(ErrNotFound) failed")
		}
		dup := *f.prog
		dup.ID = ""
		wantCode(t, s.CreateProgramme(ctx, &dup, nil), domain.EConflict)
		bad := &domain.Programme{Slug: "Bad Slug", Title: "x", StartDate: "2026-01-01", EndDate: "2025-01-01", SuppressionThreshold: 2, RetentionDays: 1}
		err = s.CreateProgramme(ctx, bad, nil)
		wantCode(t, err, domain.EInvalid)
		var de *domain.Error
		if !errors.As(err, &de) || de.Fields["suppression_threshold"] == "" || de.Fields["end_date"] == "" || de.Fields["slug"] == "" {
			t.Fatalf("field errors missing: %v", err)
		}
	})
}

func TestContractSessions(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "beta")
		got, err := s.Session(ctx, f.session.ID)
		must(t, err)
		if got.CheckCode == "" || got.CheckCode != domain.SessionCheckCode(got.ID) || got.Date != "2026-02-02" {
			t.Fatalf("session round trip: %+v", got)
		}
		outside := *f.session
		outside.ID, outside.Date = "", "2027-01-01"
		wantCode(t, s.CreateSession(ctx, &outside), domain.EInvalid)
		ghost := *f.session
		ghost.ID, ghost.SiteID = "", domain.NewID()
		wantCode(t, s.CreateSession(ctx, &ghost), domain.EInvalid) // foreign key
		_, err = s.Session(ctx, domain.NewID())
		wantCode(t, err, domain.ENotFound)
		a := &domain.Activity{SessionID: f.session.ID, Kind: domain.ActivityDebate, AreaID: f.area.ID, Title: "Debate", Minutes: 30, Position: 1}
		must(t, s.CreateActivity(ctx, a))
		acts, err := s.Activities(ctx, f.session.ID)
		must(t, err)
		if len(acts) != 1 || acts[0].AreaID != f.area.ID || acts[0].Kind != domain.ActivityDebate {
			t.Fatalf("activities: %+v", acts)
		}
	})
}

func TestContractParticipants(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "gamma")
		code := domain.NewCode(func(n int) int { return 3 % n }, domain.CodePayloadLen)
		p := &domain.Participant{ProgrammeID: f.prog.ID, Code: code, Consent: domain.Consent{TakePart: true, Quote: true},
			Demographics: domain.Demographics{AgeBand: "18-20"}}
		must(t, s.CreateParticipant(ctx, p))
		got, err := s.ParticipantByCode(ctx, f.prog.ID, " "+code[:2]+"-"+code[2:]+" ")
		must(t, err)
		if got.ID != p.ID || !got.Consent.Quote || got.Consent.Media || got.Demographics.AgeBand != "18-20" {
			t.Fatalf("participant round trip: %+v", got)
		}
		again := *p
		again.ID = ""
		wantCode(t, s.CreateParticipant(ctx, &again), domain.EConflict)
		typo := *p
		typo.ID, typo.Code = "", code[:3]+string(otherChar(code[3]))
		wantCode(t, s.CreateParticipant(ctx, &typo), domain.EInvalid)
		must(t, s.RecordAttendance(ctx, f.session.ID, p.ID))
		must(t, s.RecordAttendance(ctx, f.session.ID, p.ID))
		ids, err := s.Attendees(ctx, f.session.ID)
		must(t, err)
		if len(ids) != 1 || ids[0] != p.ID {
			t.Fatalf("attendees: %v", ids)
		}
	})
}

func otherChar(c byte) byte {
	for i := 0; i < len(domain.CodeAlphabet); i++ {
		if domain.CodeAlphabet[i] != c {
			return domain.CodeAlphabet[i]
		}
	}
	return c
}

func TestContractContributionsIdempotentAndAtomic(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "delta")
		batch := make([]domain.Contribution, 1000)
		for i := range batch {
			batch[i] = domain.Contribution{ProgrammeID: f.prog.ID, SessionID: f.session.ID, AreaID: f.area.ID,
				Text: fmt.Sprintf("line %d", i), Source: "test", SourceKey: fmt.Sprintf("file#%d", i)}
		}
		n, err := s.CreateContributions(ctx, batch)
		must(t, err)
		if n != 1000 {
			t.Fatalf("added %d, want 1000", n)
		}
		for i := range batch {
			batch[i].ID = ""
		}
		n, err = s.CreateContributions(ctx, batch)
		must(t, err)
		if n != 0 {
			t.Fatalf("re-import added %d, want 0", n)
		}
		// A bad row in the middle leaves nothing behind.
		bad := []domain.Contribution{
			{ProgrammeID: f.prog.ID, Text: "fine", SourceKey: "b#1"},
			{ProgrammeID: f.prog.ID, Text: "orphan", SessionID: domain.NewID(), SourceKey: "b#2"},
		}
		_, err = s.CreateContributions(ctx, bad)
		wantCode(t, err, domain.EInvalid)
		cs, err := s.Contributions(ctx, domain.ContributionFilter{ProgrammeID: f.prog.ID})
		must(t, err)
		if len(cs) != 1000 {
			t.Fatalf("after failed batch: %d contributions, want 1000", len(cs))
		}
		counts, err := s.CountContributions(ctx, f.prog.ID)
		must(t, err)
		if len(counts) != 1 || counts[0].Count != 1000 || counts[0].SiteID != f.site.ID {
			t.Fatalf("counts: %+v", counts)
		}
	})
}

func TestContractFlaggedAndWithdrawnHidden(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "epsilon")
		p := &domain.Participant{ProgrammeID: f.prog.ID, Code: domain.NewCode(func(n int) int { return 1 }, 3), Consent: domain.Consent{TakePart: true}}
		must(t, s.CreateParticipant(ctx, p))
		_, err := s.CreateContributions(ctx, []domain.Contribution{
			{ProgrammeID: f.prog.ID, Text: "ordinary"},
			{ProgrammeID: f.prog.ID, Text: "disclosure", Flagged: true},
			{ProgrammeID: f.prog.ID, Text: "mine", ParticipantID: p.ID},
		})
		must(t, err)
		visible, err := s.Contributions(ctx, domain.ContributionFilter{ProgrammeID: f.prog.ID})
		must(t, err)
		if len(visible) != 2 {
			t.Fatalf("visible = %d, want 2 (flagged hidden)", len(visible))
		}
		_, err = s.exec(ctx, `UPDATE participants SET withdrawn_at = ? WHERE id = ?`, timestamp(s.now()), p.ID)
		must(t, err)
		visible, err = s.Contributions(ctx, domain.ContributionFilter{ProgrammeID: f.prog.ID, IncludeFlagged: true})
		must(t, err)
		if len(visible) != 2 {
			t.Fatalf("visible after withdrawal = %d, want 2", len(visible))
		}
		for _, c := range visible {
			if c.ParticipantID == p.ID {
				t.Fatal("withdrawn participant's contribution is still listed")
			}
		}
	})
}

func TestContractVotes(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "zeta")
		st := &domain.Statement{ProgrammeID: f.prog.ID, Text: "Officers should knock before entering"}
		must(t, s.CreateStatement(ctx, st))
		st2 := &domain.Statement{ProgrammeID: f.prog.ID, Text: "Video calls should be free"}
		must(t, s.CreateStatement(ctx, st2))
		if st.Number != 1 || st2.Number != 2 {
			t.Fatalf("numbers %d, %d", st.Number, st2.Number)
		}
		p := &domain.Participant{ProgrammeID: f.prog.ID, Code: domain.NewCode(func(n int) int { return 5 }, 3), Consent: domain.Consent{TakePart: true}}
		must(t, s.CreateParticipant(ctx, p))
		must(t, s.PutVotes(ctx, []domain.Vote{{StatementID: st.ID, ParticipantID: p.ID, Value: 1}}))
		must(t, s.PutVotes(ctx, []domain.Vote{{StatementID: st.ID, ParticipantID: p.ID, Value: -1}}))
		votes, err := s.Votes(ctx, f.prog.ID)
		must(t, err)
		if len(votes) != 1 || votes[0].Value != -1 {
			t.Fatalf("votes after replace: %+v", votes)
		}
		wantCode(t, s.PutVotes(ctx, []domain.Vote{{StatementID: st.ID, ParticipantID: p.ID, Value: 2}}), domain.EInvalid)
		stats, err := s.Stats(ctx)
		must(t, err)
		if stats.Statements != 2 || stats.Votes != 1 || stats.Participants != 1 || stats.Sessions != 1 {
			t.Fatalf("stats: %+v", stats)
		}
	})
}

func TestContractInTxRollsBack(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := s.InTx(ctx, func(tx domain.Store) error {
			must(t, tx.CreateFacilitator(ctx, &domain.Facilitator{Name: "Temp", Email: "temp@example.org"}))
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		fs, err := s.Facilitators(ctx)
		must(t, err)
		if len(fs) != 0 {
			t.Fatalf("rolled-back facilitator persisted: %+v", fs)
		}
	})
}

func TestContractUsers(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "eta")
		u := &domain.User{Email: "Analyst@Example.org", Name: "Ana Lyst", PasswordHash: "x"}
		must(t, s.CreateUser(ctx, u))
		got, err := s.UserByEmail(ctx, "analyst@example.ORG")
		must(t, err)
		if got.ID != u.ID || got.IsAdmin {
			t.Fatalf("user: %+v", got)
		}
		_, err = s.UserByEmail(ctx, "nobody@example.org")
		wantCode(t, err, domain.ENotFound)
		must(t, s.AddMembership(ctx, domain.Membership{UserID: u.ID, ProgrammeID: f.prog.ID, Role: domain.RoleAnalyst}))
		must(t, s.AddMembership(ctx, domain.Membership{UserID: u.ID, ProgrammeID: f.prog.ID, Role: domain.RoleAnalyst}))
		wantCode(t, s.AddMembership(ctx, domain.Membership{UserID: u.ID, ProgrammeID: f.prog.ID, Role: "root"}), domain.EInvalid)
		ms, err := s.Memberships(ctx, u.ID)
		must(t, err)
		if len(ms) != 1 {
			t.Fatalf("memberships: %+v", ms)
		}
	})
}

func TestContractTextStoredInert(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "theta")
		nasty := "Robert'); DROP TABLE contributions;-- <script>alert(1)</script> \u00e9\u00e8 \U0001F600"
		_, err := s.CreateContributions(ctx, []domain.Contribution{{ProgrammeID: f.prog.ID, Text: nasty}})
		must(t, err)
		cs, err := s.Contributions(ctx, domain.ContributionFilter{ProgrammeID: f.prog.ID})
		must(t, err)
		if len(cs) != 1 || cs[0].Text != nasty {
			t.Fatalf("text changed: %+v", cs)
		}
		_, err = s.CreateContributions(ctx, []domain.Contribution{{ProgrammeID: f.prog.ID, Text: "abc\u202Edef"}})
		wantCode(t, err, domain.EInvalid)
		_, err = s.CreateContributions(ctx, []domain.Contribution{{ProgrammeID: f.prog.ID, Text: "bad \xff utf8"}})
		wantCode(t, err, domain.EInvalid)
	})
}

func TestOpenRefusesNonSQLiteFileUnchanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	content := []byte("these are my notes, not a database\n")
	must(t, os.WriteFile(path, content, 0o600))
	_, err := Open(context.Background(), path)
	wantCode(t, err, domain.EInvalid)
	got, _ := os.ReadFile(path)
	if string(got) != string(content) {
		t.Fatal("file was modified")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatal("a WAL file was created beside the refused file")
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		_, err := s.exec(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (?, ?)`, 999999, true)
		must(t, err)
		err = s.Migrate(ctx)
		wantCode(t, err, domain.EInvalid)
	})
}

func TestPostgresUnreachableIsClear(t *testing.T) {
	_, err := Open(context.Background(), "postgres://nobody@127.0.0.1:1/none?sslmode=disable")
	wantCode(t, err, domain.EInvalid)
}

func TestContractDotVotes(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "iota")
		a := &domain.Activity{SessionID: f.session.ID, Kind: domain.ActivityDotPriorities, Title: "Dots", Minutes: 15, Position: 1}
		must(t, s.CreateActivity(ctx, a))
		p := &domain.Participant{ProgrammeID: f.prog.ID, Code: domain.NewCode(func(n int) int { return 7 }, 3), Consent: domain.Consent{TakePart: true}}
		must(t, s.CreateParticipant(ctx, p))
		must(t, s.CreateDotVotes(ctx, []domain.DotVote{
			{ActivityID: a.ID, Option: "More gym time", Dots: 12},
			{ActivityID: a.ID, ParticipantID: p.ID, Option: "Cheaper phone calls", Dots: 3},
		}))
		wantCode(t, s.CreateDotVotes(ctx, []domain.DotVote{{ActivityID: a.ID, Option: "x", Dots: -1}}), domain.EInvalid)
		vs, err := s.DotVotes(ctx, a.ID)
		must(t, err)
		if len(vs) != 2 || vs[0].Option != "Cheaper phone calls" || vs[0].Dots != 3 {
			t.Fatalf("dot votes: %+v", vs)
		}
		_, err = s.exec(ctx, `UPDATE participants SET withdrawn_at = ? WHERE id = ?`, timestamp(s.now()), p.ID)
		must(t, err)
		vs, err = s.DotVotes(ctx, a.ID)
		must(t, err)
		if len(vs) != 1 {
			t.Fatalf("withdrawn participant's dots still listed: %+v", vs)
		}
	})
}
