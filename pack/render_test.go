package pack

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"peervoice/domain"
)

func TestDemoPackContents(t *testing.T) {
	db := demoStore(t)
	s := demoSessions(t, db)[0]
	d, err := Load(context.Background(), db, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, renderFile(t, d))
	all := squash(strings.Join(pages, "\n"))
	want := []string{
		d.Session.Title, d.Site.Name, d.Lead, d.CoFacilitator, d.Site.SecurityNotes, d.Site.Contact,
		"see programme settings", LongDate(d.Session.Date),
		"We do not write your name", "risk of harm", "a crime that nobody knows about", "a risk to security",
		"safeguarding lead", ShortDate(d.Programme.WithdrawalCutoff),
		"Take part", "Be quoted anonymously", "Appear in media", "Your participant code", "Facilitator",
		"Debate tally", "Before the debate", "After the debate", "Undecided", "Team T1", "Team T4",
		"Statement votes", "Dot priorities",
	}
	for _, st := range SafeguardingSteps {
		want = append(want, st.Step)
	}
	for _, a := range d.Activities {
		want = append(want, a.Start+" "+a.End, a.Title)
	}
	for _, a := range d.Areas {
		want = append(want, "Team work: "+a.Name)
	}
	for _, c := range d.Codes {
		want = append(want, c)
	}
	for _, st := range d.Statements {
		want = append(want, StatementRef(st)+" "+st.Text)
	}
	for _, w := range want {
		if !strings.Contains(all, squash(w)) {
			t.Errorf("pack text lacks %q", w)
		}
	}
}

func TestEveryPageCarriesSessionAndPageNumber(t *testing.T) {
	db := demoStore(t)
	s := demoSessions(t, db)[3]
	d, err := Load(context.Background(), db, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	path := renderFile(t, d)
	pages := pdfPages(t, path)
	if n := pdfPageCount(t, path); n != len(pages) {
		t.Fatalf("pdfinfo says %d pages, pdftotext found %d", n, len(pages))
	}
	if min := minimumPages(d); len(pages) < min {
		t.Fatalf("%d pages, want at least %d", len(pages), min)
	}
	for i, p := range pages {
		text := squash(p)
		for _, w := range []string{d.CheckCode(), "Session ID " + d.Session.ID, "Session " + d.ShortID(),
			fmt.Sprintf("Page %d of %d", i+1, len(pages))} {
			if !strings.Contains(text, w) {
				t.Errorf("page %d lacks %q", i+1, w)
			}
		}
	}
}

// minimumPages counts the sheets a pack must have at the least: one each
// for run sheet, information, consent and attendance, one per debate, per
// area, per ten statements and per dot activity.
func minimumPages(d *Data) int {
	n := 4 + len(d.Areas) + (len(d.Statements)+GridColumns-1)/GridColumns
	for _, a := range d.Activities {
		if a.Kind == domain.ActivityDebate || a.Kind == domain.ActivityDotPriorities {
			n++
		}
	}
	return n
}

func pdfPageCount(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command(tool(t, "pdfinfo"), path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	var n int
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "Pages:") {
			fmt.Sscan(strings.TrimPrefix(line, "Pages:"), &n)
		}
	}
	return n
}

// handmade is pack data built without a store, for checking text handling.
func handmade() *Data {
	d := &Data{
		Programme: domain.Programme{Title: "Young people’s voice – policing", Commissioner: "PCC for Northshire",
			WithdrawalCutoff: "2026-12-18"},
		Session: domain.Session{ID: "01920000-0000-7000-8000-00000000abcd", Title: "Session at Café Zoë – £5 lunch",
			Date: "2026-10-05", StartTime: "23:30", EndTime: "23:59"},
		Site:  domain.Site{Name: "Northshire Youth Hub", Type: domain.SiteCommunityVenue, Contact: "Reception → desk ≥ 1"},
		Lead:  "Siân O’Neill",
		Codes: []string{"ACD3", "FGH7"},
	}
	d.Activities = Schedule(d.Session.StartTime, []domain.Activity{
		{Kind: domain.ActivityDebate, Title: "This house believes stop and search “works”", Minutes: 20, Position: 1},
		{Kind: domain.ActivityDotPriorities, Title: "Dot priorities", Prompt: "- More youth workers\n- Body cameras on\n- Local panels", Minutes: 15, Position: 2},
	}, nil)
	return d
}

