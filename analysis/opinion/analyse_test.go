package opinion_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"peervoice/analysis/opinion"
)

func clean3Groups() (opinion.Input, []int) {
	return opinion.Synthetic(opinion.SyntheticSpec{
		Participants: 300, Statements: 60, Votes: 300 * 30, Groups: 3,
		Agreement: 0.9, PassRate: 0.1, Seed: 7,
	})
}

func mustAnalyse(t *testing.T, in opinion.Input, opts opinion.Options) *opinion.Result {
	t.Helper()
	r, err := opinion.Analyse(in, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestPlantedGroupsRecovered(t *testing.T) {
	in, truth := clean3Groups()
	r := mustAnalyse(t, in, opinion.Options{})
	if r.K != 3 {
		t.Errorf("k = %d, want 3 (silhouettes %+v)", r.K, r.Silhouettes)
	}
	got := make([]int, len(truth))
	for i, p := range r.Participants {
		got[i] = p.Group
		if p.Group < 0 {
			t.Fatalf("participant %s with %d votes not clustered", p.ID, p.Votes)
		}
	}
	ari, err := opinion.AdjustedRandIndex(got, truth)
	if err != nil {
		t.Fatal(err)
	}
	if ari < 0.95 {
		t.Errorf("ARI with planted groups = %.3f, want >= 0.95", ari)
	}
	for _, g := range r.Groups {
		if len(g.Representative) == 0 {
			t.Errorf("group %d has no representative statements", g.ID)
		}
	}
	if len(r.Divisive) == 0 || r.Divisive[0].Spread < 0.5 {
		t.Errorf("divisive = %+v, want a statement splitting the groups", r.Divisive)
	}
}

// shuffled returns in with participants, statements and votes reordered.
func shuffled(in opinion.Input, seed uint64) opinion.Input {
	rng := rand.New(rand.NewPCG(seed, seed))
	pPerm, sPerm := rng.Perm(len(in.Participants)), rng.Perm(len(in.Statements))
	out := opinion.Input{
		Participants: make([]string, len(in.Participants)),
		Statements:   make([]string, len(in.Statements)),
		ModeratedOut: append([]string(nil), in.ModeratedOut...),
		Votes:        make([]opinion.Vote, len(in.Votes)),
	}
	for i, j := range pPerm {
		out.Participants[j] = in.Participants[i]
	}
	for i, j := range sPerm {
		out.Statements[j] = in.Statements[i]
	}
	for i, k := range rng.Perm(len(in.Votes)) {
		v := in.Votes[i]
		out.Votes[k] = opinion.Vote{Participant: int32(pPerm[v.Participant]), Statement: int32(sPerm[v.Statement]), Value: v.Value}
	}
	return out
}

// byID keys a result's participants by ID, so results of reordered inputs compare.
func byID(r *opinion.Result) map[string]opinion.ParticipantResult {
	m := map[string]opinion.ParticipantResult{}
	for _, p := range r.Participants {
		m[p.ID] = p
	}
	return m
}

func TestDeterministicUnderShuffling(t *testing.T) {
	in, _ := opinion.Synthetic(opinion.SyntheticSpec{Participants: 200, Statements: 40, Votes: 200 * 15, Groups: 4, Agreement: 0.7, PassRate: 0.2, Seed: 3})
	in.ModeratedOut = []string{"s3", "s17"}
	want := mustAnalyse(t, in, opinion.Options{})
	for seed := uint64(1); seed <= 3; seed++ {
		got := mustAnalyse(t, shuffled(in, seed), opinion.Options{})
		if !reflect.DeepEqual(got.Groups, want.Groups) {
			t.Errorf("seed %d: groups differ after shuffling the input", seed)
		}
		if !reflect.DeepEqual(byID(got), byID(want)) {
			t.Errorf("seed %d: participant placement differs after shuffling", seed)
		}
		if !reflect.DeepEqual(got.Consensus, want.Consensus) || !reflect.DeepEqual(got.Divisive, want.Divisive) {
			t.Errorf("seed %d: statement lists differ after shuffling", seed)
		}
	}
}

// conversation builds an Input where participant i casts votes[i] votes,
// all agree, on the first statements.
func conversation(statements int, votes []int) opinion.Input {
	in := opinion.Input{}
	for s := 0; s < statements; s++ {
		in.Statements = append(in.Statements, strconv.Itoa(s))
	}
	for p, n := range votes {
		in.Participants = append(in.Participants, strconv.Itoa(p))
		for s := 0; s < n; s++ {
			in.Votes = append(in.Votes, opinion.Vote{Participant: int32(p), Statement: int32(s), Value: int8(1 - 2*((p+s)%2))})
		}
	}
	return in
}

func included(r *opinion.Result) []string {
	var ids []string
	for _, p := range r.Participants {
		if p.Group >= 0 {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

func TestInclusionRule(t *testing.T) {
	// 20 participants with 7+ votes qualify; those with 6 or fewer do not.
	votes := make([]int, 25)
	for i := range votes {
		votes[i] = 7 + i%5
	}
	votes[20], votes[21], votes[22], votes[23], votes[24] = 6, 1, 0, 6, 2
	r := mustAnalyse(t, conversation(20, votes), opinion.Options{})
	if r.Included != 20 || len(included(r)) != 20 {
		t.Errorf("included %d (%v), want the 20 with 7+ votes", r.Included, included(r))
	}
	for _, id := range included(r) {
		if n, _ := strconv.Atoi(id); n >= 20 {
			t.Errorf("participant %s with %d votes included", id, votes[n])
		}
	}
}

func TestInclusionTopsUpToFifteen(t *testing.T) {
	// Only 10 qualify; the 5 most active of the rest are added (ties by ID),
	// never someone who did not vote.
	votes := []int{9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 5, 3, 6, 4, 2, 6, 1, 0, 0}
	r := mustAnalyse(t, conversation(20, votes), opinion.Options{})
	want := []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12", "13", "15", "11"}
	got := map[string]bool{}
	for _, id := range included(r) {
		got[id] = true
	}
	if len(got) != 15 {
		t.Errorf("included %d, want 15: %v", len(got), included(r))
	}
	for _, id := range want {
		if !got[id] {
			t.Errorf("participant %s (votes %s) should be topped up", id, id)
		}
	}
}

func TestInclusionFewStatements(t *testing.T) {
	// With 3 statements, voting on all 3 is enough.
	votes := make([]int, 20)
	for i := range votes {
		votes[i] = 3
	}
	votes[19] = 2
	r := mustAnalyse(t, conversation(3, votes), opinion.Options{})
	if r.Included != 19 {
		t.Errorf("included %d, want 19 (everyone with 3 votes)", r.Included)
	}
}

func TestModeratedOutColumnIgnored(t *testing.T) {
	in, _ := clean3Groups()
	base := mustAnalyse(t, in, opinion.Options{})
	// Add a statement everyone votes on at random, then moderate it out:
	// it must change nobody's place and never be reported.
	rng := rand.New(rand.NewPCG(11, 11))
	in.Statements = append(in.Statements, "noise")
	for p := range in.Participants {
		in.Votes = append(in.Votes, opinion.Vote{Participant: int32(p), Statement: int32(len(in.Statements) - 1), Value: int8(rng.IntN(3) - 1)})
	}
	in.ModeratedOut = []string{"noise"}
	got := mustAnalyse(t, in, opinion.Options{})
	for i, p := range got.Participants {
		b := base.Participants[i]
		if p.Group != b.Group || math.Abs(p.X-b.X) > 1e-9 || math.Abs(p.Y-b.Y) > 1e-9 {
			t.Fatalf("participant %s moved: %+v vs %+v", p.ID, p, b)
		}
	}
	for _, g := range got.Groups {
		for _, s := range g.Representative {
			if s.Statement == "noise" {
				t.Error("moderated-out statement reported as representative")
			}
		}
	}
	for _, d := range got.Divisive {
		if d.Statement == "noise" {
			t.Error("moderated-out statement reported as divisive")
		}
	}
}

func TestBadInput(t *testing.T) {
	cases := map[string]opinion.Input{
		"duplicate vote": {Participants: []string{"a"}, Statements: []string{"x"},
			Votes: []opinion.Vote{{0, 0, 1}, {0, 0, -1}}},
		"bad value":       {Participants: []string{"a"}, Statements: []string{"x"}, Votes: []opinion.Vote{{0, 0, 2}}},
		"bad index":       {Participants: []string{"a"}, Statements: []string{"x"}, Votes: []opinion.Vote{{1, 0, 1}}},
		"duplicate ID":    {Participants: []string{"a", "a"}, Statements: []string{"x"}},
		"unknown mod-out": {Participants: []string{"a"}, Statements: []string{"x"}, ModeratedOut: []string{"y"}},
	}
	for name, in := range cases {
		if _, err := opinion.Analyse(in, opinion.Options{}); !errors.Is(err, opinion.ErrInput) {
			t.Errorf("%s: err = %v, want ErrInput", name, err)
		}
	}
}

func TestEmptyConversation(t *testing.T) {
	r := mustAnalyse(t, opinion.Input{Participants: []string{"a"}, Statements: []string{"x"}}, opinion.Options{})
	if r.K != 0 || len(r.Groups) != 0 || r.Participants[0].Group != -1 {
		t.Errorf("result = %+v, want no groups", r)
	}
}

func TestAllStatementsModeratedOut(t *testing.T) {
	in := conversation(8, []int{8, 8, 8})
	in.ModeratedOut = in.Statements
	r := mustAnalyse(t, in, opinion.Options{})
	for _, g := range r.Groups {
		if len(g.Representative) != 0 {
			t.Errorf("group %d has representative statements though all are moderated out", g.ID)
		}
	}
	if r.Included != 3 {
		t.Errorf("included %d, want 3 (votes on moderated-out statements still count)", r.Included)
	}
}

func TestResultSerialisesToJSON(t *testing.T) {
	in, _ := clean3Groups()
	r := mustAnalyse(t, in, opinion.Options{})
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatalf("result does not serialise: %v", err)
	}
	var back opinion.Result
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if back.K != r.K || len(back.Groups) != len(r.Groups) || back.Groups[0].Representative[0].Statement != r.Groups[0].Representative[0].Statement {
		t.Error("result changed through JSON")
	}
	for _, key := range []string{`"group_informed_consensus"`, `"repful_for"`, `"silhouettes"`, `"divisive"`} {
		if !strings.Contains(string(raw), key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
}
