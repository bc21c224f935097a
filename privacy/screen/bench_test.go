package screen

import (
	"os"
	"testing"
)

// BenchmarkScreen screens every line of the main labelled set per
// iteration, rules and backstop; SetBytes makes -bench report throughput
// in MB/s, and lines/s is the figure CSV import cares about.
func BenchmarkScreen(b *testing.B) { benchLines(b, Screen) }

// BenchmarkScreenRules is the rules alone.
func BenchmarkScreenRules(b *testing.B) { benchLines(b, ScreenRules) }

// BenchmarkBackstop is the model alone on every line (normalising,
// hashing and the disclosure head), which Screen pays only for lines no
// rule flags.
func BenchmarkBackstop(b *testing.B) {
	m, err := DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	benchLines(b, func(text string) Result {
		m.Probability(text)
		return Result{}
	})
}

func benchLines(b *testing.B, screen func(string) Result) {
	f, err := os.Open("testdata/main.tsv")
	if err != nil {
		b.Fatal(err)
	}
	examples, err := ReadLabelled(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, ex := range examples {
		size += int64(len(ex.Text))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, ex := range examples {
			screen(ex.Text)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(examples))/1000, "µs/line")
}
