// Command train fits the safeguarding screen's statistical backstop to the
// labelled sets and writes the embedded model file. go generate runs it in
// privacy/screen (see generate.go). It is deterministic: the same sets
// give the same bytes.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"peervoice/privacy/screen"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run() error {
	out := flag.String("o", "model/model.bin", "model file to write")
	dir := flag.String("dir", "testdata", "directory of labelled *.tsv sets")
	exclude := flag.String("exclude", screen.UnseenSets, "comma-separated set names to keep out of training")
	learner := flag.String("learner", screen.DefaultTrainConfig().Learner, "ensemble, logistic or naive_bayes")
	flag.Parse()
	sets, err := screen.ReadSetDir(*dir, strings.Split(*exclude, ","))
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	cfg := screen.DefaultTrainConfig()
	cfg.Learner = *learner
	return writeModel(*out, sets, cfg)
}

func writeModel(path string, sets []screen.LabelledSet, cfg screen.TrainConfig) error {
	var all []screen.Example
	var names []string
	for _, s := range sets {
		all = append(all, s.Examples...)
		names = append(names, s.Name)
	}
	m := screen.Train(all, cfg)
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("train: create model: %w", err)
	}
	if _, err := m.WriteTo(f); err != nil {
		f.Close()
		return fmt.Errorf("train: %w", err)
	}
	fmt.Printf("train: %d examples from %s, threshold %.3f, wrote %s\n",
		len(all), strings.Join(names, ","), m.Threshold, path)
	return f.Close()
}
