package priority

import (
	"fmt"

	"peervoice/privacy/suppress"
)

// published is what one ranking may show of its counts.
type published struct {
	dots         []suppress.Cell // per option
	total        suppress.Cell
	participants *suppress.Cell // nil when unknown
}

// publishAll suppresses the site rankings and the overall one as one
// table. They must go together: the overall dots on an option are the sum
// over sites, and each site's total is the sum over options, so suppressing
// each ranking alone would let a reader subtract the others from the
// overall figure and recover a hidden count. Participants per site and
// overall are one breakdown for the same reason.
func publishAll(sites []group, names []string, threshold int) ([]published, published, error) {
	counts := make([][]int, len(sites))
	labels := make([]string, len(sites))
	people := map[string]int{}
	for i, g := range sites {
		counts[i], labels[i] = g.sample.observed(), g.site
		people[g.site] = g.participants
	}
	tab, err := suppress.Suppress(counts, labels, names, threshold)
	if err != nil {
		return nil, published{}, fmt.Errorf("priority: %w", err)
	}
	pubs := make([]published, len(sites))
	for i := range sites {
		pubs[i] = published{dots: tab.Cells[i], total: tab.RowTotals[i]}
	}
	all := published{dots: tab.ColTotals, total: tab.Total}
	if sites[0].participants < 0 {
		return pubs, all, nil
	}
	return withParticipants(pubs, all, people, labels, threshold)
}

// withParticipants adds the suppressed participant counts.
func withParticipants(pubs []published, all published, people map[string]int, sites []string, threshold int) ([]published, published, error) {
	list, err := suppress.List(people, threshold)
	if err != nil {
		return nil, published{}, fmt.Errorf("priority: participants: %w", err)
	}
	byLabel := make(map[string]suppress.Cell, len(list.Items))
	for _, it := range list.Items {
		byLabel[it.Label] = it.Cell
	}
	for i, site := range sites {
		c := byLabel[site]
		pubs[i].participants = &c
	}
	all.participants = &list.Total
	return pubs, all, nil
}
