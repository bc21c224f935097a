package redact

import (
	"os"
	"strings"
	"testing"
)

// benchText is mixed text: the labelled lines without markup, so the
// benchmark sees the same blend of names, identifiers and plain words as
// the evaluation.
func benchText(b *testing.B) string {
	b.Helper()
	raw, err := os.ReadFile("testdata/labelled.txt")
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for _, line := range strings.Split(string(raw), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		lab, err := ParseLabelled(line)
		if err != nil {
			b.Fatal(err)
		}
		sb.WriteString(lab.Text)
		sb.WriteByte('\n')
	}
	return sb.String()
}

func BenchmarkRedact(b *testing.B) {
	text := benchText(b)
	r := New(Options{Allow: []string{"peer mentor"}, Deny: []string{"Smudge"}})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Redact(text)
	}
}

func BenchmarkRedactLines(b *testing.B) {
	lines := strings.Split(benchText(b), "\n")
	r := New(Options{})
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, l := range lines {
			r.Redact(l)
		}
	}
}
