package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"

	"peervoice/analysis/dataset"
	"peervoice/analysis/debate"
	"peervoice/domain"
	"peervoice/policy"
	"peervoice/privacy/suppress"
)

// debatesData is the debates page: each motion, pooled across its
// sessions when held more than once, then session by session.
type debatesData struct {
	Programme *domain.Programme
	// Withdrawals is the one figure left about withdrawn participants.
	Withdrawals suppress.Cell
	Motions     []motionView
	Legend      string
}

// motionView is one motion's results.
type motionView struct {
	Motion string
	// Pooled is nil when the motion was debated at one session only.
	Pooled   *debateView
	Sessions []debateView
}

// debateView is one published opinion shift.
type debateView struct {
	Heading    string
	Sentence   string
	Test       string
	PValue     string // "" when withheld
	Suppressed bool
	Votes      Table
	// Bars are the before and after votes drawn, or nil where a count is
	// hidden (a bar would reveal it by its length).
	BeforeBar, AfterBar template.HTML
}

// Bar colours for for, against and undecided, with the table beside them
// naming each count.
var debateColours = map[string]string{"for": "#00703c", "against": "#d4351c", "undecided": "#b1b4b6"}

func (s *Server) debatesPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Read, policy.Programme)
	if err != nil {
		return err
	}
	d, err := s.debatesData(r.Context(), p)
	if err != nil {
		return err
	}
	if d.Withdrawals, err = s.withdrawals(r.Context(), p); err != nil {
		return err
	}
	v := s.view(r, "Debates: "+p.Title, d)
	v.Back = "/programmes/" + p.Slug
	return s.render(w, r, "debates", v)
}

func (s *Server) debatesData(ctx context.Context, p *domain.Programme) (debatesData, error) {
	ds, err := dataset.LoadDebates(ctx, s.store, p.ID)
	if err != nil {
		return debatesData{}, fmt.Errorf("web: debates: %w", err)
	}
	sites, err := s.store.Sites(ctx, p.ID)
	if err != nil {
		return debatesData{}, fmt.Errorf("web: debates: sites: %w", err)
	}
	names := map[string]string{}
	for _, st := range sites {
		names[st.ID] = st.Name
	}
	return buildDebates(p, ds, names)
}

// buildDebates groups the debates by motion in the order first held.
func buildDebates(p *domain.Programme, ds []dataset.Debate, siteNames map[string]string) (debatesData, error) {
	d := debatesData{Programme: p}
	idx := map[string]int{}
	for _, pooled := range dataset.PoolByMotion(ds) {
		v, err := debateResult(pooled, pooled.SessionTitle, p.SuppressionThreshold)
		if err != nil {
			return d, err
		}
		idx[pooled.Motion] = len(d.Motions)
		d.noteHidden(v, p.SuppressionThreshold)
		d.Motions = append(d.Motions, motionView{Motion: pooled.Motion, Pooled: &v})
	}
	for _, one := range ds {
		heading := one.SessionTitle
		if site := siteNames[one.SiteID]; site != "" {
			heading += " (" + site + ")"
		}
		v, err := debateResult(one, heading, p.SuppressionThreshold)
		if err != nil {
			return d, err
		}
		i, ok := idx[one.Motion]
		if !ok {
			i, idx[one.Motion] = len(d.Motions), len(d.Motions)
			d.Motions = append(d.Motions, motionView{Motion: one.Motion})
		}
		d.Motions[i].Sessions = append(d.Motions[i].Sessions, v)
		d.noteHidden(v, p.SuppressionThreshold)
	}
	return d, nil
}

// debateResult runs the exact test (paired when votes were linked per
// person) and lays out the published result.
func debateResult(dd dataset.Debate, heading string, threshold int) (debateView, error) {
	var res debate.Result
	var err error
	if dd.Paired() {
		res, err = debate.Paired(dd.Pairs, threshold)
	} else {
		res, err = debate.Unpaired(dd.Before, dd.After, threshold)
	}
	if err != nil {
		return debateView{}, fmt.Errorf("web: debate %q at %s: %w", dd.Motion, heading, err)
	}
	v := debateView{Heading: heading, Sentence: res.Sentence, Test: res.Test, Suppressed: res.Suppressed,
		Votes: votesTable(res)}
	v.Votes.Caption = "Votes before and after: " + heading
	if !res.Suppressed {
		v.PValue = debate.FormatP(res.PValue)
	}
	v.BeforeBar, v.AfterBar = bar(res.Before), bar(res.After)
	return v, nil
}

// positions are the columns of the votes table, in reading order.
var positions = []string{"for", "against", "undecided"}

// votesTable gives the before and after votes as suppressed counts.
func votesTable(res debate.Result) Table {
	t := Table{Caption: "Votes before and after", Head: []Cell{{Text: "When"}}}
	for _, pos := range positions {
		t.Head = append(t.Head, Cell{Text: upperFirst(pos), Numeric: true})
	}
	t.Head = append(t.Head, Cell{Text: "Total", Numeric: true})
	for _, phase := range []struct {
		name string
		b    suppress.Breakdown
	}{{"Before", res.Before}, {"After", res.After}} {
		row := []Cell{{Text: phase.name}}
		for _, pos := range positions {
			row = append(row, Cell{Text: item(phase.b, pos).Display(), Numeric: true})
		}
		t.Rows = append(t.Rows, append(row, Cell{Text: phase.b.Total.Display(), Numeric: true}))
	}
	return t
}

// noteHidden sets the page's legend once any table hides a count.
func (d *debatesData) noteHidden(v debateView, threshold int) {
	if v.Votes.hasHidden() {
		d.Legend = suppress.Legend(threshold)
	}
}

// hasHidden reports whether any cell of the table reads "not shown".
func (t Table) hasHidden() bool {
	for _, r := range t.Rows {
		for _, c := range r {
			if c.Text == suppress.Hidden {
				return true
			}
		}
	}
	return false
}

func item(b suppress.Breakdown, label string) suppress.Cell {
	for _, it := range b.Items {
		if it.Label == label {
			return it.Cell
		}
	}
	return suppress.Cell{}
}

// bar draws one phase's votes, unless a count is hidden.
func bar(b suppress.Breakdown) template.HTML {
	if b.HasSuppressed() {
		return ""
	}
	var parts []barPart
	for _, pos := range positions {
		parts = append(parts, barPart{Count: item(b, pos).Count, Colour: debateColours[pos]})
	}
	return renderBar(parts)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