func TestTypographyAndCurrencySurvive(t *testing.T) {
	d := handmade()
	all := squash(strings.Join(pdfPages(t, renderFile(t, d)), "\n"))
	for _, w := range []string{"Young people’s voice – policing", "Café Zoë – £5 lunch", "Siân O’Neill",
		"stop and search “works”", "Reception > desk ? 1", "More youth workers", "Local panels",
		"23:30 23:50", "23:50 00:05"} {
		if !strings.Contains(all, w) {
			t.Errorf("text lacks %q", w)
		}
	}
}

func TestFold(t *testing.T) {
	cases := map[string]string{
		"it’s – £5 …": "it’s – £5 …",
		"a\u00a0b":    "a b",
		"x → y ≥ z":   "x > y ? z",
		"zero\u200bw": "zerow",
		"Ω":           "?",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFirstPageRendersToPNG(t *testing.T) {
	path := renderFile(t, handmade())
	prefix := filepath.Join(t.TempDir(), "page")
	if out, err := exec.Command(tool(t, "pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", path, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	f, err := os.Open(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// A4 at 60 dpi is 8.27 x 11.69 inches: 496 x 702 pixels.
	if b := img.Bounds(); b.Dx() < 490 || b.Dx() > 500 || b.Dy() < 696 || b.Dy() > 706 {
		t.Fatalf("page 1 is %v, want about 496x702", b)
	}
}

func TestEmptyPlanStillMakesAPack(t *testing.T) {
	d := handmade()
	d.Activities, d.Codes = nil, nil
	pages := pdfPages(t, renderFile(t, d))
	all := squash(strings.Join(pages, "\n"))
	if !strings.Contains(all, "No activities are planned yet") || !strings.Contains(all, "Consent form") {
		t.Fatalf("empty plan pack:\n%s", all)
	}
	for i, p := range pages {
		if !strings.Contains(p, d.CheckCode()) {
			t.Errorf("page %d lacks the check code", i+1)
		}
	}
}

// TestLongListsFlowOntoMorePages checks that a big group's attendance sheet
// and vote grid continue over pages with their headings repeated, and that
// the grid never has more than GridColumns statements on a page.
func TestLongListsFlowOntoMorePages(t *testing.T) {
	d := handmade()
	d.Codes = nil
	for i := range 60 {
		d.Codes = append(d.Codes, domain.NewCode(func(n int) int { return (i*7 + n/3) % n }, 4))
	}
	for i := range 30 {
		d.Statements = append(d.Statements, domain.Statement{Number: i + 1, Text: fmt.Sprintf("Statement number %d is here.", i+1)})
	}
	d.Activities = append(d.Activities, Step{Activity: domain.Activity{Kind: domain.ActivityStatementCards, Title: "Cards"}})
	pages := pdfPages(t, renderFile(t, d))
	attendance, grids := 0, 0
	for _, p := range pages {
		text := squash(p)
		if strings.Contains(text, "Capture: attendance") {
			attendance++
			if !strings.Contains(text, "Participant code") {
				t.Error("an attendance page lacks the column headings")
			}
		}
		if strings.Contains(text, "Capture: statement votes") && !strings.Contains(text, "Code S") {
			t.Error("a vote-grid page lacks the column headings")
		}
		grids += strings.Count(text, "Statement votes (S")
		if strings.Contains(text, "Capture: statement votes") {
			if n := strings.Count(text, "Statement number"); n > GridColumns {
				t.Errorf("a grid page lists %d statements", n)
			}
		}
	}
	all := squash(strings.Join(pages, "\n"))
	for _, c := range d.Codes {
		if strings.Count(all, c) < 2 { // on the attendance sheet and the grid
			t.Errorf("code %s printed %d times", c, strings.Count(all, c))
		}
	}
	if attendance < 2 || grids != 3 {
		t.Fatalf("%d attendance pages, %d grid pages; want 2+ and 3", attendance, grids)
	}
}
