package opinion

import (
	"cmp"
	"slices"
)

// Result is the outcome of Analyse. Every slice is in a deterministic order.
type Result struct {
	// K is the number of opinion groups chosen (0 when nobody qualified).
	K int `json:"k"`
	// Silhouettes holds the score of each k tried, best chosen.
	Silhouettes []KSilhouette `json:"silhouettes"`
	// Included counts the participants clustered.
	Included int `json:"included"`
	// Participants is in the order of Input.Participants.
	Participants []ParticipantResult `json:"participants"`
	Groups       []Group             `json:"groups"`
	Consensus    Consensus           `json:"consensus"`
	// GroupInformedConsensus ranks statements by the product over groups
	// of each group's smoothed agreement (A_g+1)/(S_g+2) (and likewise for
	// disagreement), so a statement scores high only if every group agrees.
	GroupInformedConsensus GroupConsensus `json:"group_informed_consensus"`
	// Divisive ranks statements by how far apart the groups are: the
	// largest minus the smallest smoothed group agreement (A_g+1)/(S_g+2).
	Divisive []DivisiveStatement `json:"divisive"`
}

// KSilhouette is the silhouette of the grouping tried with k; Groups may be
// smaller than K when k-means left a cluster empty.
type KSilhouette struct {
	K          int     `json:"k"`
	Groups     int     `json:"groups"`
	Silhouette float64 `json:"silhouette"`
}

// ParticipantResult places one participant.
type ParticipantResult struct {
	ID string `json:"id"`
	// Group is the participant's group ID, or -1 if not clustered.
	Group int `json:"group"`
	// X and Y are the scaled PCA projection (0, 0 for non-voters).
	X float64 `json:"x"`
	Y float64 `json:"y"`
	// Votes counts all the participant's votes, moderated-out statements included.
	Votes int `json:"votes"`
}

// Group is one opinion group. IDs run from 0, largest group first.
type Group struct {
	ID             int            `json:"id"`
	Size           int            `json:"size"`
	Members        []string       `json:"members"`
	Representative []RepStatement `json:"representative"`
}

// Consensus holds statements most of the clustered participants agree
// (or disagree) with, by Polis' test: p > 1/2 and significant at 90%,
// ranked by p times its z statistic.
type Consensus struct {
	Agree    []ConsensusStatement `json:"agree"`
	Disagree []ConsensusStatement `json:"disagree"`
}

// ConsensusStatement is one consensus statement with its statistics.
type ConsensusStatement struct {
	Statement string  `json:"statement"`
	NSuccess  int     `json:"n_success"`
	NTrials   int     `json:"n_trials"`
	PSuccess  float64 `json:"p_success"`
	PTest     float64 `json:"p_test"`
}

// GroupConsensus lists the top statements by group-informed consensus.
type GroupConsensus struct {
	Agree    []GICStatement `json:"agree"`
	Disagree []GICStatement `json:"disagree"`
}

// GICStatement is a statement's group-informed consensus for agreement
// and disagreement.
type GICStatement struct {
	Statement string  `json:"statement"`
	Agree     float64 `json:"agree"`
	Disagree  float64 `json:"disagree"`
}

// DivisiveStatement is a statement the groups differ on.
type DivisiveStatement struct {
	Statement string  `json:"statement"`
	Spread    float64 `json:"spread"`
	HighGroup int     `json:"high_group"`
	LowGroup  int     `json:"low_group"`
	// AgreeByGroup is each group's smoothed agreement (A_g+1)/(S_g+2).
	AgreeByGroup []float64 `json:"agree_by_group"`
}

// tally counts agrees, disagrees and votes per group and statement.
type tally struct {
	a, d, s [][]int
}

func (c *conversation) tally(cl clustering) tally {
	t := tally{a: grid(cl.k, c.nS), d: grid(cl.k, c.nS), s: grid(cl.k, c.nS)}
	for g, ms := range cl.members {
		for _, p := range ms {
			cols, vals := c.votesOf(p)
			for k, st := range cols {
				t.s[g][st]++
				switch vals[k] {
				case Agree:
					t.a[g][st]++
				case Disagree:
					t.d[g][st]++
				}
			}
		}
	}
	return t
}

func grid(rows, cols int) [][]int {
	g := make([][]int, rows)
	for i := range g {
		g[i] = make([]int, cols)
	}
	return g
}

// total sums a count over groups.
func total(x [][]int, s int) int {
	n := 0
	for g := range x {
		n += x[g][s]
	}
	return n
}

