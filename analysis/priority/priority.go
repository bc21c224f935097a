// Package priority turns dot votes into a ranked list of options, per site
// and overall, with bootstrap intervals for each option's share of the dots
// and for its rank.
//
// Input comes either as each participant's allocation of dots, or as dot
// totals per option and site when the sheets only recorded totals. The
// bootstrap resamples participants with replacement in the first case (so
// that one person's dots move together) and resamples single dots from the
// observed shares (multinomial) in the second. The second ignores that a
// person's dots go together, so its intervals are too narrow when people
// stack dots; Ranking.Method says which was used.
//
// Intervals are 95% percentile intervals over 2000 resamples by default,
// from a fixed seed, so the same input always gives the same output. Each
// site has its own random stream derived from the seed and the site name,
// so adding a site does not change another site's intervals. The overall
// ranking pools participants from every site.
//
// Ranks are competition ranks ("1, 2, 2, 4"): an option's rank is one more
// than the number of options with strictly more dots.
//
// Dot counts go through package suppress as one table of sites by options,
// whose row totals are the sites' dots and whose column totals are the
// overall ranking, so no ranking can be subtracted from the others to
// reveal a hidden count. Participant counts per site are suppressed as one
// breakdown with the overall count. A hidden option gets no share, rank or
// interval and is listed after the ranked ones by name. Ranks and ties are
// among the shown options only, so a rank can never bound a hidden count.
// Hidden options are usually the ones with fewest dots, since suppression
// hides small counts and chooses small complements, but a complement can
// be larger than a shown count; the report should say "rank among the
// options shown".
package priority

import (
	"peervoice/privacy/suppress"
)

// Defaults for Options.
const (
	DefaultResamples = 2000
	DefaultLevel     = 0.95
	DefaultSeed      = 20261127
)

// Methods of resampling, as given in Ranking.Method.
const (
	ResampleParticipants = "participants resampled with replacement"
	ResampleDots         = "dots resampled from the totals (multinomial)"
)

// Allocation is the dots one participant put on one option.
type Allocation struct {
	Site, Participant, Option string
	Dots                      int
}

// Total is the dots on one option at one site, when only totals are known.
type Total struct {
	Site, Option string
	Dots         int
}

// Options controls the analysis. The zero value of every field except
// Threshold means the default.
type Options struct {
	Choices   []string // every option, in display order for ties; nil means those seen, by name
	Resamples int
	Level     float64 // coverage of the intervals, such as 0.95
	Seed      uint64
	Threshold int // the programme's suppression threshold, at least suppress.MinThreshold
}

// Ranked is one option in a ranking. For a hidden option only Option and
// Dots are set.
type Ranked struct {
	Option  string
	Dots    suppress.Cell
	Share   float64 // of all dots in the ranking, 0..1
	ShareLo float64
	ShareHi float64
	Rank    int // among the shown options
	RankLo  int
	RankHi  int
	Tied    bool // another shown option has the same number of dots
}

// Ranking is the ranked options of one site, or of all sites.
type Ranking struct {
	Site         string         // "" for the overall ranking
	Method       string         // ResampleParticipants or ResampleDots
	Participants *suppress.Cell // nil when only totals were given
	Dots         suppress.Cell
	Options      []Ranked // shown options by rank, then hidden ones by name
}

// Result is the overall ranking and one per site, sites by name.
type Result struct {
	Overall Ranking
	Sites   []Ranking
}
