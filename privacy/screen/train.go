package screen

import (
	"math"
	"math/rand/v2"
	"sort"
)

// Learner names accepted by TrainConfig.
const (
	LearnerLogistic = "logistic"    // L2-regularised logistic regression by SGD
	LearnerBayes    = "naive_bayes" // multinomial naive Bayes log-odds
	// LearnerEnsemble averages a logistic head and a naive Bayes head,
	// each scaled to the same spread of log-odds on the training data.
	// Both are linear in the same features, so the average is one head.
	LearnerEnsemble = "ensemble"
)

// TrainConfig sets how a model is trained. The zero value is not useful;
// start from DefaultTrainConfig.
type TrainConfig struct {
	Learner string
	Epochs  int
	Rate    float64 // SGD step size
	L2      float64 // L2 strength: each epoch scales weights by 1 - Rate*L2*n
	Alpha   float64 // naive Bayes smoothing
	Folds   int     // cross-validation folds for the threshold
	// CVRecall is the out-of-fold recall the classifier must reach on its
	// own at the chosen threshold. The rules were tuned on the training
	// data, so their out-of-fold recall says nothing; the classifier has to
	// carry recall on unseen phrasing by itself.
	CVRecall float64
	Seed     uint64
}

// DefaultTrainConfig is the configuration of the shipped model.
func DefaultTrainConfig() TrainConfig {
	return TrainConfig{Learner: LearnerEnsemble, Epochs: 30, Rate: 0.5, L2: 1e-5, Alpha: 0.1,
		Folds: 5, CVRecall: 0.90, Seed: 20261127}
}

// sample is one featurised training example.
type sample struct {
	idx []uint32
	val float32
	y   bool
	cat []string
}

func toSamples(examples []Example) []sample {
	out := make([]sample, len(examples))
	for i, ex := range examples {
		idx, val := features(ex.Text)
		out[i] = sample{idx: idx, val: val, y: ex.Disclosure, cat: ex.Categories}
	}
	return out
}

// Train fits a model to the examples and picks its threshold by k-fold
// cross-validation on the same examples. It is deterministic.
func Train(examples []Example, cfg TrainConfig) *Model {
	samples := toSamples(examples)
	m := fitModel(samples, cfg)
	m.Threshold = chooseThreshold(outOfFold(samples, cfg), cfg.CVRecall)
	return m
}

// fitModel trains the disclosure head and one head per category.
func fitModel(samples []sample, cfg TrainConfig) *Model {
	m := &Model{Heads: []Head{fitHead("disclosure", samples, func(s sample) bool { return s.y }, cfg)}}
	for _, c := range Categories() {
		has := func(s sample) bool { return contains(s.cat, c) }
		// category heads learn only among disclosures: they name a
		// category once head 0 has decided there is something to name.
		m.Heads = append(m.Heads, fitHead(c, disclosuresOnly(samples), has, cfg))
	}
	return m
}

func disclosuresOnly(samples []sample) []sample {
	var out []sample
	for _, s := range samples {
		if s.y {
			out = append(out, s)
		}
	}
	return out
}

func fitHead(name string, samples []sample, label func(sample) bool, cfg TrainConfig) Head {
	switch cfg.Learner {
	case LearnerBayes:
		return fitBayes(name, samples, label, cfg)
	case LearnerEnsemble:
		lr, nb := fitLogistic(name, samples, label, cfg), fitBayes(name, samples, label, cfg)
		return blend(name, lr, nb, spread(lr, samples)/spread(nb, samples))
	}
	return fitLogistic(name, samples, label, cfg)
}

// spread is the standard deviation of a head's log-odds over samples.
func spread(h Head, samples []sample) float64 {
	var sum, sq float64
	for _, s := range samples {
		v := float64(h.score(s.idx, s.val))
		sum += v
		sq += v * v
	}
	n := math.Max(1, float64(len(samples)))
	return math.Max(math.Sqrt(math.Max(sq/n-(sum/n)*(sum/n), 0)), 1e-9)
}

// blend is the head whose log-odds are the mean of a's and k times b's.
func blend(name string, a, b Head, k float64) Head {
	h := Head{Name: name, Bias: float32((float64(a.Bias) + k*float64(b.Bias)) / 2), Weights: make([]float32, len(a.Weights))}
	for i := range h.Weights {
		h.Weights[i] = float32((float64(a.Weights[i]) + k*float64(b.Weights[i])) / 2)
	}
	return h
}

