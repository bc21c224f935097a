package importer_test

import (
	"context"
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"peervoice/bench/import/gen"
	"peervoice/domain"
	"peervoice/importer"
	"peervoice/store"
)

// goodLines is a small session of every row kind; data starts at row 5.
func goodLines(fx *gen.Fixture) []string {
	c0, c1, c2 := code(fx, 0), code(fx, 1), code(fx, 2)
	return []string{
		`contribution,A1,,` + c0 + `,,,,,,,"My name is Jamie Smith, ring me on 07700 900123 about the wing"`,
		`contribution,a1,education,t2,,,,,,,Education gets cancelled every other week`,
		`contribution,1,,,,,,,,,Yes`,
		`contribution,A1,,,,,,,,,Yes`,
		`debate,A2,,,before,for,,,,12,`,
		`debate,A2,,,before,against,,,,3,`,
		`debate,A2,,` + strings.ToLower(c1) + `,after,undecided,,,,,`,
		`statement_vote,,,` + c0 + `,,,S1,a,,,`,
		`statement_vote,,,` + c1 + `,,,2,D,,,`,
		`dots,A4,,,,,,,More education,7,`,
		`dots,A4,,` + c2 + `,,,,,Better visits,3,`,
	}
}

func TestImportCSVStoresEveryKind(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		fx := setup(t, s)
		before := stats(t, s)
		res, err := importCSV(t, s, fx, csvFile(fx, goodLines(fx)...))
		must(t, err)
		want := importer.KindCount{Added: 4}
		if res.Contributions != want || res.DebateVotes.Added != 3 || res.StatementVotes.Added != 2 || res.DotVotes.Added != 2 {
			t.Fatalf("result = %+v", res)
		}
		after := stats(t, s)
		if after.Contributions-before.Contributions != 4 || after.DebateVotes-before.DebateVotes != 3 ||
			after.Votes-before.Votes != 2 || after.DotVotes-before.DotVotes != 2 {
			t.Fatalf("stats %+v -> %+v", before, after)
		}
		checkContributions(t, s, fx)
		checkVotes(t, s, fx)
		attendees, err := s.SessionAttendees(ctx, fx.Session.ID)
		must(t, err)
		if len(attendees) != 3 {
			t.Fatalf("attendance = %d participants, want 3", len(attendees))
		}
	})
}

func checkContributions(t *testing.T, s *store.DB, fx *gen.Fixture) {
	t.Helper()
	cs, err := s.Contributions(context.Background(), domain.ContributionFilter{ProgrammeID: fx.Programme.ID, IncludeFlagged: true})
	must(t, err)
	byText := map[string]domain.Contribution{}
	for _, c := range cs {
		byText[c.Text] = c
		if c.SessionID != fx.Session.ID || c.ActivityID != fx.Activities[0].ID || c.Source != "csv" || c.Review != domain.ReviewPending {
			t.Fatalf("contribution not tied to the session's activity: %+v", c)
		}
		if strings.Contains(c.Text, "07700") || strings.Contains(c.Text, "Jamie") {
			t.Fatalf("contribution stored unredacted: %q", c.Text)
		}
	}
	team := byText["Education gets cancelled every other week"]
	if team.Team != "T2" || team.AreaID != fx.Areas[1].ID || team.ParticipantID != "" {
		t.Fatalf("team row = %+v", team)
	}
	if len(cs) != 4 {
		t.Fatalf("%d contributions, want 4 (two identical Yes rows both kept)", len(cs))
	}
	for _, c := range cs {
		if c.ParticipantID == fx.Participants[0].ID && c.AreaID != fx.Areas[0].ID {
			t.Fatalf("blank area should default to the activity's: %+v", c)
		}
	}
}

func checkVotes(t *testing.T, s *store.DB, fx *gen.Fixture) {
	t.Helper()
	ctx := context.Background()
	votes, err := s.Votes(ctx, fx.Programme.ID)
	must(t, err)
	got := map[string]int{}
	for _, v := range votes {
		got[v.StatementID+v.ParticipantID] = v.Value
	}
	if got[fx.Statements[0].ID+fx.Participants[0].ID] != domain.Agree || got[fx.Statements[1].ID+fx.Participants[1].ID] != domain.Disagree {
		t.Fatalf("votes = %+v", votes)
	}
	dv, err := s.DebateVotes(ctx, fx.Activities[1].ID)
	must(t, err)
	total := 0
	for _, v := range dv {
		total += v.Count
	}
	if len(dv) != 3 || total != 16 {
		t.Fatalf("debate votes = %+v", dv)
	}
	dots, err := s.DotVotes(ctx, fx.Activities[3].ID)
	must(t, err)
	if len(dots) != 2 || dots[0].Option != "Better visits" || dots[0].Dots != 3 || dots[0].ParticipantID != fx.Participants[2].ID {
		t.Fatalf("dots = %+v", dots)
	}
}

func TestReimportIsANoOp(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.DB) {
		fx := setup(t, s)
		file := csvFile(fx, goodLines(fx)...)
		_, err := importCSV(t, s, fx, file)
		must(t, err)
		before := stats(t, s)
		res, err := importCSV(t, s, fx, file)
		must(t, err)
		if after := stats(t, s); after != before {
			t.Fatalf("re-import changed the database: %+v -> %+v", before, after)
		}
		zero := importer.KindCount{}
		if res.Contributions.Skipped != 4 || res.Contributions.Added != 0 || res.DebateVotes.Skipped != 3 ||
			res.StatementVotes.Skipped != 2 || res.DotVotes.Skipped != 2 ||
			res.DebateVotes.Added+res.DebateVotes.Updated+res.StatementVotes.Added+res.DotVotes.Added != zero.Added {
			t.Fatalf("re-import result = %+v", res)
		}
	})
}

