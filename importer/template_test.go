package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"peervoice/importer"
)

func TestCSVTemplateRoundTrip(t *testing.T) {
	s := openSQLite(t)
	fx := setup(t, s)
	tpl, err := importer.LoadTemplate(context.Background(), s, fx.Session.ID)
	must(t, err)
	var buf bytes.Buffer
	must(t, tpl.WriteCSV(&buf))
	cr := csv.NewReader(bytes.NewReader(buf.Bytes()))
	cr.FieldsPerRecord = -1 // the header block has two cells a row
	rows, err := cr.ReadAll()
	must(t, err)
	if rows[1][1] != fx.Session.ID || rows[2][1] != fx.Session.CheckCode {
		t.Fatalf("header block = %v", rows[:3])
	}
	kinds := map[string]int{}
	for _, r := range rows[4:] {
		kinds[r[0]]++
	}
	// 8 participants x 6 statements, 2 phases x 3 positions, one line per
	// discussion-type activity and per dots activity.
	if kinds["statement_vote"] != 48 || kinds["debate"] != 6 || kinds["contribution"] != 2 || kinds["dots"] != 1 {
		t.Fatalf("pre-filled rows = %v", kinds)
	}
	_, err = importCSV(t, s, fx, buf.String())
	wantProblem(t, fileError(t, err), 0, "", "no filled-in rows")

	fill(rows, "statement_vote", 7, "a")
	fill(rows, "debate", 9, "11")
	fill(rows, "contribution", 10, "The wing is calmer at weekends")
	var out bytes.Buffer
	must(t, csv.NewWriter(&out).WriteAll(rows))
	res, err := importCSV(t, s, fx, out.String())
	must(t, err)
	if res.StatementVotes.Added != 1 || res.DebateVotes.Added != 1 || res.Contributions.Added != 1 || res.Blank != 54 {
		t.Fatalf("filled template imported as %+v", res)
	}
}

// fill sets column col of the first row of kind.
func fill(rows [][]string, kind string, col int, v string) {
	for _, r := range rows {
		if r[0] == kind {
			r[col] = v
			return
		}
	}
}

func TestXLSXTemplateRoundTrip(t *testing.T) {
	s := openSQLite(t)
	fx := setup(t, s)
	tpl, err := importer.LoadTemplate(context.Background(), s, fx.Session.ID)
	must(t, err)
	var buf bytes.Buffer
	must(t, tpl.WriteXLSX(&buf))
	f, err := excelize.OpenReader(&buf)
	must(t, err)
	defer f.Close()
	want := "Instructions,Contributions,Debate votes,Statement votes,Dots,Team rankings"
	if got := strings.Join(f.GetSheetList(), ","); got != want {
		t.Fatalf("sheets = %s", got)
	}
	grid, err := f.GetRows("Statement votes")
	must(t, err)
	if strings.Join(grid[3], ",") != "participant,S1,S2,S3,S4,S5,S6" || grid[4][0] != tpl.Participants[0].Code {
		t.Fatalf("vote grid heading %v, first row %v", grid[3], grid[4])
	}
	dvs, err := f.GetDataValidations("Statement votes")
	must(t, err)
	if len(dvs) != 1 || dvs[0].Sqref != "B5:G12" || !strings.Contains(dvs[0].Formula1, "a,d,p") {
		t.Fatalf("vote grid drop-down = %+v", dvs)
	}
	must(t, f.SetCellStr("Statement votes", "C5", "d"))
	must(t, f.SetCellStr("Contributions", "D5", "Nobody explains the IEP scheme"))
	must(t, f.SetCellInt("Debate votes", "D6", 4))
	var filled bytes.Buffer
	_, err = f.WriteTo(&filled)
	must(t, err)
	res, err := importXLSX(t, s, fx, filled.Bytes())
	must(t, err)
	if res.StatementVotes.Added != 1 || res.Contributions.Added != 1 || res.DebateVotes.Added != 1 {
		t.Fatalf("filled workbook imported as %+v", res)
	}
	votes, err := s.Votes(context.Background(), fx.Programme.ID)
	must(t, err)
	if len(votes) != 1 || votes[0].StatementID != fx.Statements[1].ID || votes[0].Value != -1 {
		t.Fatalf("votes = %+v", votes)
	}
}

// TestTemplateListsAttendees checks that once attendance is known, the
// template lists those who came rather than everyone at the site.
func TestTemplateListsAttendees(t *testing.T) {
	s := openSQLite(t)
	fx := setup(t, s)
	ctx := context.Background()
	tpl, err := importer.LoadTemplate(ctx, s, fx.Session.ID)
	must(t, err)
	if len(tpl.Participants) != len(fx.Participants) {
		t.Fatalf("before attendance: %d participants, want the site's %d (not the withdrawn one)", len(tpl.Participants), len(fx.Participants))
	}
	must(t, s.RecordAttendance(ctx, fx.Session.ID, fx.Participants[3].ID))
	tpl, err = importer.LoadTemplate(ctx, s, fx.Session.ID)
	must(t, err)
	if len(tpl.Participants) != 1 || tpl.Participants[0].Code != code(fx, 3) {
		t.Fatalf("after attendance: %+v", tpl.Participants)
	}
}
