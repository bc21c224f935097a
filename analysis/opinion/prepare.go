package opinion

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// conversation is the input in canonical order: participants and
// statements sorted by ID, votes held as compressed sparse rows.
type conversation struct {
	nP, nS   int
	pOrder   []int32 // canonical participant -> input index
	sOrder   []int32 // canonical statement -> input index
	modOut   []bool  // by canonical statement
	nActive  int     // statements not moderated out
	rowStart []int32 // votes of participant p are [rowStart[p], rowStart[p+1])
	cols     []int32 // canonical statement of each vote
	vals     []int8
	incl     []int32   // included participants, canonical order
	pcaRows  []int32   // participants whose votes shape the means and PCA
	mean     []float64 // statement means over included participants; 0 if moderated out
	cv       []float64 // centred value of each vote, aligned with cols
}

func newConversation(in Input) (*conversation, error) {
	c := &conversation{nP: len(in.Participants), nS: len(in.Statements)}
	var pCanon, sCanon []int32
	var err error
	if c.pOrder, pCanon, err = canonicalOrder(in.Participants, "participant"); err != nil {
		return nil, err
	}
	if c.sOrder, sCanon, err = canonicalOrder(in.Statements, "statement"); err != nil {
		return nil, err
	}
	if err := c.markModerated(in, sCanon); err != nil {
		return nil, err
	}
	if err := c.buildRows(in.Votes, pCanon, sCanon); err != nil {
		return nil, err
	}
	return c, nil
}

// idKey orders IDs numerically when both are integers (Polis IDs are),
// integers before other IDs, and other IDs as strings.
type idKey struct {
	isNum bool
	num   int64
	str   string
}

func newIDKey(id string) idKey {
	if id == "" || len(id) > 18 || strings.TrimLeft(id, "-0123456789") != "" {
		return idKey{str: id}
	}
	n, err := strconv.ParseInt(id, 10, 64)
	return idKey{isNum: err == nil, num: n, str: id}
}

func compareKeys(a, b idKey) int {
	switch {
	case a.isNum && b.isNum:
		return cmp.Or(cmp.Compare(a.num, b.num), cmp.Compare(a.str, b.str))
	case a.isNum:
		return -1
	case b.isNum:
		return 1
	}
	return cmp.Compare(a.str, b.str)
}

// canonicalOrder sorts ids, returning canonical->input and input->canonical
// index maps; duplicate IDs are an error.
func canonicalOrder(ids []string, what string) (order, canon []int32, err error) {
	order = make([]int32, len(ids))
	keys := make([]idKey, len(ids))
	for i := range order {
		order[i] = int32(i)
		keys[i] = newIDKey(ids[i])
	}
	slices.SortFunc(order, func(a, b int32) int { return compareKeys(keys[a], keys[b]) })
	canon = make([]int32, len(ids))
	for c, i := range order {
		canon[i] = int32(c)
		if c > 0 && ids[order[c-1]] == ids[i] {
			return nil, nil, inputErr("duplicate %s ID %q", what, ids[i])
		}
	}
	return order, canon, nil
}

func (c *conversation) markModerated(in Input, sCanon []int32) error {
	byID := make(map[string]int32, len(in.Statements))
	for i, id := range in.Statements {
		byID[id] = sCanon[i]
	}
	c.modOut = make([]bool, c.nS)
	for _, id := range in.ModeratedOut {
		s, ok := byID[id]
		if !ok {
			return inputErr("moderated-out statement %q is not a statement", id)
		}
		c.modOut[s] = true
	}
	c.nActive = 0
	for _, m := range c.modOut {
		if !m {
			c.nActive++
		}
	}
	return nil
}

// buildRows checks the votes and files them by canonical participant, each
// row sorted by canonical statement (a counting sort, then a small sort per
// row).
func (c *conversation) buildRows(votes []Vote, pCanon, sCanon []int32) error {
	c.rowStart = make([]int32, c.nP+1)
	for i, v := range votes {
		if err := c.checkVote(i, v); err != nil {
			return err
		}
		c.rowStart[pCanon[v.Participant]+1]++
	}
	for p := 0; p < c.nP; p++ {
		c.rowStart[p+1] += c.rowStart[p]
	}
	c.cols = make([]int32, len(votes))
	c.vals = make([]int8, len(votes))
	next := slices.Clone(c.rowStart[:c.nP])
	for _, v := range votes {
		p := pCanon[v.Participant]
		c.cols[next[p]], c.vals[next[p]] = sCanon[v.Statement], v.Value
		next[p]++
	}
	return c.sortRows()
}

