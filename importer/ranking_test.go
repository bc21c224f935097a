package importer_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"peervoice/bench/import/gen"
	"peervoice/domain"
	"peervoice/importer"
	"peervoice/store"
)

// rankingFile is a CSV capture file with the optional rank column.
func rankingFile(fx *gen.Fixture, lines ...string) string {
	return "format,peervoice-capture-1\nsession," + fx.Session.ID + "\ncheck code," + fx.Session.CheckCode +
		"\nkind,activity,area,participant,phase,position,statement,vote,option,count,text,rank\n" + strings.Join(lines, "\n") + "\n"
}

func rankingsOf(t *testing.T, s *store.DB, fx *gen.Fixture) []string {
	t.Helper()
	rs, err := s.SessionTeamRankings(context.Background(), fx.Session.ID)
	must(t, err)
	var out []string
	for _, r := range rs {
		out = append(out, r.Team+" "+strconv.Itoa(r.Rank)+" "+r.Idea)
	}
	return out
}

func TestImportRankingsIdempotentAndRedacted(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.DB) {
		fx := setup(t, s)
		file := rankingFile(fx,
			`ranking,A1,,T2,,,,,,,More time in education,1`,
			`ranking,A1,,team 2,,,,,,,"Ask Jamie Smith on 07700 900123 about visits",2`,
			`ranking,A1,,t1,,,,,,,Peer mentors,1`,
			`contribution,A1,,,,,,,,,The wing is calmer at weekends,`)
		res, err := importCSV(t, s, fx, file)
		must(t, err)
		if res.Rankings.Added != 3 || res.Contributions.Added != 1 {
			t.Fatalf("first import: %+v", res)
		}
		got := rankingsOf(t, s, fx)
		if len(got) != 3 || got[0] != "T1 1 Peer mentors" || got[1] != "T2 1 More time in education" {
			t.Fatalf("rankings = %q", got)
		}
		if strings.Contains(got[2], "Jamie") || strings.Contains(got[2], "07700") || !strings.Contains(got[2], "about visits") {
			t.Fatalf("idea not redacted: %q", got[2])
		}
		// Rankings are not stored as contributions any more.
		if st := stats(t, s); st.Contributions != 1 {
			t.Fatalf("contributions = %d, want 1", st.Contributions)
		}
		res, err = importCSV(t, s, fx, file)
		must(t, err)
		if res.Rankings.Added != 0 || res.Rankings.Skipped != 3 || len(rankingsOf(t, s, fx)) != 3 {
			t.Fatalf("re-import: %+v", res.Rankings)
		}
		corrected := strings.Replace(file, "Peer mentors", "Peer mentors on every wing", 1)
		res, err = importCSV(t, s, fx, corrected)
		must(t, err)
		if res.Rankings.Updated != 1 || rankingsOf(t, s, fx)[0] != "T1 1 Peer mentors on every wing" {
			t.Fatalf("corrected import: %+v, %q", res.Rankings, rankingsOf(t, s, fx))
		}
	})
}

func TestImportRankingsBadInput(t *testing.T) {
	s := openSQLite(t)
	fx := setup(t, s)
	_, err := importCSV(t, s, fx, rankingFile(fx,
		`ranking,A1,,T2,,,,,,,More education,first`,
		`ranking,A1,,K7QX,,,,,,,Visits,1`,
		`ranking,A9,,T1,,,,,,,Visits,1`,
		`ranking,A1,,,,,,,,,Gym,2`,
		`ranking,A1,,T4,,,,,,,Gym,1`,
		`ranking,A1,,T4,,,,,,,Library,1`,
		`ranking,A1,,T5,,,,,,,Jobs,0`,
		`ranking,A1,,T5,,B,,,,,Jobs,3`))
	fe := fileError(t, err)
	wantProblem(t, fe, 5, "rank", "not a rank")
	wantProblem(t, fe, 6, "participant", "not a team")
	wantProblem(t, fe, 7, "activity", "not in this session's plan")
	wantProblem(t, fe, 8, "participant", "not a team")
	wantProblem(t, fe, 10, "rank", "already given at row 9")
	wantProblem(t, fe, 11, "rank", "1 to 99")
	wantProblem(t, fe, 12, "position", "do not use this column")
	if st := stats(t, s); st.Contributions != 0 || len(rankingsOf(t, s, fx)) != 0 {
		t.Fatal("a refused file imported something")
	}
	// A possible disclosure is not stored as a ranking, where no
	// safeguarding lead would see it: it becomes the team's flagged
	// contribution and the ranking keeps a placeholder.
	_, err = importCSV(t, s, fx, rankingFile(fx, `ranking,A1,,T2,,,,,,,My cellmate said he is going to kill himself tonight,1`))
	must(t, err)
	if got := rankingsOf(t, s, fx); len(got) != 1 || got[0] != "T2 1 "+importer.HeldIdea {
		t.Fatalf("flagged idea stored as %v", got)
	}
	flagged, err := s.Contributions(context.Background(), domain.ContributionFilter{ProgrammeID: fx.Session.ProgrammeID, IncludeFlagged: true})
	must(t, err)
	if len(flagged) != 1 || !flagged[0].Flagged || flagged[0].Team != "T2" {
		t.Fatalf("flagged idea did not become the team's flagged contribution: %+v", flagged)
	}
	// A file without the rank column cannot carry rankings.
	_, err = importCSV(t, s, fx, csvFile(fx, `ranking,A1,,T2,,,,,,,More education`))
	wantProblem(t, fileError(t, err), 5, "rank", "not a rank")
}