func (c *conversation) result(in Input, proj []point, cl clustering, opts Options) *Result {
	r := &Result{K: cl.k, Silhouettes: cl.silhouettes, Included: len(c.incl)}
	r.Participants = make([]ParticipantResult, c.nP)
	for p := int32(0); int(p) < c.nP; p++ {
		i := c.pOrder[p]
		r.Participants[i] = ParticipantResult{ID: in.Participants[i], Group: cl.groupOf[p],
			X: proj[p][0], Y: proj[p][1], Votes: int(c.voteCount(p))}
	}
	if cl.k == 0 {
		return r
	}
	t := c.tally(cl)
	r.Groups = c.groups(in, cl, t, opts.TopStatements)
	r.Consensus = c.consensus(in, t, opts.TopStatements)
	r.GroupInformedConsensus = c.groupConsensus(in, t, opts.TopStatements)
	r.Divisive = c.divisive(in, t, opts.TopStatements)
	return r
}

// statementID returns the input ID of canonical statement s.
func (c *conversation) statementID(in Input, s int) string { return in.Statements[c.sOrder[s]] }

func (c *conversation) groups(in Input, cl clustering, t tally, n int) []Group {
	sels := make([]repSelector, cl.k)
	for s := 0; s < c.nS; s++ {
		if c.modOut[s] {
			continue
		}
		ta, td, ts := total(t.a, s), total(t.d, s), total(t.s, s)
		for g := range sels {
			st := groupStats(t.a[g][s], t.d[g][s], t.s[g][s])
			st = st.compare(ta-t.a[g][s], td-t.d[g][s], ts-t.s[g][s])
			sels[g].add(c.statementID(in, s), st)
		}
	}
	groups := make([]Group, cl.k)
	for g := range groups {
		ids := make([]string, len(cl.members[g]))
		for i, p := range cl.members[g] {
			ids[i] = in.Participants[c.pOrder[p]]
		}
		groups[g] = Group{ID: g, Size: len(ids), Members: ids, Representative: sels[g].result(n)}
	}
	return groups
}

func (c *conversation) consensus(in Input, t tally, n int) Consensus {
	var agree, disagree []ConsensusStatement
	var am, dm []float64
	for s := 0; s < c.nS; s++ {
		if c.modOut[s] {
			continue
		}
		st := groupStats(total(t.a, s), total(t.d, s), total(t.s, s))
		id := c.statementID(in, s)
		if st.PA > 0.5 && st.PAT > zSig90 {
			agree = append(agree, ConsensusStatement{id, st.NA, st.NS, st.PA, st.PAT})
			am = append(am, st.PA*st.PAT)
		}
		if st.PD > 0.5 && st.PDT > zSig90 {
			disagree = append(disagree, ConsensusStatement{id, st.ND, st.NS, st.PD, st.PDT})
			dm = append(dm, st.PD*st.PDT)
		}
	}
	return Consensus{Agree: topBy(agree, am, n), Disagree: topBy(disagree, dm, n)}
}

// topBy returns the n items with the largest scores, ties in input order.
func topBy[T any](items []T, score []float64, n int) []T {
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(score[b], score[a]) })
	out := make([]T, 0, min(n, len(idx)))
	for _, i := range idx[:min(n, len(idx))] {
		out = append(out, items[i])
	}
	return out
}

func (c *conversation) groupConsensus(in Input, t tally, n int) GroupConsensus {
	var all []GICStatement
	var as, ds []float64
	for s := 0; s < c.nS; s++ {
		if c.modOut[s] {
			continue
		}
		st := GICStatement{Statement: c.statementID(in, s), Agree: 1, Disagree: 1}
		for g := range t.s {
			st.Agree *= float64(t.a[g][s]+1) / float64(t.s[g][s]+2)
			st.Disagree *= float64(t.d[g][s]+1) / float64(t.s[g][s]+2)
		}
		all = append(all, st)
		as, ds = append(as, st.Agree), append(ds, st.Disagree)
	}
	return GroupConsensus{Agree: topBy(all, as, n), Disagree: topBy(all, ds, n)}
}

func (c *conversation) divisive(in Input, t tally, n int) []DivisiveStatement {
	k := len(t.s)
	if k < 2 {
		return nil
	}
	var all []DivisiveStatement
	var spread []float64
	for s := 0; s < c.nS; s++ {
		if c.modOut[s] {
			continue
		}
		d := DivisiveStatement{Statement: c.statementID(in, s), AgreeByGroup: make([]float64, k)}
		for g := 0; g < k; g++ {
			d.AgreeByGroup[g] = float64(t.a[g][s]+1) / float64(t.s[g][s]+2)
			if d.AgreeByGroup[g] > d.AgreeByGroup[d.HighGroup] {
				d.HighGroup = g
			}
			if d.AgreeByGroup[g] < d.AgreeByGroup[d.LowGroup] {
				d.LowGroup = g
			}
		}
		d.Spread = d.AgreeByGroup[d.HighGroup] - d.AgreeByGroup[d.LowGroup]
		all = append(all, d)
		spread = append(spread, d.Spread)
	}
	return topBy(all, spread, n)
}
