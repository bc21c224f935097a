package web

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"peervoice/domain"
	"peervoice/privacy/suppress"
)

// This file proves the issue 6 guarantee that no page or API response
// publishes a count of people without going through privacy/suppress. It
// walks the router's own route table, so a new page is checked the day it
// is added, and it checks two ways: the data handed to each template
// (by type and by value) and the HTML that reaches the browser.

// peopleWords are words in a field name, table heading or row label that
// say a number counts people or what they did (voted, placed dots, said).
var peopleWords = words("count counts participant participants people person persons member members size sizes " +
	"vote votes voter voters voted dot dots total totals reached attend attended attendance agree agreed disagree " +
	"disagreed pass passed for against undecided group groups clustered grouped everyone included n " +
	"contribution contributions flagged held withdrawn withdrawals nsuccess ntrials")

// notPeopleWords override peopleWords: numbers that are the programme's own
// plan or settings, positions, measures of time or statistics, none of
// which counts people. Each is here for a reason:
//   - number, position, seq, rank, ranklo, rankhi, page, limit, offset,
//     id, k: ordinals and identifiers, not counts;
//   - minutes, days, year, retentiondays: time;
//   - threshold: the suppression threshold itself;
//   - target, targets: the programme's plan, set by the coordinator;
//   - sites, sessions, options, statements: the plan's own records;
//   - share, sharelo, sharehi, pvalue, p, score, silhouette, x, y, percent:
//     proportions and statistics, safe once their counts are suppressed;
//   - code: the check code of printed sheets.
var notPeopleWords = words("number position seq rank ranklo rankhi page limit offset id k minutes days year " +
	"retentiondays threshold target targets sites sessions options statements share sharelo sharehi " +
	"pvalue p score silhouette x y percent code")

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// splitWords splits a Go name ("TargetParticipants", "NSuccess") or a
// heading ("Sessions delivered") into lower-case words, and adds the words
// joined, so "NSuccess" is "n", "success" and "nsuccess".
func splitWords(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		if !unicode.IsLetter(r) {
			flush()
			continue
		}
		lowerBefore := i > 0 && unicode.IsLower(rs[i-1])
		acronymEnd := i > 0 && unicode.IsUpper(rs[i-1]) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
		if unicode.IsUpper(r) && (lowerBefore || acronymEnd) {
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	return append(out, strings.Join(out, ""))
}

// classify says whether a label names a count of people (1), names some
// other number (-1), or says nothing either way (0).
func classify(label string) int {
	ws := splitWords(label)
	for _, w := range ws {
		// A one-letter word (x, p, k, n) only counts when it is the whole
		// name, so "Group P" or "HMP X" is not taken for a coordinate.
		if len(w) == 1 && len(ws) > 2 {
			continue
		}
		if notPeopleWords[w] {
			return -1
		}
	}
	for _, w := range ws {
		if len(w) == 1 && len(ws) > 2 {
			continue
		}
		if peopleWords[w] {
			return 1
		}
	}
	return 0
}

// peopleCell reports whether a number under these labels counts people:
// one label says so and none says it is some other number.
func peopleCell(labels ...string) bool {
	people := false
	for _, l := range labels {
		switch classify(l) {
		case -1:
			return false
		case 1:
			people = true
		}
	}
	return people
}

// leakCheck collects every place a small count of people shows unsuppressed.
type leakCheck struct {
	threshold int
	leaks     []string
	// people counts the number cells of people checked, so a test can
	// tell a page that passed from a page that had nothing to check.
	people int
}

// small reports whether text is a whole number that primary suppression
// must hide (1 to threshold-1).
func (c *leakCheck) small(text string) bool {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	return err == nil && n >= 1 && n < max(c.threshold, suppress.MinThreshold)
}

func (c *leakCheck) leak(format string, args ...any) {
	c.leaks = append(c.leaks, fmt.Sprintf(format, args...))
}

var (
	cellType    = reflect.TypeFor[suppress.Cell]()
	tableType   = reflect.TypeFor[Table]()
	summaryType = reflect.TypeFor[SummaryRow]()
)

// walk visits every exported value reachable from v. name is the field the
// value came from (elements of a slice or map keep their field's name).
func (c *leakCheck) walk(v reflect.Value, path, name string, seen map[uintptr]bool) {
	if !v.IsValid() {
		return
	}
	switch v.Type() {
	case cellType:
		c.checkCell(v.Interface().(suppress.Cell), path)
		return
	case tableType:
		c.checkTable(v.Interface().(Table), path)
	case summaryType:
		row := v.Interface().(SummaryRow)
		c.checkText(row.Value, path+"["+row.Key+"]", row.Key)
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return
		}
		if v.Kind() == reflect.Pointer {
			if seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
		}
		c.walk(v.Elem(), path, name, seen)
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				c.walk(v.Field(i), path+"."+f.Name, f.Name, seen)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			c.walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), name, seen)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			c.walk(v.MapIndex(k), fmt.Sprintf("%s[%v]", path, k), name, seen)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		// The type-level rule: a count of people must be a suppress.Cell
		// (or text made from one), never a bare number, whatever its value.
		if peopleCell(name) {
			c.leak("%s is a raw %s (%v), not a suppress.Cell", path, v.Kind(), v.Interface())
		}
	case reflect.String:
		c.checkText(v.String(), path, name)
	}
}