func TestXLSXTemplateTeamRankings(t *testing.T) {
	s := openSQLite(t)
	fx := setup(t, s)
	ctx := context.Background()
	team := &domain.Activity{SessionID: fx.Session.ID, Kind: domain.ActivityTeamWork, Title: "Team work", AreaID: fx.Areas[0].ID,
		Minutes: 30, Position: len(fx.Activities) + 1}
	must(t, s.CreateActivity(ctx, team))
	tpl, err := importer.LoadTemplate(ctx, s, fx.Session.ID)
	must(t, err)
	var buf bytes.Buffer
	must(t, tpl.WriteXLSX(&buf))
	f, err := excelize.OpenReader(&buf)
	must(t, err)
	defer f.Close()
	rows, err := f.GetRows("Team rankings")
	must(t, err)
	// The printed sheet's lines: 4 teams with 5 ranked ideas each.
	if strings.Join(rows[3], ",") != "activity,team,rank,idea" || len(rows) != 4+4*5 ||
		strings.Join(rows[4], ",") != "A5,T1,1" || strings.Join(rows[23], ",") != "A5,T4,5" {
		t.Fatalf("team rankings sheet: %d rows, heading %v, first %v", len(rows), rows[3], rows[4])
	}
	must(t, f.SetCellStr("Team rankings", "D5", "Family days"))
	must(t, f.SetCellStr("Team rankings", "C6", "x"))
	must(t, f.SetCellStr("Team rankings", "D6", "Library"))
	var bad bytes.Buffer
	_, err = f.WriteTo(&bad)
	must(t, err)
	_, err = importXLSX(t, s, fx, bad.Bytes())
	fe := fileError(t, err)
	if !strings.Contains(fe.Error(), `sheet "Team rankings", row 6, column rank (cell C6)`) {
		t.Fatalf("problem not placed by sheet and cell: %v", fe)
	}
	must(t, f.SetCellStr("Team rankings", "C6", "2"))
	var good bytes.Buffer
	_, err = f.WriteTo(&good)
	must(t, err)
	res, err := importXLSX(t, s, fx, good.Bytes())
	must(t, err)
	if res.Rankings.Added != 2 || res.Blank < 18 || strings.Join(rankingsOf(t, s, fx), "|") != "T1 1 Family days|T1 2 Library" {
		t.Fatalf("workbook rankings: %+v %q", res, rankingsOf(t, s, fx))
	}
}

// TestRankColumnMayBeLeftOffARow checks that a row in the shape before the
// rank column existed still reads in a file whose header has it, while a
// row short of a required column is still caught.
func TestRankColumnMayBeLeftOffARow(t *testing.T) {
	s := openSQLite(t)
	fx := setup(t, s)
	res, err := importCSV(t, s, fx, rankingFile(fx, `contribution,A1,,,,,,,,,Visits matter`))
	must(t, err)
	if res.Contributions.Added != 1 {
		t.Fatalf("short row: %+v", res)
	}
	_, err = importCSV(t, s, fx, rankingFile(fx, `contribution,A1,,,,,,,,Visits matter`))
	wantProblem(t, fileError(t, err), 5, "", "cut short")
}
