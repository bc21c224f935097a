package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"peervoice/bench/import/gen"
	"peervoice/domain"
	"peervoice/importer"
	"peervoice/store"
)

// workbook builds an XLSX capture file: each sheet gets the header block,
// then its rows (the first row given is the column heading).
func workbook(t testing.TB, fx *gen.Fixture, sheets map[string][][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	names := make([]string, 0, len(sheets))
	for n := range sheets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		_, err := f.NewSheet(name)
		must(t, err)
		rows := append([][]any{{"format", importer.FormatName}, {"session", fx.Session.ID}, {"check code", fx.Session.CheckCode}}, sheets[name]...)
		for i, row := range rows {
			must(t, f.SetSheetRow(name, fmt.Sprintf("A%d", i+1), &row))
		}
	}
	must(t, f.DeleteSheet("Sheet1"))
	buf, err := f.WriteToBuffer()
	must(t, err)
	return buf.Bytes()
}

// goodSheets holds the same content as goodLines, laid out as the printed
// sheets are: the statement votes as a grid.
func goodSheets(fx *gen.Fixture) map[string][][]any {
	c0, c1, c2 := code(fx, 0), code(fx, 1), code(fx, 2)
	return map[string][][]any{
		"Contributions": {{"activity", "area", "participant", "text"},
			{"A1", "", c0, "My name is Jamie Smith, ring me on 07700 900123 about the wing"},
			{"a1", "education", "t2", "Education gets cancelled every other week"},
			{1, "", "", "Yes"}, {"A1", "", "", "Yes"}},
		"Debate votes": {{"activity", "phase", "position", "count", "participant"},
			{"A2", "before", "for", 12}, {"A2", "before", "against", 3}, {"A2", "after", "undecided", "", strings.ToLower(c1)}},
		"Statement votes": {{"participant", "S1", "S2"}, {c0, "a"}, {c1, "", "D"}},
		"Dots":            {{"activity", "option", "dots", "participant"}, {"A4", "More education", 7}, {"A4", "Better visits", 3, c2}},
	}
}

func importXLSX(t testing.TB, s *store.DB, fx *gen.Fixture, data []byte) (*importer.CaptureResult, error) {
	t.Helper()
	return importer.ImportXLSX(context.Background(), s, bytes.NewReader(data),
		importer.CaptureOptions{SessionID: fx.Session.ID, Pipeline: pipeline})
}

// TestXLSXAndCSVGiveTheSameResult imports the same content both ways: into
// fresh databases they store the same records, and the XLSX after the CSV
// in one database adds nothing.
func TestXLSXAndCSVGiveTheSameResult(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.DB) {
		fx := setup(t, s)
		fromCSV, err := importCSV(t, s, fx, csvFile(fx, goodLines(fx)...))
		must(t, err)
		before := stats(t, s)
		again, err := importXLSX(t, s, fx, workbook(t, fx, goodSheets(fx)))
		must(t, err)
		if stats(t, s) != before || again.Contributions.Skipped != 4 || again.StatementVotes.Skipped != 2 ||
			again.DebateVotes.Skipped != 3 || again.DotVotes.Skipped != 2 {
			t.Fatalf("XLSX after the same CSV changed something: %+v", again)
		}
		s2 := openSQLite(t)
		fx2 := setup(t, s2)
		fromXLSX, err := importXLSX(t, s2, fx2, workbook(t, fx2, goodSheets(fx2)))
		must(t, err)
		if fromXLSX.Contributions != fromCSV.Contributions || fromXLSX.DebateVotes != fromCSV.DebateVotes ||
			fromXLSX.StatementVotes != fromCSV.StatementVotes || fromXLSX.DotVotes != fromCSV.DotVotes {
			t.Fatalf("CSV %+v, XLSX %+v", fromCSV, fromXLSX)
		}
		if a, b := summary(t, s, fx), summary(t, s2, fx2); a != b {
			t.Fatalf("stored content differs:\nCSV:  %s\nXLSX: %s", a, b)
		}
	})
}

