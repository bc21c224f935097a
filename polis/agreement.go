package polis

import (
	"fmt"
	"strconv"

	"peervoice/analysis/opinion"
)

// Agreement compares our opinion groups with the ones Polis assigned in
// the export.
type Agreement struct {
	OursClustered  int `json:"ours_clustered"`
	PolisClustered int `json:"polis_clustered"`
	BothClustered  int `json:"both_clustered"`
	OurGroups      int `json:"our_groups"`
	PolisGroups    int `json:"polis_groups"`
	// ARI is the adjusted Rand index over participants both clustered.
	ARI float64 `json:"ari"`
}

// CompareGroups measures how far r, computed from e.OpinionInput(),
// agrees with Polis' own grouping in e.
func CompareGroups(e *Export, r *opinion.Result) (Agreement, error) {
	polis := e.PolisGroups()
	a := Agreement{PolisClustered: len(polis), OurGroups: len(r.Groups), PolisGroups: countDistinct(polis)}
	var ours, theirs []int
	for _, p := range r.Participants {
		if p.Group < 0 {
			continue
		}
		a.OursClustered++
		id, err := strconv.Atoi(p.ID)
		if err != nil {
			return Agreement{}, fmt.Errorf("polis: compare groups: participant ID %q: %w", p.ID, err)
		}
		if g, ok := polis[id]; ok {
			ours, theirs = append(ours, p.Group), append(theirs, g)
		}
	}
	a.BothClustered = len(ours)
	ari, err := opinion.AdjustedRandIndex(ours, theirs)
	if err != nil {
		return Agreement{}, fmt.Errorf("polis: compare groups: %w", err)
	}
	a.ARI = ari
	return a, nil
}

func countDistinct(m map[int]int) int {
	seen := map[int]bool{}
	for _, g := range m {
		seen[g] = true
	}
	return len(seen)
}
