package web

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"sync"

	"peervoice/analysis/dataset"
	"peervoice/analysis/opinion"
	"peervoice/domain"
	"peervoice/policy"
	"peervoice/privacy/suppress"
)

// opinionsData is the opinion groups page: the map and its table
// alternative, each group's size and representative statements, the
// statements most people agree on, the divisive ones, and who is in each
// group by site and cohort. It holds aggregates only: no participant codes.
type opinionsData struct {
	Programme *domain.Programme
	// Withdrawals is the one figure left about withdrawn participants.
	Withdrawals suppress.Cell
	// Empty is true when nobody could be grouped yet.
	Empty     bool
	Map       template.HTML
	MapNote   string
	Clustered string
	Groups    []groupView
	Legend    string
	Consensus Table
	Informed  Table
	Divisive  Table
	// Breakdowns compare the groups by site, age band and sentence stage.
	Breakdowns []breakdownView
}

// groupView is one opinion group as the page shows it. A group under the
// threshold has Describable false, no statements and no points on the map.
type groupView struct {
	Name        string
	Size        string
	Describable bool
	// Mark says how the group is drawn on the map, or "" if it is not.
	Mark       string
	Statements Table
}

// breakdownView is one suppressed groups-by-category table.
type breakdownView struct {
	Table  Table
	Legend string
	Note   string
}

func (s *Server) opinionsPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Read, policy.Programme)
	if err != nil {
		return err
	}
	d, err := s.opinionsData(r.Context(), p)
	if err != nil {
		return err
	}
	if d.Withdrawals, err = s.withdrawals(r.Context(), p); err != nil {
		return err
	}
	v := s.view(r, "Opinion groups: "+p.Title, d)
	v.Back = "/programmes/" + p.Slug
	return s.render(w, r, "opinions", v)
}

// opinionsData loads the votes, runs (or reuses) the analysis and builds
// the page from it.
func (s *Server) opinionsData(ctx context.Context, p *domain.Programme) (opinionsData, error) {
	in, err := dataset.LoadOpinions(ctx, s.store, p.ID)
	if err != nil {
		return opinionsData{}, fmt.Errorf("web: opinions: %w", err)
	}
	res, err := opinionResults.get(p.ID, in.Input)
	if err != nil {
		return opinionsData{}, fmt.Errorf("web: opinions: %w", err)
	}
	people, err := s.cohortOf(ctx, p.ID)
	if err != nil {
		return opinionsData{}, err
	}
	return buildOpinions(p, in.Statements, res, people)
}

// buildOpinions turns an analysis into page data. It is separate from the
// store so tests can hand it any result, such as one with a small group.
func buildOpinions(p *domain.Programme, texts map[string]string, res *opinion.Result, people map[string]cohort) (opinionsData, error) {
	d := opinionsData{Programme: p, Empty: res.K == 0}
	if d.Empty {
		return d, nil
	}
	sizes, err := groupSizes(res, p.SuppressionThreshold)
	if err != nil {
		return d, err
	}
	d.Clustered, d.Legend = sizes.Total.Display(), legendIf(sizes.HasSuppressed(), p.SuppressionThreshold)
	shown := describable(res, p.SuppressionThreshold)
	d.Groups = groupViews(res, sizes, shown, texts)
	d.Map, d.MapNote = opinionMap(res, sizes, shown)
	d.Consensus = consensusTable(res, texts)
	d.Informed = informedTable(res, texts)
	d.Divisive = divisiveTable(res, shown, texts)
	d.Breakdowns, err = groupBreakdowns(res, func(g int) bool { return onMap(sizes, shown, g) }, people, p.SuppressionThreshold)
	return d, err
}

// groupName is a group's public name: letters, as Polis uses.
func groupName(g int) string { return "Group " + string(rune('A'+g)) }

// groupSizes suppresses the group sizes as one breakdown, so that the
// number grouped minus the other groups cannot reveal a small one.
func groupSizes(res *opinion.Result, threshold int) (suppress.Breakdown, error) {
	counts := map[string]int{}
	for _, g := range res.Groups {
		counts[groupName(g.ID)] = g.Size
	}
	b, err := suppress.List(counts, threshold)
	if err != nil {
		return b, fmt.Errorf("web: opinion group sizes: %w", err)
	}
	return b, nil
}

// describable marks the groups at or over the threshold: only they are
// ever described on their own.
func describable(res *opinion.Result, threshold int) map[int]bool {
	ok := map[int]bool{}
	for _, g := range res.Groups {
		ok[g.ID] = g.Size >= max(threshold, suppress.MinThreshold)
	}
	return ok
}

