package web

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"peervoice/analysis/opinion"
	"peervoice/audit"
	"peervoice/demo"
	"peervoice/domain"
	"peervoice/importer"
	"peervoice/polis"
	"peervoice/store"
)

// seedCardVotes gives programme alpha ten statements and two planted
// opinion groups: the first eight participants agree with statements 1-5
// and disagree with 6-10, the other seven the reverse. Every second
// participant has one vote flipped, so the groups are not perfectly tight.
func (e *env) seedCardVotes() []domain.Participant {
	ctx := context.Background()
	var sts []domain.Statement
	for i := range 10 {
		st := domain.Statement{ProgrammeID: e.progA.ID, Text: "Statement text " + itoa(i+1)}
		e.must(e.db.CreateStatement(ctx, &st))
		sts = append(sts, st)
	}
	ps := e.participants(e.progA.ID)
	var votes []domain.Vote
	for pi, p := range ps {
		for si, st := range sts {
			v := domain.Agree
			if (pi < 8) != (si < 5) {
				v = domain.Disagree
			}
			if pi%2 == 1 && si == pi%10 {
				v = -v
			}
			votes = append(votes, domain.Vote{StatementID: st.ID, ParticipantID: p.ID, Value: v})
		}
	}
	e.must(e.db.PutVotes(ctx, votes))
	return ps
}

func TestOpinionsPageShowsGroupsWithoutCodes(t *testing.T) {
	e := newEnv(t)
	ps := e.seedCardVotes()
	w := e.signedIn("decisionmaker").get("/programmes/alpha/opinions")
	wantStatus(t, w, http.StatusOK)
	d := e.last("opinions").Data.(opinionsData)
	if d.Empty || len(d.Groups) != 2 || d.Clustered != "15" {
		t.Fatalf("groups %+v, clustered %q", d.Groups, d.Clustered)
	}
	sizes := map[string]string{}
	for _, g := range d.Groups {
		sizes[g.Name] = g.Size
		if !g.Describable || len(g.Statements.Rows) == 0 || g.Mark == "" {
			t.Errorf("group %s: describable %v, %d statements, mark %q", g.Name, g.Describable, len(g.Statements.Rows), g.Mark)
		}
	}
	if sizes["Group A"] != "8" || sizes["Group B"] != "7" {
		t.Fatalf("sizes %v, want the planted 8 and 7", sizes)
	}
	if got := countPoints(t, string(d.Map)); got != 15 {
		t.Fatalf("%d points on the map, want 15", got)
	}
	body := w.Body.String()
	for _, p := range ps {
		if strings.Contains(body, p.Code) || strings.Contains(body, p.ID) {
			t.Fatalf("participant %s appears on the page", p.Code)
		}
	}
	if !strings.Contains(body, "Statement text 1") || !strings.Contains(body, `role="img"`) {
		t.Fatal("statements or the accessible map are missing from the page")
	}
	// Everyone is in a named group, so the site breakdown has the two
	// groups and the total; the small site's 3 people are not shown.
	if len(d.Breakdowns) != 3 || len(d.Breakdowns[0].Table.Rows) != 3 || d.Breakdowns[0].Legend == "" {
		t.Fatalf("breakdowns %+v", d.Breakdowns)
	}
	if total := d.Breakdowns[0].Table.Rows[2]; total[2].Text != "not shown" {
		t.Fatalf("small site total shown: %+v", total)
	}
}

func TestOpinionsPageWithNoVotes(t *testing.T) {
	e := newEnv(t)
	wantStatus(t, e.signedIn("analyst").get("/programmes/alpha/opinions"), http.StatusOK)
	if d := e.last("opinions").Data.(opinionsData); !d.Empty || d.Map != "" {
		t.Fatalf("empty programme: %+v", d)
	}
}

