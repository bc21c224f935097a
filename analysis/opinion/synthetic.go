package opinion

import (
	"math/rand/v2"
	"strconv"
)

// SyntheticSpec describes a generated conversation with planted opinion
// groups, for tests and benchmarks.
type SyntheticSpec struct {
	Participants int
	Statements   int
	Votes        int // approximate total; each participant casts 50-150% of the mean
	Groups       int
	// Agreement is the probability a participant votes with their group's
	// stance on a statement (otherwise against it); 0 means 0.85.
	Agreement float64
	// PassRate is the share of votes that are passes.
	PassRate float64
	Seed     uint64
}

// Synthetic generates a conversation from spec, deterministically for a
// given seed, and returns it with each participant's planted group.
// Each group has its own stance (agree or disagree) on every statement.
func Synthetic(spec SyntheticSpec) (Input, []int) {
	rng := rand.New(rand.NewPCG(spec.Seed, 0x9e3779b97f4a7c15))
	if spec.Agreement == 0 {
		spec.Agreement = 0.85
	}
	stance := make([][]int8, spec.Groups)
	for g := range stance {
		stance[g] = make([]int8, spec.Statements)
		for s := range stance[g] {
			stance[g][s] = Disagree + 2*int8(rng.IntN(2))
		}
	}
	in := Input{Participants: make([]string, spec.Participants), Statements: make([]string, spec.Statements)}
	for s := range in.Statements {
		in.Statements[s] = "s" + strconv.Itoa(s)
	}
	in.Votes = make([]Vote, 0, spec.Votes+spec.Participants)
	truth := make([]int, spec.Participants)
	mean := max(1, spec.Votes/max(1, spec.Participants))
	seen := make([]int, spec.Statements) // seen[s] == p+1 when p voted on s
	for p := range in.Participants {
		in.Participants[p] = "p" + strconv.Itoa(p)
		truth[p] = rng.IntN(spec.Groups)
		n := min(spec.Statements, mean/2+rng.IntN(mean+1))
		for n > 0 {
			s := rng.IntN(spec.Statements)
			if seen[s] == p+1 {
				continue
			}
			seen[s] = p + 1
			n--
			in.Votes = append(in.Votes, Vote{Participant: int32(p), Statement: int32(s), Value: syntheticVote(rng, stance[truth[p]][s], spec)})
		}
	}
	return in, truth
}

func syntheticVote(rng *rand.Rand, stance int8, spec SyntheticSpec) int8 {
	switch {
	case rng.Float64() < spec.PassRate:
		return Pass
	case rng.Float64() < spec.Agreement:
		return stance
	}
	return -stance
}