func (c *conversation) checkVote(i int, v Vote) error {
	if v.Participant < 0 || int(v.Participant) >= c.nP {
		return inputErr("vote %d: participant index %d out of range", i, v.Participant)
	}
	if v.Statement < 0 || int(v.Statement) >= c.nS {
		return inputErr("vote %d: statement index %d out of range", i, v.Statement)
	}
	if v.Value < Disagree || v.Value > Agree {
		return inputErr("vote %d: value %d is not -1, 0 or 1", i, v.Value)
	}
	return nil
}

type cell struct {
	col int32
	val int8
}

// sortRows orders each row by statement and rejects repeated votes, so the
// result cannot depend on the order votes were given in.
func (c *conversation) sortRows() error {
	var row []cell
	for p := 0; p < c.nP; p++ {
		lo, hi := c.rowStart[p], c.rowStart[p+1]
		row = row[:0]
		for k := lo; k < hi; k++ {
			row = append(row, cell{c.cols[k], c.vals[k]})
		}
		slices.SortFunc(row, func(a, b cell) int { return cmp.Compare(a.col, b.col) })
		for i, x := range row {
			if i > 0 && row[i-1].col == x.col {
				return inputErr("participant index %d voted twice on statement index %d", c.pOrder[p], c.sOrder[x.col])
			}
			c.cols[lo+int32(i)], c.vals[lo+int32(i)] = x.col, x.val
		}
	}
	return nil
}

func (c *conversation) votesOf(p int32) (cols []int32, vals []int8) {
	lo, hi := c.rowStart[p], c.rowStart[p+1]
	return c.cols[lo:hi], c.vals[lo:hi]
}

// include applies Polis' inclusion rule: at least min(MinVotes, statements)
// votes, topped up with the most active voters when fewer than
// MinParticipants qualify. Votes on moderated-out statements count, as
// they do in Polis.
func (c *conversation) include(opts Options) {
	need := min(opts.MinVotes, c.nS)
	var rest []int32
	for p := int32(0); int(p) < c.nP; p++ {
		n := int(c.rowStart[p+1] - c.rowStart[p])
		switch {
		case n >= need && n > 0:
			c.incl = append(c.incl, p)
		case n > 0:
			rest = append(rest, p)
		}
	}
	if len(c.incl) >= opts.MinParticipants {
		return
	}
	// Most votes first; equal counts keep canonical order.
	slices.SortStableFunc(rest, func(a, b int32) int { return cmp.Compare(c.voteCount(b), c.voteCount(a)) })
	c.incl = append(c.incl, rest[:min(len(rest), opts.MinParticipants-len(c.incl))]...)
	slices.Sort(c.incl)
}

func (c *conversation) voteCount(p int32) int32 { return c.rowStart[p+1] - c.rowStart[p] }

// choosePCARows picks whose votes shape the statement means and the
// principal components: every voter, as Polis does (its rating matrix holds
// everyone; only clustering is limited to included participants), or, with
// Options.IncludedOnlyPCA, the included participants alone.
func (c *conversation) choosePCARows(opts Options) {
	if opts.IncludedOnlyPCA {
		c.pcaRows = c.incl
		return
	}
	c.pcaRows = c.pcaRows[:0]
	for p := int32(0); int(p) < c.nP; p++ {
		if c.voteCount(p) > 0 {
			c.pcaRows = append(c.pcaRows, p)
		}
	}
}

// computeMeans sets each active statement's mean vote over the PCA rows:
// the value a missing vote is imputed with.
func (c *conversation) computeMeans() {
	sum := make([]float64, c.nS)
	cnt := make([]float64, c.nS)
	for _, p := range c.pcaRows {
		cols, vals := c.votesOf(p)
		for k, s := range cols {
			sum[s] += float64(vals[k])
			cnt[s]++
		}
	}
	c.mean = make([]float64, c.nS)
	for s := range c.mean {
		if !c.modOut[s] && cnt[s] > 0 {
			c.mean[s] = sum[s] / cnt[s]
		}
	}
}