// summary describes what a fixture's session holds, without IDs.
func summary(t *testing.T, s *store.DB, fx *gen.Fixture) string {
	ctx := context.Background()
	codes := map[string]string{}
	for _, p := range fx.Participants {
		codes[p.ID] = p.Code
	}
	var out []string
	cs, err := s.Contributions(ctx, domain.ContributionFilter{ProgrammeID: fx.Programme.ID, IncludeFlagged: true})
	must(t, err)
	for _, c := range cs {
		out = append(out, fmt.Sprintf("c:%s/%s/%s/%v", codes[c.ParticipantID], c.Team, c.Text, c.AreaID == fx.Areas[0].ID))
	}
	votes, err := s.Votes(ctx, fx.Programme.ID)
	must(t, err)
	for _, v := range votes {
		out = append(out, fmt.Sprintf("v:%s/%d", codes[v.ParticipantID], v.Value))
	}
	dv, err := s.DebateVotes(ctx, fx.Activities[1].ID)
	must(t, err)
	for _, v := range dv {
		out = append(out, fmt.Sprintf("d:%s/%s/%s/%d", codes[v.ParticipantID], v.Phase, v.Position, v.Count))
	}
	dots, err := s.DotVotes(ctx, fx.Activities[3].ID)
	must(t, err)
	for _, v := range dots {
		out = append(out, fmt.Sprintf("o:%s/%s/%d", codes[v.ParticipantID], v.Option, v.Dots))
	}
	sort.Strings(out)
	return strings.Join(out, " | ")
}

func TestXLSXProblemsNameSheetRowAndCell(t *testing.T) {
	s := openSQLite(t)
	fx := setup(t, s)
	before := stats(t, s)
	sheets := goodSheets(fx)
	sheets["Statement votes"] = [][]any{{"participant", "S1", "S2", "S77"}, {code(fx, 0), "a", "x"}, {code(fx, 1), "", "", "p"}}
	sheets["Notes"] = [][]any{{"anything"}}
	_, err := importXLSX(t, s, fx, workbook(t, fx, sheets))
	fe := fileError(t, err)
	wantProblem(t, fe, 0, "", "not a capture sheet")
	if len(fe.Problems) != 1 {
		t.Fatalf("an unknown sheet should stop before the rows: %v", fe)
	}
	delete(sheets, "Notes")
	_, err = importXLSX(t, s, fx, workbook(t, fx, sheets))
	fe = fileError(t, err)
	wantProblem(t, fe, 5, "S2", "not a vote")
	wantProblem(t, fe, 6, "S77", "not in the programme")
	for _, p := range fe.Problems {
		if p.Column == "S2" && (p.Sheet != "Statement votes" || p.Cell != "C5") {
			t.Fatalf("grid problem located at %+v, want sheet Statement votes cell C5", p.Location)
		}
	}
	if stats(t, s) != before {
		t.Fatal("a refused workbook changed the database")
	}
}

func TestXLSXWrongFiles(t *testing.T) {
	s := openSQLite(t)
	fx := setup(t, s)
	good := workbook(t, fx, goodSheets(fx))
	fxOther, sess := *fx, *fx.Session
	sess.ID = "0190aaaa-0000-7000-8000-000000000000"
	fxOther.Session = &sess
	cases := []struct {
		name string
		data []byte
		msg  string
	}{
		{"empty", nil, "empty"},
		{"csv renamed", []byte(csvFile(fx, goodLines(fx)...)), "perhaps a CSV"},
		{"pdf renamed", []byte("%PDF-1.4\n"), "PDF"},
		{"truncated", good[:len(good)/2], "cannot be opened"},
		{"bit flipped", flip(good, len(good)/3), "cannot be opened"},
		{"random bytes", []byte{0x89, 'P', 'N', 'G', 0, 1, 2}, "not an XLSX workbook"},
		{"no capture sheet", workbook(t, fx, map[string][][]any{"Instructions": {{"hello"}}}), "none of the capture sheets"},
		{"wrong session", workbook(t, &fxOther, goodSheets(fx)), "wrong session"},
	}
	before := stats(t, s)
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			_, err := importXLSX(t, s, fx, c.data)
			fe := fileError(t, err)
			if !strings.Contains(fe.Error(), c.msg) {
				t.Fatalf("error %v does not mention %q", fe, c.msg)
			}
			if stats(t, s) != before {
				t.Fatal("database changed")
			}
		})
	}
}

// flip returns data with one bit of byte i inverted.
func flip(data []byte, i int) []byte {
	out := bytes.Clone(data)
	out[i] ^= 0x10
	return out
}
