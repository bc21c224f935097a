package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"peervoice/analysis/dataset"
	"peervoice/analysis/priority"
	"peervoice/domain"
	"peervoice/policy"
	"peervoice/privacy/suppress"
)

// prioritiesData is the priorities page: the overall ranking, then each
// site's, each as an interval chart and a table.
type prioritiesData struct {
	Programme *domain.Programme
	// Withdrawals is the one figure left about withdrawn participants.
	Withdrawals suppress.Cell
	Empty       bool
	Rankings    []rankingView
	Method      string
}

// rankingView is one ranking. Hidden options are in the table as "not
// shown" and are not drawn.
type rankingView struct {
	Title  string
	ID     string
	Dots   string
	People string // "" when only totals were recorded
	Chart  template.HTML
	Table  Table
	Legend string
}

func (s *Server) prioritiesPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Read, policy.Programme)
	if err != nil {
		return err
	}
	d, err := s.prioritiesData(r.Context(), p)
	if err != nil {
		return err
	}
	if d.Withdrawals, err = s.withdrawals(r.Context(), p); err != nil {
		return err
	}
	v := s.view(r, "Priorities: "+p.Title, d)
	v.Back = "/programmes/" + p.Slug
	return s.render(w, r, "priorities", v)
}

func (s *Server) prioritiesData(ctx context.Context, p *domain.Programme) (prioritiesData, error) {
	data, err := dataset.LoadPriorities(ctx, s.store, p.ID)
	if err != nil {
		return prioritiesData{}, fmt.Errorf("web: priorities: %w", err)
	}
	if len(data.Allocations) == 0 && len(data.Totals) == 0 {
		return prioritiesData{Programme: p, Empty: true}, nil
	}
	opts := priority.Options{Threshold: p.SuppressionThreshold}
	var res priority.Result
	if len(data.Allocations) > 0 {
		res, err = priority.FromAllocations(data.Allocations, opts)
	} else {
		res, err = priority.FromTotals(data.Totals, opts)
	}
	if err != nil {
		return prioritiesData{}, fmt.Errorf("web: priorities: %w", err)
	}
	return buildPriorities(p, res), nil
}

// buildPriorities lays out the overall ranking, then the sites'.
func buildPriorities(p *domain.Programme, res priority.Result) prioritiesData {
	d := prioritiesData{Programme: p, Method: res.Overall.Method}
	d.Rankings = append(d.Rankings, rankingOf("All sites", "ranking-all", res.Overall, p.SuppressionThreshold))
	for i, r := range res.Sites {
		d.Rankings = append(d.Rankings, rankingOf(r.Site, "ranking-"+strconv.Itoa(i+1), r, p.SuppressionThreshold))
	}
	return d
}

func rankingOf(title, id string, r priority.Ranking, threshold int) rankingView {
	v := rankingView{Title: title, ID: id, Dots: r.Dots.Display()}
	if r.Participants != nil {
		v.People = r.Participants.Display()
	}
	v.Table = Table{Caption: title + ": options ranked", Head: []Cell{{Text: "Option"}, {Text: "Rank", Numeric: true},
		{Text: "Dots", Numeric: true}, {Text: "Share of dots (95% interval)", Numeric: true}, {Text: "Rank could be", Numeric: true}}}
	var rows []intervalRow
	hidden := r.Dots.Suppressed || (r.Participants != nil && r.Participants.Suppressed)
	for _, o := range r.Options {
		if o.Dots.Suppressed {
			hidden = true
			v.Table.Rows = append(v.Table.Rows, []Cell{{Text: o.Option}, {Text: suppress.Hidden, Numeric: true},
				{Text: suppress.Hidden, Numeric: true}, {Text: suppress.Hidden, Numeric: true}, {Text: suppress.Hidden, Numeric: true}})
			continue
		}
		v.Table.Rows = append(v.Table.Rows, rankedRow(o))
		rows = append(rows, intervalRow{Label: o.Option, Value: o.Share, Lo: o.ShareLo, Hi: o.ShareHi})
	}
	if len(rows) > 0 {
		v.Chart = renderIntervals(id+"-chart", title+": share of dots with 95% intervals",
			"Each line runs from the low to the high end of an option's 95% interval, with a dot at its share. The table below gives the figures.", rows)
	}
	v.Legend = legendIf(hidden, threshold)
	return v
}

// rankedRow is one shown option: its rank (with "=" for a tie), dots,
// share with its interval, and the range of ranks it could take.
func rankedRow(o priority.Ranked) []Cell {
	rank := strconv.Itoa(o.Rank)
	if o.Tied {
		rank += "="
	}
	ranks := strconv.Itoa(o.RankLo)
	if o.RankHi != o.RankLo {
		ranks += " to " + strconv.Itoa(o.RankHi)
	}
	return []Cell{{Text: o.Option}, {Text: rank, Numeric: true}, {Text: o.Dots.Display(), Numeric: true},
		{Text: pct(o.Share) + " (" + pct(o.ShareLo) + " to " + pct(o.ShareHi) + ")", Numeric: true}, {Text: ranks, Numeric: true}}
}