// sizeCell finds a group's published size.
func sizeCell(sizes suppress.Breakdown, g int) suppress.Cell {
	for _, it := range sizes.Items {
		if it.Label == groupName(g) {
			return it.Cell
		}
	}
	return suppress.Cell{Suppressed: true}
}

// onMap reports whether a group's points may be drawn: it must be
// describable and its size published, since counting its points would
// otherwise reveal a hidden size.
func onMap(sizes suppress.Breakdown, shown map[int]bool, g int) bool {
	return shown[g] && !sizeCell(sizes, g).Suppressed
}

func groupViews(res *opinion.Result, sizes suppress.Breakdown, shown map[int]bool, texts map[string]string) []groupView {
	out := make([]groupView, 0, len(res.Groups))
	for _, g := range res.Groups {
		v := groupView{Name: groupName(g.ID), Size: sizeCell(sizes, g.ID).Display(), Describable: shown[g.ID]}
		if !v.Describable {
			v.Name = "A group too small to describe"
			out = append(out, v)
			continue
		}
		if onMap(sizes, shown, g.ID) {
			st := styleFor(g.ID)
			v.Mark = st.Shape + "s"
		}
		v.Statements = repTable(v.Name, g.Representative, texts)
		out = append(out, v)
	}
	return out
}

// repTable lists a group's representative statements with the share of
// the group and of everyone else who agreed (or disagreed). Shares are
// Polis' smoothed estimates, (n+1)/(N+2), which never reveal a small count.
func repTable(name string, reps []opinion.RepStatement, texts map[string]string) Table {
	t := Table{Caption: name + ": representative statements",
		Head: []Cell{{Text: "Statement"}, {Text: "In the group", Numeric: true}, {Text: "Everyone else", Numeric: true}}}
	for _, rp := range reps {
		rest := 0.0
		if rp.Repness > 0 {
			rest = rp.PSuccess / rp.Repness
		}
		t.Rows = append(t.Rows, []Cell{{Text: statementText(rp.Statement, texts)},
			{Text: pct(rp.PSuccess) + " " + rp.RepfulFor, Numeric: true}, {Text: pct(rest) + " " + rp.RepfulFor, Numeric: true}})
	}
	return t
}

func statementText(label string, texts map[string]string) string {
	if t, ok := texts[label]; ok && t != "" {
		return t
	}
	return "Statement " + label
}

// opinionMap draws the groups whose points may be shown.
func opinionMap(res *opinion.Result, sizes suppress.Breakdown, shown map[int]bool) (template.HTML, string) {
	var series []scatterSeries
	for _, g := range res.Groups {
		if onMap(sizes, shown, g.ID) {
			series = append(series, scatterSeries{Name: groupName(g.ID), Style: styleFor(g.ID)})
		}
	}
	var pts []scatterPoint
	for _, pr := range res.Participants {
		if pr.Group >= 0 && onMap(sizes, shown, pr.Group) {
			pts = append(pts, scatterPoint{X: pr.X, Y: pr.Y, Series: pr.Group})
		}
	}
	desc := fmt.Sprintf("A scatter of %d participants, each placed by how they voted: people who voted alike are close together. "+
		"The axes have no units. %d groups are drawn, each in its own colour and shape. The tables below give the same groups in words.", len(pts), len(series))
	note := ""
	if len(series) < len(res.Groups) {
		note = "Groups too small to describe, and groups whose size is not shown, are left out of the map."
	}
	return renderScatter("opinion-map", "Opinion map", desc, series, pts), note
}

// consensusTable lists the statements most people agree or disagree with.
func consensusTable(res *opinion.Result, texts map[string]string) Table {
	t := Table{Caption: "Statements most people agree or disagree on",
		Head: []Cell{{Text: "Statement"}, {Text: "Most people"}, {Text: "Share", Numeric: true}}}
	add := func(cs []opinion.ConsensusStatement, view string) {
		for _, c := range cs {
			t.Rows = append(t.Rows, []Cell{{Text: statementText(c.Statement, texts)}, {Text: view}, {Text: pct(c.PSuccess), Numeric: true}})
		}
	}
	add(res.Consensus.Agree, "agree")
	add(res.Consensus.Disagree, "disagree")
	return t
}