// checkCell fails a published cell that primary suppression would hide: it
// was built by hand rather than by suppress.Count, List or Suppress.
func (c *leakCheck) checkCell(cell suppress.Cell, path string) {
	c.people++
	if !cell.Suppressed && c.small(strconv.Itoa(cell.Count)) {
		c.leak("%s is suppress.Cell{Count: %d} published below the threshold", path, cell.Count)
	}
	if cell.Suppressed && cell.Count != 0 {
		c.leak("%s is a suppressed cell that still carries its count %d", path, cell.Count)
	}
}

// checkText fails a count of people already turned into text.
func (c *leakCheck) checkText(text, path string, labels ...string) {
	if !peopleCell(labels...) {
		return
	}
	if _, err := strconv.Atoi(strings.TrimSpace(text)); err == nil || text == suppress.Hidden || text == suppress.Marker {
		c.people++
	}
	if c.small(text) {
		c.leak("%s shows %q, a count of people under the threshold", path, text)
	}
}

// checkTable applies the value rule to a table: a cell counts people when
// its column heading or its row label says so.
func (c *leakCheck) checkTable(t Table, path string) {
	for _, row := range t.Rows {
		if len(row) == 0 {
			continue
		}
		for j := 1; j < len(row); j++ {
			head := ""
			if j < len(t.Head) {
				head = t.Head[j].Text
			}
			c.checkText(row[j].Text, fmt.Sprintf("%s %q row %q column %q", path, t.Caption, row[0].Text, head), head, row[0].Text)
		}
	}
}