// classWeights balances the two classes so that each carries half the loss.
func classWeights(samples []sample, label func(sample) bool) (pos, neg float64) {
	var np, nn int
	for _, s := range samples {
		if label(s) {
			np++
		} else {
			nn++
		}
	}
	n := float64(len(samples))
	return n / (2 * math.Max(1, float64(np))), n / (2 * math.Max(1, float64(nn)))
}

// fitLogistic runs SGD over a seeded shuffle each epoch, with a decaying
// step and L2 weight decay applied once per epoch.
func fitLogistic(name string, samples []sample, label func(sample) bool, cfg TrainConfig) Head {
	w := make([]float64, featureDim)
	var bias float64
	wPos, wNeg := classWeights(samples, label)
	rng := rand.New(rand.NewPCG(cfg.Seed, uint64(len(name))))
	order := make([]int, len(samples))
	for i := range order {
		order[i] = i
	}
	for epoch := range cfg.Epochs {
		rate := cfg.Rate / (1 + float64(epoch)*0.2)
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			s := samples[k]
			y, cw := 0.0, wNeg
			if label(s) {
				y, cw = 1, wPos
			}
			g := cw * (sigmoid(bias+dot(w, s)) - y) * rate
			bias -= g
			for _, i := range s.idx {
				w[i] -= g * float64(s.val)
			}
		}
		decay(w, 1-rate*cfg.L2*float64(len(samples)))
	}
	return toHead(name, w, bias)
}

func dot(w []float64, s sample) float64 {
	var t float64
	for _, i := range s.idx {
		t += w[i]
	}
	return t * float64(s.val)
}

func decay(w []float64, f float64) {
	f = math.Max(f, 0)
	for i := range w {
		w[i] *= f
	}
}

func toHead(name string, w []float64, bias float64) Head {
	h := Head{Name: name, Bias: float32(bias), Weights: make([]float32, len(w))}
	for i, v := range w {
		h.Weights[i] = float32(v)
	}
	return h
}

// fitBayes is multinomial naive Bayes with balanced priors, written as
// log-odds weights so that it shares the logistic heads' inference.
func fitBayes(name string, samples []sample, label func(sample) bool, cfg TrainConfig) Head {
	pos := make([]float64, featureDim)
	neg := make([]float64, featureDim)
	var tp, tn float64
	for _, s := range samples {
		counts, total := neg, &tn
		if label(s) {
			counts, total = pos, &tp
		}
		for _, i := range s.idx {
			counts[i]++
		}
		*total += float64(len(s.idx))
	}
	w := make([]float64, featureDim)
	a := cfg.Alpha
	for i := range w {
		w[i] = math.Log((pos[i]+a)/(tp+a*featureDim)) - math.Log((neg[i]+a)/(tn+a*featureDim))
	}
	// Occurrences are scaled by 1/sqrt(n) as for the logistic heads, so
	// the sigmoid of the score is a ranking, not a calibrated probability;
	// the threshold comes from cross-validation either way.
	return toHead(name, w, 0)
}

// outOfFold returns, for every sample, its disclosure probability from a
// model trained without its fold. Folds are a seeded shuffle, stratified
// by label, so every fold sees both classes.
func outOfFold(samples []sample, cfg TrainConfig) []scored {
	fold := assignFolds(samples, cfg)
	out := make([]scored, len(samples))
	for f := range cfg.Folds {
		var train []sample
		for i, s := range samples {
			if fold[i] != f {
				train = append(train, s)
			}
		}
		h := fitHead("disclosure", train, func(s sample) bool { return s.y }, cfg)
		for i, s := range samples {
			if fold[i] == f {
				out[i] = scored{p: sigmoid(float64(h.score(s.idx, s.val))), y: s.y}
			}
		}
	}
	return out
}

func assignFolds(samples []sample, cfg TrainConfig) []int {
	rng := rand.New(rand.NewPCG(cfg.Seed, 7))
	order := rng.Perm(len(samples))
	fold := make([]int, len(samples))
	var np, nn int
	for _, i := range order {
		if samples[i].y {
			fold[i] = np % cfg.Folds
			np++
		} else {
			fold[i] = nn % cfg.Folds
			nn++
		}
	}
	return fold
}

// scored is one probability with its true label.
type scored struct {
	p float64
	y bool
}

// chooseThreshold is the highest threshold at which at least recall of the
// positives score at or above it: the fewest false flags that still meet
// the recall asked for.
func chooseThreshold(ss []scored, recall float64) float64 {
	var ps []float64
	for _, s := range ss {
		if s.y {
			ps = append(ps, s.p)
		}
	}
	if len(ps) == 0 {
		return 0.5
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(ps)))
	k := int(math.Ceil(recall*float64(len(ps)))) - 1
	k = min(max(k, 0), len(ps)-1)
	return ps[k]
}