// smallGroupResult is an analysis with groups of 8, 6 and 2 people: the
// last is under the threshold of 5.
func smallGroupResult() (*opinion.Result, map[string]cohort) {
	res := &opinion.Result{K: 3}
	people := map[string]cohort{}
	sizes := []int{8, 6, 2}
	n := 0
	for g, size := range sizes {
		grp := opinion.Group{ID: g, Size: size,
			Representative: []opinion.RepStatement{{Statement: "S" + itoa(g+1), RepfulFor: "agree", PSuccess: 0.8, Repness: 2}}}
		for range size {
			id := "code-" + itoa(n)
			grp.Members = append(grp.Members, id)
			res.Participants = append(res.Participants, opinion.ParticipantResult{ID: id, Group: g, X: float64(g) + float64(n)/100, Y: float64(n % 3)})
			people[id] = cohort{Site: []string{"HMP North", "HMP South"}[n%2], AgeBand: notGiven, Stage: notGiven}
			n++
		}
		res.Groups = append(res.Groups, grp)
	}
	res.Divisive = []opinion.DivisiveStatement{{Statement: "S1", AgreeByGroup: []float64{0.9, 0.5, 0.1}, HighGroup: 0, LowGroup: 2}}
	return res, people
}

func TestSmallGroupIsNeverDescribed(t *testing.T) {
	res, people := smallGroupResult()
	p := &domain.Programme{Slug: "x", SuppressionThreshold: 5}
	texts := map[string]string{"S1": "First", "S2": "Second", "S3": "Third, said only by the small group"}
	d, err := buildOpinions(p, texts, res, people)
	if err != nil {
		t.Fatal(err)
	}
	small := d.Groups[2]
	if small.Name != "A group too small to describe" || small.Describable || small.Size != "not shown" ||
		len(small.Statements.Rows) != 0 || small.Mark != "" {
		t.Fatalf("small group described: %+v", small)
	}
	if d.Legend == "" {
		t.Fatal("a size is hidden but there is no legend")
	}
	// Secondary suppression hides a second figure; whatever it is, only
	// groups whose size is published are drawn, with one point each.
	want := 0
	for i, g := range d.Groups {
		if g.Mark != "" {
			want += []int{8, 6, 2}[i]
		}
		if g.Mark != "" && g.Size == "not shown" {
			t.Errorf("%s is drawn but its size is hidden", g.Name)
		}
	}
	if got := countPoints(t, string(d.Map)); got != want || want == 0 {
		t.Fatalf("%d points on the map, want %d", got, want)
	}
	if strings.Contains(string(d.Map), "Group C") || len(d.Divisive.Head) != 3 {
		t.Fatalf("the small group has a place in the map legend or the divisive table: %v", d.Divisive.Head)
	}
	for _, b := range d.Breakdowns {
		for _, row := range b.Table.Rows {
			if row[0].Text == "Group C" {
				t.Fatalf("%s has a row for the small group", b.Table.Caption)
			}
		}
	}
	if !strings.Contains(d.Breakdowns[0].Table.Rows[len(d.Breakdowns[0].Table.Rows)-2][0].Text, otherRow) {
		t.Fatalf("no everyone-else row: %+v", d.Breakdowns[0].Table.Rows)
	}
	if d.Breakdowns[1].Note == "" {
		t.Fatal("age bands were never given, yet a table was built")
	}
}

// countPoints parses the map as XML (so it must be well formed) and
// counts the marks in its points layer.
func countPoints(t *testing.T, svg string) int {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	depth, inPoints, n := 0, -1, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("map is not well-formed XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			if el.Name.Local == "g" && attr(el, "class") == "pv-points" {
				inPoints = depth
			} else if inPoints > 0 && depth == inPoints+1 {
				n++
			}
		case xml.EndElement:
			if depth == inPoints {
				inPoints = -1
			}
			depth--
		}
	}
	if depth != 0 {
		t.Fatal("map has unclosed elements")
	}
	return n
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func TestScatterEscapesTextAndIsWellFormed(t *testing.T) {
	svg := renderScatter("m", `Title <&> "q"`, "desc & more", []scatterSeries{{Name: "<b>", Style: styleFor(0)}},
		[]scatterPoint{{X: 1, Y: 2}, {X: -1, Y: 0.5}, {X: 0, Y: 0}})
	if strings.Contains(string(svg), "<b>") {
		t.Fatal("series name not escaped")
	}
	if got := countPoints(t, string(svg)); got != 3 {
		t.Fatalf("%d points, want 3", got)
	}
	// A single point must not divide by zero.
	if got := countPoints(t, string(renderScatter("m", "t", "d", nil, []scatterPoint{{X: 0, Y: 0}}))); got != 1 {
		t.Fatalf("single point: %d", got)
	}
	if strings.Contains(string(renderScatter("m", "t", "d", nil, []scatterPoint{{X: 0, Y: 0}})), "NaN") {
		t.Fatal("NaN coordinate")
	}
}

