package priority

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"

	"peervoice/privacy/suppress"
)

// sampler draws one bootstrap replicate of the dot counts per option.
type sampler interface {
	observed() []int
	draw(r *rand.Rand, out []int)
}

// group is the data behind one ranking.
type group struct {
	site         string
	participants int // -1 when unknown
	sample       sampler
	method       string
}

// FromAllocations ranks options from each participant's dots.
func FromAllocations(allocs []Allocation, opt Options) (Result, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return Result{}, err
	}
	choices, err := choiceIndex(opt.Choices, allocs, func(a Allocation) string { return a.Option })
	if err != nil {
		return Result{}, err
	}
	people, err := peopleBySite(allocs, choices)
	if err != nil {
		return Result{}, err
	}
	var all [][]int
	var groups []group
	for _, site := range sortedKeys(people) {
		rows := sortedRows(people[site])
		all = append(all, rows...)
		groups = append(groups, group{site, len(rows), participantSampler{rows, len(choices.names)}, ResampleParticipants})
	}
	overall := group{"", len(all), participantSampler{all, len(choices.names)}, ResampleParticipants}
	return analyse(overall, groups, choices.names, opt)
}

// FromTotals ranks options from dot totals per site.
func FromTotals(totals []Total, opt Options) (Result, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return Result{}, err
	}
	choices, err := choiceIndex(opt.Choices, totals, func(t Total) string { return t.Option })
	if err != nil {
		return Result{}, err
	}
	bySite := map[string][]int{}
	overall := make([]int, len(choices.names))
	for _, t := range totals {
		if t.Dots < 0 {
			return Result{}, fmt.Errorf("priority: site %q option %q: negative dots %d", t.Site, t.Option, t.Dots)
		}
		if bySite[t.Site] == nil {
			bySite[t.Site] = make([]int, len(choices.names))
		}
		bySite[t.Site][choices.index[t.Option]] += t.Dots
		overall[choices.index[t.Option]] += t.Dots
	}
	var groups []group
	for _, site := range sortedKeys(bySite) {
		groups = append(groups, group{site, -1, newDotSampler(bySite[site]), ResampleDots})
	}
	return analyse(group{"", -1, newDotSampler(overall), ResampleDots}, groups, choices.names, opt)
}

// analyse suppresses all rankings together, then ranks each one.
func analyse(overall group, sites []group, names []string, opt Options) (Result, error) {
	if len(sites) == 0 || len(names) == 0 {
		return Result{Overall: Ranking{Method: overall.method}}, nil // nothing voted yet
	}
	pubs, all, err := publishAll(sites, names, opt.Threshold)
	if err != nil {
		return Result{}, err
	}
	res := Result{Overall: rank(overall, names, all, opt)}
	for i, g := range sites {
		res.Sites = append(res.Sites, rank(g, names, pubs[i], opt))
	}
	return res, nil
}

func (o Options) withDefaults() (Options, error) {
	if err := suppress.CheckThreshold(o.Threshold); err != nil {
		return o, fmt.Errorf("priority: %w", err)
	}
	if o.Resamples < 0 || o.Level < 0 || o.Level >= 1 {
		return o, fmt.Errorf("priority: resamples %d and level %v must be positive, level below 1", o.Resamples, o.Level)
	}
	if o.Resamples == 0 {
		o.Resamples = DefaultResamples
	}
	if o.Level == 0 {
		o.Level = DefaultLevel
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	return o, nil
}

// choices maps option names to their column.
type choices struct {
	names []string
	index map[string]int
}

// choiceIndex uses the given option list, or the options seen sorted by
// name; an option outside a given list is an error (a typo on a sheet).
func choiceIndex[T any](given []string, rows []T, option func(T) string) (choices, error) {
	names := slices.Clone(given)
	if names == nil {
		for _, r := range rows {
			names = append(names, option(r))
		}
		slices.Sort(names)
		names = slices.Compact(names)
	}
	c := choices{names: names, index: map[string]int{}}
	for i, n := range names {
		if _, dup := c.index[n]; dup {
			return c, fmt.Errorf("priority: option %q listed twice", n)
		}
		c.index[n] = i
	}
	for _, r := range rows {
		if _, ok := c.index[option(r)]; !ok {
			return c, fmt.Errorf("priority: option %q is not one of the choices", option(r))
		}
	}
	return c, nil
}

// peopleBySite sums each participant's dots per option, site by site.
func peopleBySite(allocs []Allocation, c choices) (map[string]map[string][]int, error) {
	out := map[string]map[string][]int{}
	for _, a := range allocs {
		if a.Dots < 0 {
			return nil, fmt.Errorf("priority: participant %s option %q: negative dots %d", a.Participant, a.Option, a.Dots)
		}
		if out[a.Site] == nil {
			out[a.Site] = map[string][]int{}
		}
		if out[a.Site][a.Participant] == nil {
			out[a.Site][a.Participant] = make([]int, len(c.names))
		}
		out[a.Site][a.Participant][c.index[a.Option]] += a.Dots
	}
	return out, nil
}

// sortedRows returns the participants' rows in code order, so the
// resampling sees them in a fixed order.
func sortedRows(people map[string][]int) [][]int {
	rows := make([][]int, 0, len(people))
	for _, code := range sortedKeys(people) {
		rows = append(rows, people[code])
	}
	return rows
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// stream is the random source for one ranking: the seed and the site name.
func stream(seed uint64, site string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(site))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}
