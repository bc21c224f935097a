package importer_test

import (
	"strings"
	"testing"

	"peervoice/bench/import/gen"
	"peervoice/domain"
	"peervoice/importer"
	"peervoice/store"
)

// badCase is a file with one thing wrong and where the error must point.
type badCase struct {
	name   string
	file   func(fx *gen.Fixture) string
	row    int
	column string
	msg    string
}

// withGood puts a valid row first, so a refused file also shows the valid
// row was not imported: the import is all or nothing.
func withGood(lines ...string) func(fx *gen.Fixture) string {
	return func(fx *gen.Fixture) string {
		return csvFile(fx, append([]string{`contribution,A1,,,,,,,,,The gym keeps me sane`}, lines...)...)
	}
}

// withCode is withGood with {c} replaced by the first participant's code
// and {bad} by that code with a wrong check character.
func withCode(line string) func(fx *gen.Fixture) string {
	return func(fx *gen.Fixture) string {
		line = strings.ReplaceAll(line, "{bad}", badCheck(code(fx, 0)))
		return withGood(strings.ReplaceAll(line, "{c}", code(fx, 0)))(fx)
	}
}

func raw(s string) func(*gen.Fixture) string { return func(*gen.Fixture) string { return s } }

var badCases = []badCase{
	{"empty file", raw(""), 0, "", "the file is empty"},
	{"blank file", raw(" \n\r\n"), 0, "", "the file is empty"},
	{"pdf renamed", raw("%PDF-1.7\n%âãÏÓ\n1 0 obj"), 0, "", "PDF"},
	{"xlsx renamed", raw("PK\x03\x04\x14\x00\x06\x00"), 0, "", "import xlsx"},
	{"binary", func(fx *gen.Fixture) string { return fx.Header() + "contribution,A1\x00\x01\x02" }, 0, "", "binary"},
	{"latin-1", withGood(`contribution,A1,,,,,,,,,caf` + "\xe9" + ` food`), 0, "", "not valid UTF-8"},
	{"utf-16", raw("\xff\xfek\x00i\x00"), 0, "", "UTF-16"},
	{"no header block", raw("kind,activity,area\ncontribution,A1,\n"), 1, "A", "does not start with the capture header"},
	{"newer format", raw("format,peervoice-capture-9\nsession,x\n"), 1, "B", "this version of peervoice reads"},
	{"missing column", func(fx *gen.Fixture) string {
		return strings.Replace(fx.Header(), ",text\n", "\n", 1) + "contribution,A1,,,,,,,,\n"
	}, 4, "text", "missing"},
	{"unknown column", func(fx *gen.Fixture) string {
		return strings.Replace(fx.Header(), ",text\n", ",text,colour\n", 1)
	}, 4, "colour", "unknown column"},
	{"header ends early", raw("format,peervoice-capture-1\nsession,abc\n"), 3, "", "ends inside its header"},
	{"wrong session", func(fx *gen.Fixture) string {
		return strings.Replace(withGood()(fx), fx.Session.ID, "01900000-0000-7000-8000-000000000000", 1)
	}, 2, "session", "wrong session"},
	{"wrong check code", func(fx *gen.Fixture) string {
		return strings.Replace(withGood()(fx), "check code,"+fx.Session.CheckCode, "check code,"+badCheck(fx.Session.CheckCode), 1)
	}, 3, "check code", "wrong session"},
	{"truncated in a quote", withGood(`contribution,A1,,,,,,,,,"the food is cold and`), 6, "", "not closed"},
	{"truncated row", withGood(`contribution,A1,safety`), 6, "", "cut short"},
	{"unquoted comma", withGood(`contribution,A1,,,,,,,,,tea, coffee`), 6, "", "needs to be in quotes"},
	{"bad check character", withCode(`statement_vote,,,{bad},,,S1,a,,,`), 6, "participant", "check character"},
	{"misread character", withGood(`statement_vote,,,K0QX,,,S1,a,,,`), 6, "participant", "codes never use"},
	{"unknown participant", withGood(`statement_vote,,,KMNP` + string(domain.CheckChar("KMNP")) + `,,,S1,a,,,`), 6, "participant", "not a participant in this programme"},
	{"withdrawn participant", func(fx *gen.Fixture) string {
		return withGood(`statement_vote,,,` + fx.Withdrawn.Code + `,,,S1,a,,,`)(fx)
	}, 6, "participant", "withdrawn"},
	{"team cannot vote", withGood(`statement_vote,,,T2,,,S1,a,,,`), 6, "participant", "team cannot vote"},
	{"vote without participant", withGood(`statement_vote,,,,,,S1,a,,,`), 6, "participant", "needs the participant"},
	{"statement not in programme", withCode(`statement_vote,,,{c},,,S99,a,,,`), 6, "statement", "S99 is not in the programme"},
	{"statement not a number", withCode(`statement_vote,,,{c},,,card,a,,,`), 6, "statement", "not a statement number"},
	{"vote outside adp", withCode(`statement_vote,,,{c},,,S1,y,,,`), 6, "vote", "not a vote"},
	{"conflicting votes", withCode("statement_vote,,,{c},,,S1,a,,,\nstatement_vote,,,{c},,,1,d,,,"), 7, "vote", "twice with different values"},
	{"negative count", withGood(`debate,A2,,,before,for,,,,-3,`), 6, "count", "negative"},
	{"absurd count", withGood(`debate,A2,,,before,for,,,,250000,`), 6, "count", "more than 10000"},
	{"count not a number", withGood(`debate,A2,,,before,for,,,,twelve,`), 6, "count", "not a whole number"},
	{"too many dots", withGood(`dots,A4,,,,,,,Visits,5000,`), 6, "count", "more than 1000"},
	{"participant vote with count", withCode(`debate,A2,,{c},before,for,,,,3,`), 6, "count", "counts 1"},
	{"bad phase", withGood(`debate,A2,,,during,for,,,,3,`), 6, "phase", "before or after"},
	{"bad position", withGood(`debate,A2,,,before,maybe,,,,3,`), 6, "position", "for, against or undecided"},
	{"duplicate tally", withGood("debate,A2,,,before,for,,,,3,\ndebate,A2,,,before,for,,,,4,"), 7, "activity", "already given at row 6"},
	{"debate on a discussion", withGood(`debate,A1,,,before,for,,,,3,`), 6, "activity", "not a debate activity"},
	{"unknown activity", withGood(`contribution,A9,,,,,,,,,hello`), 6, "activity", "not in this session's plan"},
	{"missing activity", withGood(`contribution,,,,,,,,,,hello`), 6, "activity", "enter the activity"},
	{"unknown area", withGood(`contribution,A1,healthcare,,,,,,,,hello`), 6, "area", "not one of the programme's strategic areas"},
	{"unknown kind", withGood(`comment,A1,,,,,,,,,hello`), 6, "kind", "not a row kind"},
	{"shifted cells", withGood(`contribution,A1,,,,,,a,,,hello`), 6, "vote", "do not use this column"},
	{"missing text", withCode(`contribution,A1,,{c},,,,,,,`), 6, "text", "enter what was said"},
	{"1 MB answer", withGood(`contribution,A1,,,,,,,,,` + strings.Repeat("words ", 200_000)), 6, "text", "too long"},
	{"bidi override", withGood("contribution,A1,,,,,,,,,evil \u202etxt.exe"), 6, "text", "direction-control"},
	{"control character", withGood("contribution,A1,,,,,,,,,bell \x07 here"), 6, "text", "control characters"},
	{"dots without option", withGood(`dots,A4,,,,,,,,4,`), 6, "option", "enter the option"},
	{"only blank template rows", func(fx *gen.Fixture) string {
		return csvFile(fx, `debate,A2,,,before,for,,,,,`, `statement_vote,,,`+code(fx, 0)+`,,,S1,,,,`)
	}, 0, "", "no filled-in rows"},
}

