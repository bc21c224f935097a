package screen

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// LabelledSet is a named labelled file, as read by ReadLabelled.
type LabelledSet struct {
	Name     string
	Examples []Example
}

// Rates are recall and false-flag rate on one set.
type Rates struct {
	Recall, FalseFlags float64
}

// ThresholdRates are the classifier's and the combined screen's rates at
// one threshold.
type ThresholdRates struct {
	Threshold            float64
	Classifier, Combined Rates
}

// FoldResult is the outcome for one held-out set: trained on every other
// set, with the threshold chosen by cross-validation on those sets alone.
type FoldResult struct {
	Set         string
	Disclosures int
	Others      int
	Rules       Rates
	CV          ThresholdRates // at the cross-validated threshold
	Fixed       []ThresholdRates
}

// LeaveOneSetOut holds out each set named in heldOut in turn, trains on
// all the other sets and scores the held-out one with the rules alone,
// the classifier alone and both as shipped (rule flags outside self-harm
// vetoed below ShippedVeto), at the cross-validated threshold and at each
// fixed threshold. The rules were tuned on every set, so their rows
// (and hence the combined rows) are optimistic; the classifier rows are
// honest estimates for unseen text by the same writer.
func LeaveOneSetOut(sets []LabelledSet, heldOut []string, cfg TrainConfig, fixed []float64) []FoldResult {
	var out []FoldResult
	for _, name := range heldOut {
		var train []Example
		var test []Example
		for _, s := range sets {
			if s.Name == name {
				test = s.Examples
			} else {
				train = append(train, s.Examples...)
			}
		}
		out = append(out, scoreFold(name, train, test, cfg, fixed))
	}
	return out
}

func scoreFold(name string, train, test []Example, cfg TrainConfig, fixed []float64) FoldResult {
	samples := toSamples(train)
	head := fitHead("disclosure", samples, func(s sample) bool { return s.y }, cfg)
	t := chooseThreshold(outOfFold(samples, cfg), cfg.CVRecall)
	ps := make([]float64, len(test))
	rules := make([]bool, len(test))
	kept := make([]bool, len(test)) // rule flags the model does not veto
	for i, ex := range test {
		idx, val := features(ex.Text)
		ps[i] = sigmoid(float64(head.score(idx, val)))
		r := ScreenRules(ex.Text)
		rules[i] = r.Flag
		for _, c := range r.Categories {
			kept[i] = kept[i] || !overrules(c, ps[i], ShippedVeto)
		}
	}
	res := FoldResult{Set: name, CV: atThreshold(test, ps, kept, t)}
	res.Rules = rates(test, rules)
	for _, ex := range test {
		if ex.Disclosure {
			res.Disclosures++
		} else {
			res.Others++
		}
	}
	for _, f := range fixed {
		res.Fixed = append(res.Fixed, atThreshold(test, ps, kept, f))
	}
	return res
}

func atThreshold(test []Example, ps []float64, rules []bool, t float64) ThresholdRates {
	clf := make([]bool, len(ps))
	both := make([]bool, len(ps))
	for i, p := range ps {
		clf[i] = p >= t
		both[i] = clf[i] || rules[i]
	}
	return ThresholdRates{Threshold: t, Classifier: rates(test, clf), Combined: rates(test, both)}
}

func rates(test []Example, flagged []bool) Rates {
	var pos, tp, neg, fp int
	for i, ex := range test {
		switch {
		case ex.Disclosure:
			pos++
			if flagged[i] {
				tp++
			}
		default:
			neg++
			if flagged[i] {
				fp++
			}
		}
	}
	return Rates{Recall: ratio(tp, pos, 1), FalseFlags: ratio(fp, neg, 0)}
}

// WriteLOSO prints the results as a Markdown table, one row per held-out
// set and threshold, with the mean over sets last.
func WriteLOSO(w io.Writer, learner string, results []FoldResult) error {
	ew := &errWriter{w: w}
	ew.printf("learner: %s\n\n", learner)
	ew.printf("| held-out set | n (1/0) | threshold | rules R / FF | classifier R / FF | combined R / FF |\n")
	ew.printf("| --- | --- | --- | --- | --- | --- |\n")
	var mean FoldResult
	for _, r := range results {
		for _, tr := range append([]ThresholdRates{r.CV}, r.Fixed...) {
			ew.printf("| %s | %d/%d | %s | %s | %s | %s |\n", r.Set, r.Disclosures, r.Others,
				thresholdLabel(tr, r.CV), fmtRates(r.Rules), fmtRates(tr.Classifier), fmtRates(tr.Combined))
		}
		mean = addFold(mean, r)
	}
	n := float64(len(results))
	if n > 0 {
		for _, tr := range append([]ThresholdRates{mean.CV}, mean.Fixed...) {
			label := fmt.Sprintf("%.2f", tr.Threshold/n)
			if tr == mean.CV {
				label = "cv (mean " + label + ")"
			}
			ew.printf("| **mean** | | %s | %s | %s | %s |\n", label, fmtRates(scale(mean.Rules, n)),
				fmtRates(scale(tr.Classifier, n)), fmtRates(scale(tr.Combined, n)))
		}
	}
	return ew.err
}