// informedTable lists group-informed consensus: statements every group
// agrees with. The score is the product of each group's smoothed
// agreement, so it is high only when all groups agree.
func informedTable(res *opinion.Result, texts map[string]string) Table {
	t := Table{Caption: "Statements every group agrees with (group-informed consensus)",
		Head: []Cell{{Text: "Statement"}, {Text: "Score (0 to 1)", Numeric: true}}}
	for _, g := range res.GroupInformedConsensus.Agree {
		t.Rows = append(t.Rows, []Cell{{Text: statementText(g.Statement, texts)}, {Text: fmt.Sprintf("%.2f", g.Agree), Numeric: true}})
	}
	return t
}

// divisiveTable lists the statements the groups split on, with each
// describable group's agreement; small groups get no column.
func divisiveTable(res *opinion.Result, shown map[int]bool, texts map[string]string) Table {
	t := Table{Caption: "Statements the groups split on", Head: []Cell{{Text: "Statement"}}}
	for _, g := range res.Groups {
		if shown[g.ID] {
			t.Head = append(t.Head, Cell{Text: groupName(g.ID) + " agree", Numeric: true})
		}
	}
	for _, dv := range res.Divisive {
		row := []Cell{{Text: statementText(dv.Statement, texts)}}
		for g, a := range dv.AgreeByGroup {
			if shown[g] {
				row = append(row, Cell{Text: pct(a), Numeric: true})
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func legendIf(hidden bool, threshold int) string {
	if hidden {
		return suppress.Legend(threshold)
	}
	return ""
}

// opinionCache keeps the last analysis per programme, keyed by a
// fingerprint of its input, so a page view only re-runs the analysis when
// votes, statements or participants changed.
type opinionCache struct {
	mu      sync.Mutex
	entries map[string]opinionEntry
}

type opinionEntry struct {
	key uint64
	res *opinion.Result
}

var opinionResults = &opinionCache{entries: map[string]opinionEntry{}}

// get returns the cached result for the input, or analyses it.
func (c *opinionCache) get(programmeID string, in opinion.Input) (*opinion.Result, error) {
	key := fingerprint(in)
	c.mu.Lock()
	e, ok := c.entries[programmeID]
	c.mu.Unlock()
	if ok && e.key == key {
		return e.res, nil
	}
	res, err := opinion.Analyse(in, opinion.Options{})
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.entries[programmeID] = opinionEntry{key, res}
	c.mu.Unlock()
	return res, nil
}

// fingerprint hashes everything the analysis reads.
func fingerprint(in opinion.Input) uint64 {
	h := fnv.New64a()
	for _, list := range [][]string{in.Participants, {"\x00"}, in.Statements, {"\x00"}, in.ModeratedOut} {
		for _, s := range list {
			h.Write([]byte(s))
			h.Write([]byte{0})
		}
	}
	var buf [9]byte
	for _, v := range in.Votes {
		binary.LittleEndian.PutUint32(buf[0:], uint32(v.Participant))
		binary.LittleEndian.PutUint32(buf[4:], uint32(v.Statement))
		buf[8] = byte(v.Value)
		h.Write(buf[:])
	}
	return h.Sum64()
}

// cohort is what the comparisons need to know about one participant.
type cohort struct {
	Site, AgeBand, Stage string
}

// notGiven heads the column of people who gave no answer.
const notGiven = "Not given"

// cohortOf maps each participant's analysis label to their site and
// cohort.
func (s *Server) cohortOf(ctx context.Context, programmeID string) (map[string]cohort, error) {
	sites, err := s.store.Sites(ctx, programmeID)
	if err != nil {
		return nil, fmt.Errorf("web: opinions: sites: %w", err)
	}
	names := map[string]string{}
	for _, st := range sites {
		names[st.ID] = st.Name
	}
	ps, err := s.store.Participants(ctx, programmeID)
	if err != nil {
		return nil, fmt.Errorf("web: opinions: participants: %w", err)
	}
	out := make(map[string]cohort, len(ps))
	for _, pt := range ps {
		out[dataset.ParticipantLabel(pt)] = cohort{Site: orNotGiven(names[pt.SiteID]),
			AgeBand: answer(pt.Demographics.AgeBand), Stage: answer(pt.Demographics.SentenceStage)}
	}
	return out, nil
}

func orNotGiven(s string) string {
	if s == "" {
		return notGiven
	}
	return s
}

// answer reads a demographic answer for a column heading; no answer and
// "prefer not to say" are one column, so a refusal is not singled out.
func answer(s string) string {
	if s == "prefer_not_to_say" || s == "" {
		return notGiven
	}
	s = strings.ReplaceAll(s, "_", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// otherRow is the row for everyone not in a group the page describes.
const otherRow = "Everyone else"

// groupBreakdowns compares the groups by site, age band and sentence
// stage. Each is one suppressed table of groups by category; the people
// in small groups, in groups whose size is hidden, or in no group are one
// row, so no small group is described on its own.
func groupBreakdowns(res *opinion.Result, named func(int) bool, people map[string]cohort, threshold int) ([]breakdownView, error) {
	dims := []struct {
		caption, column string
		of              func(cohort) string
	}{
		{"Groups by site", "Site", func(c cohort) string { return c.Site }},
		{"Groups by age band", "Age band", func(c cohort) string { return c.AgeBand }},
		{"Groups by sentence stage", "Sentence stage", func(c cohort) string { return c.Stage }},
	}
	var out []breakdownView
	for _, dim := range dims {
		bv, err := crossTable(res, named, people, dim.caption, dim.of, threshold)
		if err != nil {
			return nil, err
		}
		out = append(out, bv)
	}
	return out, nil
}

// crossTable builds one groups-by-category table through suppress.Suppress.
func crossTable(res *opinion.Result, named func(int) bool, people map[string]cohort, caption string, of func(cohort) string, threshold int) (breakdownView, error) {
	rows, cols, counts := tallyCross(res, named, people, of)
	if rowSum(counts[len(counts)-1]) == 0 {
		// Nobody is outside the named groups: an empty row says nothing.
		rows, counts = rows[:len(rows)-1], counts[:len(counts)-1]
	}
	if len(cols) == 1 && cols[0] == notGiven {
		return breakdownView{Table: Table{Caption: caption}, Note: "Not recorded for these participants."}, nil
	}
	tab, err := suppress.Suppress(counts, rows, cols, threshold)
	if err != nil {
		return breakdownView{}, fmt.Errorf("web: %s: %w", caption, err)
	}
	return breakdownView{Table: suppressedTable(caption, tab), Legend: legendIf(tab.HasSuppressed(), threshold)}, nil
}

// tallyCross counts participants by row (group or everyone else) and
// category. Columns are sorted, with "Not given" last.
func tallyCross(res *opinion.Result, named func(int) bool, people map[string]cohort, of func(cohort) string) ([]string, []string, [][]int) {
	var rows []string
	rowIdx := map[string]int{}
	for _, g := range res.Groups {
		if named(g.ID) {
			rowIdx[groupName(g.ID)] = len(rows)
			rows = append(rows, groupName(g.ID))
		}
	}
	rowIdx[otherRow] = len(rows)
	rows = append(rows, otherRow)
	colSet := map[string]bool{}
	for _, pr := range res.Participants {
		colSet[of(people[pr.ID])] = true
	}
	cols := sortedCols(colSet)
	colIdx := map[string]int{}
	for j, c := range cols {
		colIdx[c] = j
	}
	counts := make([][]int, len(rows))
	for i := range counts {
		counts[i] = make([]int, len(cols))
	}
	for _, pr := range res.Participants {
		row := otherRow
		if pr.Group >= 0 && named(pr.Group) {
			row = groupName(pr.Group)
		}
		counts[rowIdx[row]][colIdx[of(people[pr.ID])]]++
	}
	return rows, cols, counts
}

func rowSum(row []int) int {
	n := 0
	for _, v := range row {
		n += v
	}
	return n
}

func sortedCols(set map[string]bool) []string {
	var cols []string
	for c := range set {
		if c != notGiven {
			cols = append(cols, c)
		}
	}
	slices.Sort(cols)
	if set[notGiven] {
		cols = append(cols, notGiven)
	}
	return cols
}

// suppressedTable lays out a suppressed table with its totals.
func suppressedTable(caption string, tab suppress.Table) Table {
	t := Table{Caption: caption, Head: []Cell{{Text: "Group"}}}
	for _, c := range tab.Cols {
		t.Head = append(t.Head, Cell{Text: c, Numeric: true})
	}
	t.Head = append(t.Head, Cell{Text: "Total", Numeric: true})
	for i, r := range tab.Rows {
		row := []Cell{{Text: r}}
		for _, c := range tab.Cells[i] {
			row = append(row, Cell{Text: c.Display(), Numeric: true})
		}
		t.Rows = append(t.Rows, append(row, Cell{Text: tab.RowTotals[i].Display(), Numeric: true}))
	}
	total := []Cell{{Text: "Total"}}
	for _, c := range tab.ColTotals {
		total = append(total, Cell{Text: c.Display(), Numeric: true})
	}
	t.Rows = append(t.Rows, append(total, Cell{Text: tab.Total.Display(), Numeric: true}))
	return t
}