var (
	tableRE = regexp.MustCompile(`(?s)<table[^>]*>.*?</table>`)
	rowRE   = regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`)
	cellRE  = regexp.MustCompile(`(?s)<t([hd])([^>]*)>(.*?)</t[hd]>`)
	tagRE   = regexp.MustCompile(`<[^>]*>`)
)

// checkHTML applies the same rule to every table of a rendered page, so a
// count worked out in a template, or a table written by hand in one, is
// caught too.
func (c *leakCheck) checkHTML(page, body string) {
	for ti, tbl := range tableRE.FindAllString(body, -1) {
		var heads []string
		for _, tr := range rowRE.FindAllStringSubmatch(tbl, -1) {
			cells := cellRE.FindAllStringSubmatch(tr[1], -1)
			if len(cells) > 0 && strings.Contains(cells[0][2], `scope="col"`) {
				heads = heads[:0]
				for _, h := range cells {
					heads = append(heads, cellText(h[3]))
				}
				continue
			}
			c.checkHTMLRow(fmt.Sprintf("%s table %d", page, ti+1), heads, cells)
		}
	}
}

// proseRE finds a number written before what it counts, in running text:
// "2 people were grouped", "A scatter of 3 participants".
var proseRE = regexp.MustCompile(`(?i)(?:^|[^0-9.,])([0-9]+)\s+(?:of\s+[0-9]+\s+)?(people|persons?|participants?|voters?|votes|dots|members|contributions)\b`)

// checkProse applies the value rule to the page's text outside tables.
func (c *leakCheck) checkProse(page, body string) {
	text := html.UnescapeString(tagRE.ReplaceAllString(tableRE.ReplaceAllString(body, " "), " "))
	for _, m := range proseRE.FindAllStringSubmatch(text, -1) {
		if c.small(m[1]) {
			c.leak("%s says %q in its text", page, strings.TrimSpace(m[0]))
		}
	}
}

func (c *leakCheck) checkHTMLRow(where string, heads []string, cells [][]string) {
	if len(cells) == 0 {
		return
	}
	label := cellText(cells[0][3])
	for j := 1; j < len(cells); j++ {
		head := ""
		if j < len(heads) {
			head = heads[j]
		}
		c.checkText(cellText(cells[j][3]), fmt.Sprintf("%s row %q column %q (HTML)", where, label, head), head, label)
	}
}

func cellText(s string) string {
	return strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(s, "")))
}

// contributionLevel are pages that show what individual people said or
// did, to the people who recorded it or must act on it. They are not
// aggregates: their counts are a tally of the page's own rows, shown to
// people who can already see every row, so suppressing them would protect
// no one. The test checks they stay closed to the decision-maker, who sees
// aggregates only.
var contributionLevel = map[string]string{
	"GET /programmes/{slug}/sessions/{id}/capture":    "the facilitator's tally against the paper sheets; the vote grid beside it shows every vote",
	"GET /programmes/{slug}/sessions/{id}/upload":     "the facilitator's check of an uploaded capture file, row by row",
	"GET /programmes/{slug}/sessions/{id}/jobs/{job}": "progress of the facilitator's own upload, in rows of the file",
	"GET /programmes/{slug}/review":                   "redaction review of individual contributions (analysts)",
	"GET /programmes/{slug}/safeguarding":             "the safeguarding lead's queue of individual concerns",
	"GET /programmes/{slug}/safeguarding/{id}":        "one safeguarding concern",
	"GET /programmes/{slug}/sessions/{id}/concern":    "raising a concern about one contribution",
	"GET /programmes/{slug}/sessions/{id}/attendance": "the register of one session, person by person",
	"GET /programmes/{slug}/withdraw":                 "withdrawing one participant by code",
	"GET /programmes/{slug}/fees":                     "payments to individual facilitators",
}

// notHTML are GET routes that answer with something other than a page.
// Each is either contribution-level or holds no counts of people; a new
// download fails the test until it is listed here with its reason.
var notHTML = map[string]string{
	"GET /healthz":                "status only",
	"GET /readyz":                 "status only",
	"GET /assets/{sum}/{path...}": "static files",
	"GET /programmes/{slug}/sessions/{id}/pack.pdf":              "the facilitator's printed pack: blank sheets and the plan",
	"GET /programmes/{slug}/sessions/{id}/capture-template.csv":  "a blank capture sheet",
	"GET /programmes/{slug}/sessions/{id}/capture-template.xlsx": "a blank capture sheet",
	"GET /programmes/{slug}/export/polis":                        "vote-level export for the coordinator (contribution-level, audited)",
	"GET /programmes/{slug}/fees.csv":                            "payments to individual facilitators",
}

// seedSmallCounts gives programme alpha (threshold 5) data in which every
// count of people is small: on top of the env's sites of 12 and 3, a site
// with one participant and one with four; a debate at the small site with
// its 3 voters; 2 people placing dots; and card votes where 2 people vote
// against everyone else.
func (e *env) seedSmallCounts() {
	ctx := context.Background()
	for _, site := range []struct {
		name string
		n    int
	}{{"HMP One alpha", 1}, {"HMP Four alpha", 4}} {
		s := &domain.Site{ProgrammeID: e.progA.ID, Name: site.name, Type: domain.SiteCatC}
		e.must(e.db.CreateSite(ctx, s))
		for range site.n {
			pt := &domain.Participant{ProgrammeID: e.progA.ID, SiteID: s.ID, Consent: domain.Consent{TakePart: true},
				Code: e.unusedCode(e.progA.ID)}
			e.must(e.db.CreateParticipant(ctx, pt))
		}
	}
	ps := e.participants(e.progA.ID)
	e.seedSmallDebate(ps)
	e.seedSmallDots(ps)
	e.seedSmallOpinions(ps)
}

// seedSmallDebate: 3 voters, 2 against then for, 1 undecided throughout.
func (e *env) seedSmallDebate(ps []domain.Participant) {
	a := e.activity(e.sessA2, domain.ActivityDebate, "Peer mentors should run inductions")
	var vs []domain.DebateVote
	for i, p := range ps[:3] {
		before, after := domain.PositionAgainst, domain.PositionFor
		if i == 2 {
			before, after = domain.PositionUndecided, domain.PositionUndecided
		}
		vs = append(vs, domain.DebateVote{ActivityID: a.ID, ParticipantID: p.ID, Phase: domain.PhaseBefore, Position: before, Count: 1},
			domain.DebateVote{ActivityID: a.ID, ParticipantID: p.ID, Phase: domain.PhaseAfter, Position: after, Count: 1})
	}
	e.must(e.db.CreateDebateVotes(context.Background(), vs))
}

// seedSmallDots: 2 people, 3 dots each on Education, one of them 1 on Work.
func (e *env) seedSmallDots(ps []domain.Participant) {
	a := e.activity(e.sessA2, domain.ActivityDotPriorities, "What matters most")
	vs := []domain.DotVote{{ActivityID: a.ID, ParticipantID: ps[0].ID, Option: "Education", Dots: 3},
		{ActivityID: a.ID, ParticipantID: ps[1].ID, Option: "Education", Dots: 3},
		{ActivityID: a.ID, ParticipantID: ps[1].ID, Option: "Work", Dots: 1}}
	e.must(e.db.CreateDotVotes(context.Background(), vs))
}

// seedSmallOpinions: ten statements; two people vote the reverse of
// everyone else, so any group they form is too small to describe.
func (e *env) seedSmallOpinions(ps []domain.Participant) {
	ctx := context.Background()
	var votes []domain.Vote
	for si := range 10 {
		st := domain.Statement{ProgrammeID: e.progA.ID, Text: "Small statement " + itoa(si+1)}
		e.must(e.db.CreateStatement(ctx, &st))
		for pi, p := range ps {
			v := domain.Agree
			if (pi < 2) != (si < 5) {
				v = domain.Disagree
			}
			if pi%3 == 1 && si == pi%10 {
				v = domain.Pass
			}
			votes = append(votes, domain.Vote{StatementID: st.ID, ParticipantID: p.ID, Value: v})
		}
	}
	e.must(e.db.PutVotes(ctx, votes))
}

// pageTargets are the fixture programme's own targets of a route (no ID
// swaps or missing records: those are the matrix test's business).
func (e *env) pageTargets(rt route) []target {
	var out []target
	for _, tgt := range e.targets(rt) {
		if tgt.name == "" || strings.HasPrefix(tgt.name, "alpha") && !strings.HasPrefix(tgt.name, "swap") {
			out = append(out, tgt)
		}
	}
	return out
}

// TestNoPageBypassesSuppression requests every GET page of the route table
// as the admin (who sees everything) and the decision-maker (who sees
// aggregates) on the small-count fixture, and checks the data given to each
// template and the HTML sent back.
func TestNoPageBypassesSuppression(t *testing.T) {
	e := newEnv(t)
	e.seedSmallCounts()
	checked, hid := map[string]int{}, map[string]bool{}
	for _, rt := range routes {
		key := rt.Method + " " + rt.Path
		if rt.Method != http.MethodGet || rt.Access == apiPublic || rt.Access == apiToken {
			continue
		}
		for _, tgt := range e.pageTargets(rt) {
			for _, role := range []string{"admin", "decisionmaker"} {
				n, hidden := e.checkPage(t, key, role, tgt.path)
				checked[key] += n
				hid[key] = hid[key] || hidden
			}
		}
	}
	// The pages that publish aggregates must each have had counts of
	// people to check; otherwise the fixture, not the pages, passed.
	for _, key := range []string{"GET /programmes/{slug}", "GET /programmes/{slug}/reach", "GET /programmes/{slug}/opinions",
		"GET /programmes/{slug}/debates", "GET /programmes/{slug}/priorities"} {
		if checked[key] < 2 || !hid[key] {
			t.Errorf("%s: %d counts of people checked, %q shown: %v; the fixture should give it several, some hidden",
				key, checked[key], suppress.Hidden, hid[key])
		}
	}
	t.Logf("counts of people checked per route: %v", checked)
}

// checkPage requests one page as role and checks it; it returns how many
// counts of people it checked and whether the page hid any.
func (e *env) checkPage(t *testing.T, key, role, path string) (int, bool) {
	t.Helper()
	before := len(e.rendered)
	w := e.signedIn(role).get(path)
	if reason, ok := contributionLevel[key]; ok {
		if role == "decisionmaker" && w.Code == http.StatusOK {
			t.Errorf("%s is contribution-level (%s) but the decision-maker can open it", path, reason)
		}
		return 0, false
	}
	if w.Code != http.StatusOK {
		return 0, false
	}
	if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		if _, ok := notHTML[key]; !ok {
			t.Errorf("%s answers %s: list it in notHTML with why it holds no unsuppressed counts", key, w.Header().Get("Content-Type"))
		}
		return 0, false
	}
	c := &leakCheck{threshold: e.progA.SuppressionThreshold}
	for _, r := range e.rendered[before:] {
		c.walk(reflect.ValueOf(r.view.Data), r.name+".Data", "Data", map[uintptr]bool{})
	}
	c.checkHTML(path, w.Body.String())
	c.checkProse(path, w.Body.String())
	for _, l := range c.leaks {
		t.Errorf("as %s, %s: %s", role, path, l)
	}
	return c.people, strings.Contains(w.Body.String(), suppress.Hidden)
}

// TestNoAPIResponseBypassesSuppression gets every GET route of the API on
// the small-count fixture and checks no count of people under the
// threshold is in the JSON. Contribution-level endpoints list records,
// not aggregates, and must stay closed to the decision-maker.
func TestNoAPIResponseBypassesSuppression(t *testing.T) {
	e := newEnv(t)
	e.seedSmallCounts()
	records := map[string]bool{
		"GET /api/v1/programmes/{slug}/contributions": true, // individual contributions, audited
		"GET /api/v1/programmes/{slug}/safeguarding":  true, // individual concerns, audited
	}
	admin, dm := e.apiTokenFor("admin"), e.apiTokenFor("decisionmaker")
	for _, rt := range routes {
		key := rt.Method + " " + rt.Path
		if rt.Method != http.MethodGet || (rt.Access != apiPublic && rt.Access != apiToken) || strings.HasSuffix(rt.Path, "openapi.json") {
			continue
		}
		for _, tgt := range e.pageTargets(rt) {
			if records[key] {
				if w, _ := e.apiCall("GET", tgt.path, dm, ""); w.Code == http.StatusOK {
					t.Errorf("%s lists records but the decision-maker can read it", tgt.path)
				}
				continue
			}
			w, _ := e.apiCall("GET", tgt.path, admin, "")
			wantStatus(t, w, http.StatusOK)
			c := &leakCheck{threshold: e.progA.SuppressionThreshold}
			c.checkJSON(t, tgt.path, w.Body.Bytes())
			for _, l := range c.leaks {
				t.Errorf("%s: %s", tgt.path, l)
			}
		}
	}
}

// checkJSON applies the type rule to JSON: a number under a key that names
// people must be a suppressed-cell object, never a bare number.
func (c *leakCheck) checkJSON(t *testing.T, where string, body []byte) {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	c.walkJSON(v, where, "")
}

func (c *leakCheck) walkJSON(v any, path, key string) {
	switch x := v.(type) {
	case map[string]any:
		if sup, ok := x["Suppressed"].(bool); ok {
			if n, _ := x["Count"].(float64); !sup && c.small(strconv.Itoa(int(n))) {
				c.leak("%s is a published cell of %v, under the threshold", path, n)
			}
			return
		}
		for k, el := range x {
			c.walkJSON(el, path+"."+k, k)
		}
	case []any:
		for i, el := range x {
			c.walkJSON(el, fmt.Sprintf("%s[%d]", path, i), key)
		}
	case float64:
		if peopleCell(key) {
			c.leak("%s is a raw number %v, not a suppressed cell", path, x)
		}
	case string:
		c.checkText(x, path, key)
	}
}

// The tests below prove the checker bites: each plants one kind of leak
// the page test must catch.

func TestCheckerCatchesRawCountField(t *testing.T) {
	type group struct {
		Name  string
		Size  int
		Share float64
	}
	data := struct {
		Groups    []group
		Threshold int
		Reached   *int
	}{Groups: []group{{"Group A", 12, 0.5}}, Threshold: 5, Reached: new(int)}
	c := &leakCheck{threshold: 5}
	c.walk(reflect.ValueOf(data), "d", "", map[uintptr]bool{})
	if len(c.leaks) != 2 || !strings.Contains(c.leaks[0], "Size") || !strings.Contains(c.leaks[1], "Reached") {
		t.Fatalf("want Size and Reached flagged (even 12, since the type is wrong), got %q", c.leaks)
	}
}

func TestCheckerCatchesSmallTextAndHandMadeCells(t *testing.T) {
	data := struct {
		People string
		Title  string
		Cells  map[string]suppress.Cell
		Rows   []SummaryRow
		Table  Table
	}{
		People: "3", Title: "3",
		Cells: map[string]suppress.Cell{"ok": suppress.Count(2, 5), "bad": {Count: 4}},
		Rows:  []SummaryRow{{"Participants", "2"}, {"Sessions", "2"}},
		Table: Table{Caption: "By site", Head: []Cell{{Text: "Site"}, {Text: "Sessions planned"}, {Text: "Participants"}},
			Rows: [][]Cell{{{Text: "HMP X"}, {Text: "1"}, {Text: "4"}}, {{Text: "HMP Y"}, {Text: "2"}, {Text: suppress.Hidden}}}},
	}
	c := &leakCheck{threshold: 5}
	c.walk(reflect.ValueOf(data), "d", "", map[uintptr]bool{})
	want := []string{`d.People shows "3"`, "d.Cells[bad] is suppress.Cell{Count: 4}", "d.Rows[0][Participants]", `row "HMP X" column "Participants"`}
	if len(c.leaks) != len(want) {
		t.Fatalf("want %d leaks, got %q", len(want), c.leaks)
	}
	for i, w := range want {
		if !strings.Contains(c.leaks[i], w) {
			t.Errorf("leak %d = %q, want it to mention %q", i, c.leaks[i], w)
		}
	}
}

func TestCheckerCatchesSmallCountInHTML(t *testing.T) {
	page := `<table class="govuk-table"><thead><tr><th scope="col">Option</th><th scope="col">Rank</th><th scope="col">Dots</th></tr></thead>
<tbody><tr><th scope="row">Work</th><td class="x">1</td><td class="x">3</td></tr>
<tr><th scope="row">Education</th><td>2</td><td><a href="#">not shown</a></td></tr></tbody></table>
<table><tr><th scope="col">When</th><th scope="col">For</th></tr><tr><th scope="row">Before</th><td>7</td></tr></table>`
	c := &leakCheck{threshold: 5}
	c.checkHTML("p", page)
	if len(c.leaks) != 1 || !strings.Contains(c.leaks[0], `row "Work" column "Dots"`) {
		t.Fatalf("want only Work's 3 dots flagged (ranks are not people), got %q", c.leaks)
	}
	c = &leakCheck{threshold: 5}
	c.checkProse("p", `<p>A scatter of 3 participants; 12 people; 2 of 9 voters; 4 sessions; rank 2 of 40.</p><table><tr><td>2 people</td></tr></table>`)
	if len(c.leaks) != 2 || !strings.Contains(c.leaks[0], "3 participants") || !strings.Contains(c.leaks[1], "2 of 9 voters") {
		t.Fatalf("want the 3 participants and 2 of 9 voters flagged, got %q", c.leaks)
	}
}

func TestCheckerCatchesRawCountInJSON(t *testing.T) {
	c := &leakCheck{threshold: 5}
	c.checkJSON(t, "api", []byte(`{"groups":[{"id":1,"size":12}],"limit":100,"dots":{"Count":3,"Suppressed":false},"people":{"Count":0,"Suppressed":true}}`))
	if len(c.leaks) != 2 || !strings.Contains(strings.Join(c.leaks, "\n"), "groups[0].size") || !strings.Contains(strings.Join(c.leaks, "\n"), "api.dots") {
		t.Fatalf("want size and dots flagged, got %q", c.leaks)
	}
}