func thresholdLabel(tr, cv ThresholdRates) string {
	if tr == cv {
		return fmt.Sprintf("cv %.2f", tr.Threshold)
	}
	return fmt.Sprintf("%.2f", tr.Threshold)
}

func fmtRates(r Rates) string { return fmt.Sprintf("%.3f / %.3f", r.Recall, r.FalseFlags) }

// addFold sums rates (and thresholds) so the mean can be taken at the end.
func addFold(sum, r FoldResult) FoldResult {
	sum.Rules = add(sum.Rules, r.Rules)
	sum.CV = addTR(sum.CV, r.CV)
	if sum.Fixed == nil {
		sum.Fixed = make([]ThresholdRates, len(r.Fixed))
	}
	for i := range r.Fixed {
		sum.Fixed[i] = addTR(sum.Fixed[i], r.Fixed[i])
	}
	return sum
}

func addTR(a, b ThresholdRates) ThresholdRates {
	return ThresholdRates{Threshold: a.Threshold + b.Threshold,
		Classifier: add(a.Classifier, b.Classifier), Combined: add(a.Combined, b.Combined)}
}

func add(a, b Rates) Rates { return Rates{a.Recall + b.Recall, a.FalseFlags + b.FalseFlags} }

func scale(r Rates, n float64) Rates { return Rates{r.Recall / n, r.FalseFlags / n} }

// ReadSetDir reads every *.tsv in dir, in name order, except the sets
// named in exclude. The shipped model and the LOSO table both use it, so
// they see the examples in the same order.
func ReadSetDir(dir string, exclude []string) ([]LabelledSet, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("screen: no labelled sets in %s", dir)
	}
	var keep []string
	for _, p := range paths {
		if !contains(exclude, strings.TrimSuffix(filepath.Base(p), ".tsv")) {
			keep = append(keep, p)
		}
	}
	return ReadSets(keep)
}

// ReadSets reads labelled files, naming each set by its base name
// without ".tsv".
func ReadSets(paths []string) ([]LabelledSet, error) {
	var sets []LabelledSet
	for _, p := range paths {
		exs, err := readFile(p)
		if err != nil {
			return nil, err
		}
		sets = append(sets, LabelledSet{Name: strings.TrimSuffix(filepath.Base(p), ".tsv"), Examples: exs})
	}
	return sets, nil
}

func readFile(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("screen: open labelled set: %w", err)
	}
	defer f.Close()
	exs, err := ReadLabelled(f)
	if err != nil {
		return nil, fmt.Errorf("screen: %s: %w", path, err)
	}
	return exs, nil
}

// UnseenSets names the blind sets that are kept out of training, tuning
// and threshold choice, comma-separated: the default for every command that
// trains or cross-validates, so none can train on them by accident.
const UnseenSets = "blind15,blind16,blind17"

// LOSOTrainingSet is the set that is never held out: it is most of the
// data, and the rules were built on it from the start.
const LOSOTrainingSet = "main"

// RunLOSO reads every *.tsv in dir except the sets named in exclude,
// holds out each set other than main in turn, and writes the table for
// the given learner. It is what `peervoice screen --loso DIR` runs.
func RunLOSO(w io.Writer, dir string, exclude []string, learner string) error {
	sets, err := ReadSetDir(dir, exclude)
	if err != nil {
		return err
	}
	var heldOut []string
	for _, s := range sets {
		if s.Name != LOSOTrainingSet {
			heldOut = append(heldOut, s.Name)
		}
	}
	cfg := DefaultTrainConfig()
	cfg.Learner = learner
	res := LeaveOneSetOut(sets, heldOut, cfg, []float64{0.3, 0.5, ShippedThreshold, 0.7})
	return WriteLOSO(w, learner, res)
}
