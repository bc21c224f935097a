package screen

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestEmbeddedModelLoads(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatalf("embedded model: %v (run go generate ./privacy/screen)", err)
	}
	if len(m.Heads) != 1+len(Categories()) {
		t.Fatalf("model has %d heads, want %d", len(m.Heads), 1+len(Categories()))
	}
	for i, c := range Categories() {
		if m.Heads[i+1].Name != c {
			t.Errorf("head %d is %q, want %q", i+1, m.Heads[i+1].Name, c)
		}
	}
	if m.Threshold <= 0 || m.Threshold >= 1 {
		t.Errorf("threshold %v outside (0,1)", m.Threshold)
	}
}

// smallSet is a toy labelled set: disclosures about cutting, others about
// the gym, so any working learner separates them.
func smallSet() []Example {
	var out []Example
	for _, s := range []string{"i keep cutting my arms", "cutting again tonight", "i cut myself last night", "been cutting since the move"} {
		out = append(out, Example{Disclosure: true, Categories: []string{SelfHarm}, Text: s})
	}
	for _, s := range []string{"the gym is open on sunday", "gym kit needs washing", "i love the gym sessions", "more gym time please"} {
		out = append(out, Example{Text: s})
	}
	return out
}

func smallConfig(learner string) TrainConfig {
	cfg := DefaultTrainConfig()
	cfg.Learner, cfg.Folds = learner, 2
	return cfg
}

func TestTrainSeparatesAndIsDeterministic(t *testing.T) {
	for _, learner := range []string{LearnerLogistic, LearnerBayes} {
		a := Train(smallSet(), smallConfig(learner))
		b := Train(smallSet(), smallConfig(learner))
		var ba, bb bytes.Buffer
		if _, err := a.WriteTo(&ba); err != nil {
			t.Fatal(err)
		}
		if _, err := b.WriteTo(&bb); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(ba.Bytes(), bb.Bytes()) {
			t.Errorf("%s: two trainings on the same data differ", learner)
		}
		if pc, pg := a.Probability("cutting my arms again"), a.Probability("gym on sunday"); pc <= pg {
			t.Errorf("%s: p(cutting)=%.3f <= p(gym)=%.3f", learner, pc, pg)
		}
	}
}

func TestModelRoundTrip(t *testing.T) {
	m := Train(smallSet(), smallConfig(LearnerLogistic))
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got.Threshold != m.Threshold || len(got.Heads) != len(m.Heads) {
		t.Fatalf("round trip changed the model: %v heads, threshold %v", len(got.Heads), got.Threshold)
	}
	// int16 quantisation may move a probability a little, never much.
	for _, text := range []string{"cutting my arms again", "gym on sunday"} {
		if d := math.Abs(got.Probability(text) - m.Probability(text)); d > 0.01 {
			t.Errorf("%q: probability moved by %.4f after quantisation", text, d)
		}
	}
	if _, err := ReadModel(strings.NewReader("not a model")); err == nil {
		t.Error("ReadModel accepted garbage")
	}
}

func TestChooseThreshold(t *testing.T) {
	ss := []scored{{0.9, true}, {0.8, true}, {0.6, true}, {0.2, true}, {0.7, false}, {0.1, false}}
	if got := chooseThreshold(ss, 0.75); got != 0.6 {
		t.Errorf("recall 0.75 of 4 positives: threshold %v, want 0.6", got)
	}
	if got := chooseThreshold(ss, 1); got != 0.2 {
		t.Errorf("recall 1: threshold %v, want 0.2", got)
	}
}

// TestBackstopOnlyWhenRulesSilent checks how the two layers combine: a
// rule flag keeps the rule's reasons, and a line the rules pass is flagged
// by the model exactly when its probability reaches the threshold, with
// the statistical reason.
func TestBackstopOnlyWhenRulesSilent(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Skip(err)
	}
	rule := m.Screen("i want to kill myself")
	if !rule.Flag || strings.Contains(strings.Join(rule.Reasons, ";"), "statistical") {
		t.Errorf("rule flag = %+v, want the rule's own reasons", rule)
	}
	for _, text := range []string{"wrote letters to all my family to open after", "the canteen sheet was late again", "my pad mate makes me do stuff at night"} {
		if ScreenRules(text).Flag {
			continue
		}
		res := m.Screen(text)
		wantFlag := m.Probability(text) >= m.Threshold
		if res.Flag != wantFlag {
			t.Errorf("%q: flag %v, p=%.3f, threshold %.3f", text, res.Flag, m.Probability(text), m.Threshold)
		}
		if res.Flag && (len(res.Reasons) != 1 || !strings.HasPrefix(res.Reasons[0], "possible disclosure (statistical match, p=")) {
			t.Errorf("%q: reasons %v", text, res.Reasons)
		}
	}
}