func TestCorrectedFileAddsOnlyTheChanges(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		fx := setup(t, s)
		lines := goodLines(fx)
		_, err := importCSV(t, s, fx, csvFile(fx, lines...))
		must(t, err)
		before := stats(t, s)
		lines[2] = `contribution,A1,,,,,,,,,Yes definitely`
		lines[5] = `debate,A2,,,before,against,,,,4,`
		lines[7] = strings.Replace(lines[7], ",S1,a,", ",S1,d,", 1)
		res, err := importCSV(t, s, fx, csvFile(fx, lines...))
		must(t, err)
		if res.Contributions != (importer.KindCount{Added: 1, Skipped: 3}) ||
			res.DebateVotes != (importer.KindCount{Updated: 1, Skipped: 2}) ||
			res.StatementVotes != (importer.KindCount{Updated: 1, Skipped: 1}) {
			t.Fatalf("corrected import = %+v", res)
		}
		after := stats(t, s)
		if after.Contributions != before.Contributions+1 || after.DebateVotes != before.DebateVotes || after.Votes != before.Votes {
			t.Fatalf("stats %+v -> %+v", before, after)
		}
		dv, err := s.DebateVotes(ctx, fx.Activities[1].ID)
		must(t, err)
		for _, v := range dv {
			if v.Phase == domain.PhaseBefore && v.Position == domain.PositionAgainst && v.Count != 4 {
				t.Fatalf("tally not corrected: %+v", v)
			}
		}
	})
}

func TestDryRunWritesNothing(t *testing.T) {
	s := openSQLite(t)
	fx := setup(t, s)
	before := stats(t, s)
	c, err := importer.ReadCSV(strings.NewReader(csvFile(fx, goodLines(fx)...)))
	must(t, err)
	res, err := importer.ImportCapture(context.Background(), s, c,
		importer.CaptureOptions{SessionID: fx.Session.ID, Pipeline: pipeline, DryRun: true})
	must(t, err)
	if res.Contributions.Added != 4 || stats(t, s) != before {
		t.Fatalf("dry run: %+v, stats changed: %v", res, stats(t, s) != before)
	}
}

func TestImportNeedsThePipeline(t *testing.T) {
	s := openSQLite(t)
	fx := setup(t, s)
	_, err := importer.ImportCSV(context.Background(), s, strings.NewReader(csvFile(fx, goodLines(fx)...)),
		importer.CaptureOptions{SessionID: fx.Session.ID})
	if err == nil {
		t.Fatal("an import without the privacy pipeline went ahead")
	}
}

// failingStore fails the statement votes, which are written after the
// contributions, to show a failure late in the write leaves nothing behind.
type failingStore struct{ *store.DB }

func (f failingStore) InTx(ctx context.Context, fn func(domain.Store) error) error {
	return f.DB.InTx(ctx, func(tx domain.Store) error { return fn(failingTx{tx.(*store.DB)}) })
}

type failingTx struct{ *store.DB }

func (failingTx) PutVotes(context.Context, []domain.Vote) error {
	return errors.New("disk full")
}

func TestFailureDuringWriteImportsNothing(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.DB) {
		fx := setup(t, s)
		before := stats(t, s)
		_, err := importer.ImportCSV(context.Background(), failingStore{s}, strings.NewReader(csvFile(fx, goodLines(fx)...)),
			importer.CaptureOptions{SessionID: fx.Session.ID, Pipeline: pipeline})
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Fatalf("err = %v, want the write failure", err)
		}
		if after := stats(t, s); after != before {
			t.Fatalf("a failed write left rows behind: %+v -> %+v", before, after)
		}
	})
}

// TestParallelIntakeRedactsEveryRow imports enough rows to use every core
// and checks each stored text is exactly its own row's redaction.
func TestParallelIntakeRedactsEveryRow(t *testing.T) {
	s := openSQLite(t)
	fx := setup(t, s)
	var file strings.Builder
	must(t, fx.WriteContributions(&file, 3000, 5))
	c, err := importer.ReadCSV(strings.NewReader(file.String()))
	must(t, err)
	res, err := importer.ImportCapture(context.Background(), s, c, importer.CaptureOptions{SessionID: fx.Session.ID, Pipeline: pipeline})
	must(t, err)
	if res.Contributions.Added != 3000 || res.Redacted == 0 {
		t.Fatalf("result = %+v", res)
	}
	want := map[string]int{}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(file.String(), fx.Header()))).ReadAll()
	must(t, err)
	for _, r := range rows {
		c := domain.Contribution{Text: r[10]}
		pipeline.Apply(&c)
		want[c.Text]++
	}
	cs, err := s.Contributions(context.Background(), domain.ContributionFilter{ProgrammeID: fx.Programme.ID, IncludeFlagged: true})
	must(t, err)
	for _, c := range cs {
		want[c.Text]--
	}
	for text, n := range want {
		if n != 0 {
			t.Fatalf("redacted text %q stored %d times too few", text, n)
		}
	}
}
