// Command opinions benchmarks opinion.Analyse on a synthetic conversation
// with planted groups (10k participants x 5k statements, 1M votes by
// default), then runs the same imputed matrix through scikit-learn's
// PCA(2) + KMeans (sklearn_bench.py) and prints both times and the ratio.
//
//	go run ./bench/opinions              # or bench/opinions/run.sh, which installs sklearn
//	go run ./bench/opinions -python=false
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"

	"peervoice/analysis/opinion"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "opinions bench:", err)
		os.Exit(1)
	}
}

type config struct {
	spec    opinion.SyntheticSpec
	runs    int
	python  bool
	script  string
	pyBin   string
	workDir string
}

func parseArgs(args []string) (config, error) {
	fs := flag.NewFlagSet("opinions", flag.ContinueOnError)
	c := config{spec: opinion.SyntheticSpec{Agreement: 0.8, PassRate: 0.15, Seed: 42}}
	fs.IntVar(&c.spec.Participants, "participants", 10_000, "participants")
	fs.IntVar(&c.spec.Statements, "statements", 5_000, "statements")
	fs.IntVar(&c.spec.Votes, "votes", 1_000_000, "approximate number of votes")
	fs.IntVar(&c.spec.Groups, "groups", 4, "planted opinion groups")
	fs.IntVar(&c.runs, "runs", 3, "timed runs of Analyse (the best is reported)")
	fs.BoolVar(&c.python, "python", true, "also run the scikit-learn comparison")
	fs.StringVar(&c.script, "script", "bench/opinions/sklearn_bench.py", "path of the scikit-learn script")
	fs.StringVar(&c.pyBin, "python-bin", "python3", "python interpreter with numpy and scikit-learn")
	fs.StringVar(&c.workDir, "dir", "", "where to write the CSV for python (default: a temporary folder)")
	return c, fs.Parse(args)
}

func run(ctx context.Context, args []string, out io.Writer) error {
	c, err := parseArgs(args)
	if err != nil {
		return err
	}
	start := time.Now()
	in, truth := opinion.Synthetic(c.spec)
	fmt.Fprintf(out, "generated %d participants x %d statements, %d votes, %d planted groups in %v\n",
		len(in.Participants), len(in.Statements), len(in.Votes), c.spec.Groups, time.Since(start).Round(time.Millisecond))
	goTime, err := timeAnalyse(out, in, truth, c.runs)
	if err != nil || !c.python {
		return err
	}
	return compareSklearn(ctx, out, c, in, truth, goTime)
}

// timeAnalyse runs Analyse c.runs times and reports the best time, the
// peak heap while it ran and the ARI with the planted groups.
func timeAnalyse(out io.Writer, in opinion.Input, truth []int, runs int) (time.Duration, error) {
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	peak, stop := samplePeakHeap()
	best := time.Duration(1<<63 - 1)
	var res *opinion.Result
	for i := 0; i < max(1, runs); i++ {
		t := time.Now()
		r, err := opinion.Analyse(in, opinion.Options{})
		if err != nil {
			stop()
			return 0, err
		}
		best, res = min(best, time.Since(t)), r
	}
	stop()
	ari, err := opinion.AdjustedRandIndex(groupsOf(res), truth)
	if err != nil {
		return 0, err
	}
	fmt.Fprintf(out, "go Analyse: best of %d %v on GOMAXPROCS=%d, peak heap +%.1f MB, k=%d, included %d, ARI vs planted %.4f\n",
		max(1, runs), best.Round(time.Millisecond), runtime.GOMAXPROCS(0), float64(peak.Load()-base.HeapAlloc)/(1<<20), res.K, res.Included, ari)
	return best, nil
}

func groupsOf(r *opinion.Result) []int {
	g := make([]int, len(r.Participants))
	for i, p := range r.Participants {
		g[i] = p.Group
	}
	return g
}

func samplePeakHeap() (*atomic.Uint64, func()) {
	var peak atomic.Uint64
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	return &peak, func() { close(done); <-finished }
}

// sklearnTimes is what sklearn_bench.py prints as JSON.
type sklearnTimes struct {
	LoadSeconds     float64 `json:"load_seconds"`
	ImputeSeconds   float64 `json:"impute_seconds"`
	PCASeconds      float64 `json:"pca_seconds"`
	KMeansSeconds   float64 `json:"kmeans_seconds"`
	AnalysisSeconds float64 `json:"analysis_seconds"`
	PeakRSSMB       float64 `json:"peak_rss_mb"`
	K               int     `json:"k"`
	ARI             float64 `json:"ari"`
}

func compareSklearn(ctx context.Context, out io.Writer, c config, in opinion.Input, truth []int, goTime time.Duration) error {
	dir := c.workDir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "opinions-bench")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	if err := writeVotesCSV(filepath.Join(dir, "votes.csv"), in); err != nil {
		return err
	}
	if err := writeTruthCSV(filepath.Join(dir, "truth.csv"), truth); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, c.pyBin, c.script, dir, strconv.Itoa(len(in.Participants)), strconv.Itoa(len(in.Statements)))
	cmd.Stderr = os.Stderr
	raw, err := cmd.Output()
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return fmt.Errorf("sklearn script failed (is python3-sklearn installed? bench/opinions/run.sh installs it): %w", err)
		}
		return fmt.Errorf("run %s: %w", c.pyBin, err)
	}
	var py sklearnTimes
	if err := json.Unmarshal(raw, &py); err != nil {
		return fmt.Errorf("read sklearn script output %q: %w", raw, err)
	}
	fmt.Fprintf(out, "sklearn: impute %.2fs + PCA(2) %.2fs + KMeans %.2fs = %.2fs (CSV load %.2fs not counted), peak RSS %.0f MB, k=%d, ARI vs planted %.4f\n",
		py.ImputeSeconds, py.PCASeconds, py.KMeansSeconds, py.AnalysisSeconds, py.LoadSeconds, py.PeakRSSMB, py.K, py.ARI)
	fmt.Fprintf(out, "ratio sklearn/go: %.2fx\n", py.AnalysisSeconds/goTime.Seconds())
	return nil
}

// writeTruthCSV writes each participant's planted group, one per line, so
// that python can score its clustering the same way.
func writeTruthCSV(path string, truth []int) error {
	var b []byte
	b = append(b, "group\n"...)
	for _, g := range truth {
		b = strconv.AppendInt(b, int64(g), 10)
		b = append(b, '\n')
	}
	return os.WriteFile(path, b, 0o644)
}

// writeVotesCSV writes one line per vote: participant index, statement
// index, value.
func writeVotesCSV(path string, in opinion.Input) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "participant,statement,vote")
	buf := make([]byte, 0, 32)
	for _, v := range in.Votes {
		buf = strconv.AppendInt(buf[:0], int64(v.Participant), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(v.Statement), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(v.Value), 10)
		buf = append(buf, '\n')
		if _, err := w.Write(buf); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