func TestLeaveOneSetOut(t *testing.T) {
	sets := []LabelledSet{{Name: "a", Examples: smallSet()}, {Name: "b", Examples: smallSet()}}
	res := LeaveOneSetOut(sets, []string{"b"}, smallConfig(LearnerLogistic), []float64{0.5})
	if len(res) != 1 || res[0].Set != "b" || res[0].Disclosures != 4 || res[0].Others != 4 {
		t.Fatalf("got %+v", res)
	}
	// the held-out set repeats the training set, so the classifier must
	// get it right; the rules flag the cutting lines themselves.
	if r := res[0].Fixed[0].Classifier; r.Recall != 1 || r.FalseFlags != 0 {
		t.Errorf("classifier on a copy of its training data: %+v", r)
	}
	var buf bytes.Buffer
	if err := WriteLOSO(&buf, LearnerLogistic, res); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| b | 4/4 |", "**mean**", "classifier R / FF"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
}

// TestEmbeddedModelIsCurrent retrains the model as go generate does and
// compares bytes, so a change to the labelled sets, the features or the
// trainer cannot ship with a stale model.
func TestEmbeddedModelIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("retrains the model")
	}
	sets, err := ReadSetDir("testdata", strings.Split(UnseenSets, ","))
	if err != nil {
		t.Fatal(err)
	}
	var all []Example
	for _, s := range sets {
		all = append(all, s.Examples...)
	}
	var buf bytes.Buffer
	if _, err := Train(all, DefaultTrainConfig()).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), embeddedModel) {
		t.Error("model/model.bin is stale: run go generate ./privacy/screen")
	}
}

// constantModel is a model whose disclosure probability is p for any text.
func constantModel(p float64) *Model {
	m := &Model{Threshold: ShippedThreshold, Veto: ShippedVeto}
	m.Heads = append(m.Heads, Head{Name: "disclosure", Bias: float32(math.Log(p / (1 - p))), Weights: make([]float32, featureDim)})
	for _, c := range Categories() {
		h := Head{Name: c, Weights: make([]float32, featureDim)}
		if c == AtRisk {
			h.Bias = 1 // the category a model-only flag goes under
		}
		m.Heads = append(m.Heads, h)
	}
	return m
}

// TestWeighVetoesRuleHitsOutsideSelfHarm checks the three things the model
// does with the rules' verdict: below Veto it drops rule hits except
// self-harm, between Veto and Threshold it leaves them, and with no rule
// hit it flags from Threshold up.
func TestWeighVetoesRuleHitsOutsideSelfHarm(t *testing.T) {
	idx, _ := features("some words to score")
	for _, tc := range []struct {
		p        float64
		hits     []string
		want     []string
		modelHit bool
	}{
		{ShippedVeto / 2, []string{AtRisk, SelfHarm}, []string{SelfHarm}, false},
		{ShippedVeto / 2, []string{Security}, nil, false},
		{ShippedVeto + 0.05, []string{AtRisk, Security}, []string{AtRisk, Security}, false},
		{ShippedThreshold - 0.05, nil, nil, false},
		{ShippedThreshold + 0.05, nil, []string{AtRisk}, true},
	} {
		hits := map[string][]string{}
		for _, c := range tc.hits {
			hits[c] = []string{"rule"}
		}
		constantModel(tc.p).weigh(idx, hits)
		got := buildResult(hits).Categories
		if !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
			t.Errorf("p=%.2f, rule hits %v: categories %v, want %v", tc.p, tc.hits, got, tc.want)
		}
		if tc.modelHit && !strings.HasPrefix(hits[AtRisk][0], "possible disclosure (statistical match") {
			t.Errorf("p=%.2f: reason %q", tc.p, hits[AtRisk])
		}
	}
}