func TestBadInputIsRefusedWhole(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.DB) {
		fx := setup(t, s)
		before := stats(t, s)
		for _, c := range badCases {
			t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
				_, err := importCSV(t, s, fx, c.file(fx))
				fe := fileError(t, err)
				wantProblem(t, fe, c.row, c.column, c.msg)
				if after := stats(t, s); after != before {
					t.Fatalf("a refused file changed the database: %+v -> %+v", before, after)
				}
			})
		}
	})
}

// TestEveryProblemIsReported checks that one pass reports all the bad
// rows, not just the first.
// TestByteProblemsNameTheLine checks problems found before rows are split
// name the line and byte.
func TestByteProblemsNameTheLine(t *testing.T) {
	_, err := importer.ReadCSV(strings.NewReader("format,peervoice-capture-1\nsession,\"a\nb\"\ncaf\xe9\n"))
	fe := fileError(t, err)
	if got := fe.Problems[0].String(); got != "line 4, byte 45: the text is not valid UTF-8: save the file as \"CSV UTF-8\" from your spreadsheet" {
		t.Fatalf("problem = %q", got)
	}
}

func TestEveryProblemIsReported(t *testing.T) {
	s := openSQLite(t)
	fx := setup(t, s)
	file := withGood(`statement_vote,,,T2,,,S1,a,,,`, `debate,A2,,,before,for,,,,-1,`, `contribution,A9,,,,,,,,,x`)(fx)
	fe := fileError(t, func() error { _, err := importCSV(t, s, fx, file); return err }())
	wantProblem(t, fe, 6, "participant", "team")
	wantProblem(t, fe, 7, "count", "negative")
	wantProblem(t, fe, 8, "activity", "plan")
	if !strings.Contains(fe.Error(), "row 7, column count: the count -1 is negative") {
		t.Fatalf("message does not name row and column: %v", fe)
	}
}
