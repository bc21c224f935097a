package screen

import (
	"os"
	"testing"
)

func TestZZDebugWhy(t *testing.T) {
	text := os.Getenv("WHY")
	if text == "" {
		t.Skip()
	}
	for _, s := range normalise(text) {
		ctx := defaultEngine.analyse(s)
		t.Logf("tokens: %v", s)
		t.Logf("ctx: %+v", *ctx)
		for _, h := range defaultEngine.ruleSet.matches(s) {
			r := &defaultEngine.rules[h.pat]
			t.Logf("%s %d %q -> %q score %.1f masked %v", r.category, r.tier, r.pat.source, surface(s, h.start, h.end), ctx.score(r, h.start), ctx.masked(h.start, h.end))
		}
	}
}

func TestZZDebugEval(t *testing.T) {
	path := os.Getenv("EVALFILE")
	if path == "" {
		t.Skip()
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	exs, err := ReadLabelled(f)
	if err != nil {
		t.Fatal(err)
	}
	Evaluate(exs, Screen).Write(os.Stdout, true)
}

func TestZZDebugCue(t *testing.T) {
	text, cue := os.Getenv("WHY"), os.Getenv("CUE")
	if text == "" || cue == "" {
		t.Skip()
	}
	for _, s := range normalise(text) {
		for _, h := range defaultEngine.cueSets[cue].matches(s) {
			t.Logf("%q -> %q", defaultEngine.cueSets[cue].pats[h.pat].source, surface(s, h.start, h.end))
		}
	}
}
