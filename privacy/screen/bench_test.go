package screen

import (
	"os"
	"testing"
)

// BenchmarkScreen screens every line of the main labelled set per
// iteration; SetBytes makes -bench report throughput in MB/s.
func BenchmarkScreen(b *testing.B) {
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
			Screen(ex.Text)
		}
	}
}