func TestOpinionCacheReusesUntilVotesChange(t *testing.T) {
	in := opinion.Input{Participants: []string{"a", "b"}, Statements: []string{"s"},
		Votes: []opinion.Vote{{Participant: 0, Statement: 0, Value: 1}}}
	c := &opinionCache{entries: map[string]opinionEntry{}}
	r1, err := c.get("p", in)
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := c.get("p", in)
	if r1 != r2 {
		t.Fatal("same input analysed twice")
	}
	in.Votes = append(in.Votes, opinion.Vote{Participant: 1, Statement: 0, Value: -1})
	if r3, _ := c.get("p", in); r3 == r1 {
		t.Fatal("a new vote did not refresh the analysis")
	}
}

// benchServer is a server on a fresh SQLite database.
func benchServer(b *testing.B) (*Server, *store.DB) {
	b.Helper()
	db, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	log := audit.New(db)
	srv, err := New(Options{Store: db, Accounts: db, DB: db, Audit: log, AuditLog: log})
	if err != nil {
		b.Fatal(err)
	}
	return srv, db
}

// benchOpinions measures loading, analysing and rendering the opinion
// page for a programme: cold (the cache emptied each time) and warm.
func benchOpinions(b *testing.B, srv *Server, p *domain.Programme) {
	ctx := context.Background()
	page := func() {
		d, err := srv.opinionsData(ctx, p)
		if err != nil {
			b.Fatal(err)
		}
		if err := srv.tmpl.render(httptest.NewRecorder(), http.StatusOK, "opinions", &View{Title: "t", Errors: &Errors{}, Data: d}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			opinionResults.mu.Lock()
			delete(opinionResults.entries, p.ID)
			opinionResults.mu.Unlock()
			page()
		}
	})
	b.Run("cached", func(b *testing.B) {
		page()
		for b.Loop() {
			page()
		}
	})
}

func BenchmarkOpinionsPageDemo(b *testing.B) {
	srv, db := benchServer(b)
	sum, err := demo.Load(context.Background(), db, demo.Options{PasswordHash: "unused"})
	if err != nil {
		b.Fatal(err)
	}
	benchOpinions(b, srv, sum.Programme)
}

func BenchmarkOpinionsPagePolis(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "data", "polis-open-data", "scoop-hivemind.ubi")
	export, err := polis.ReadDir(dir)
	if err != nil {
		b.Skipf("Polis export not available: %v", err)
	}
	srv, db := benchServer(b)
	res, err := importer.ImportPolis(context.Background(), db, export, importer.PolisOptions{Name: "scoop-hivemind"})
	if err != nil {
		b.Fatal(err)
	}
	benchOpinions(b, srv, res.Programme)
}

func TestCohortColumnsReadAsWords(t *testing.T) {
	for in, want := range map[string]string{"pre_release": "Pre release", "18-20": "18-20", "": notGiven, "prefer_not_to_say": notGiven} {
		if got := answer(in); got != want {
			t.Errorf("answer(%q) = %q, want %q", in, got, want)
		}
	}
	res, people := smallGroupResult()
	for id, c := range people {
		c.AgeBand = answer([]string{"18-20", "prefer_not_to_say"}[len(id)%2])
		people[id] = c
	}
	d, err := buildOpinions(&domain.Programme{SuppressionThreshold: 5}, nil, res, people)
	if err != nil {
		t.Fatal(err)
	}
	head := d.Breakdowns[1].Table.Head
	if len(head) != 4 || head[1].Text != "18-20" || head[2].Text != notGiven {
		t.Fatalf("age band columns %+v", head)
	}
}
