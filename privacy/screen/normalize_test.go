package screen

import (
	"reflect"
	"testing"
)

func surfaces(text string) [][]string {
	var out [][]string
	for _, s := range normalise(text) {
		var words []string
		for _, t := range s {
			words = append(words, t.surface)
		}
		out = append(out, words)
	}
	return out
}

func TestNormalise(t *testing.T) {
	cases := []struct {
		text string
		want [][]string
	}{
		{"I'm fine. Don't worry", [][]string{{"i", "am", "fine"}, {"do", "not", "worry"}}},
		{"ill do it", [][]string{{"i", "will", "do", "it"}}},
		{"i feel ill", [][]string{{"i", "feel", "ill"}}},
		{"self-harm", [][]string{{"self", "harm"}}},
		{"im gonna", [][]string{{"i", "am", "going", "to"}}},
		{"it’s", [][]string{{"it", "is"}}},
		{"id do it", [][]string{{"i", "would", "do", "it"}}},
		{"i carry my id", [][]string{{"i", "carry", "my", "id"}}}, // an identity card, not "i'd"
		{"", nil},
	}
	for _, tc := range cases {
		if got := surfaces(tc.text); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("normalise(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestStem(t *testing.T) {
	groups := [][]string{
		{"stab", "stabbed", "stabbing", "stabbin", "stabs"},
		{"kill", "killed", "killing", "kills"},
		{"take", "took", "taking", "takes"},
		{"bully", "bullied", "bullies", "bullying"},
		{"be", "am", "is", "was", "were"},
	}
	for _, g := range groups {
		for _, w := range g[1:] {
			if stem(w) != stem(g[0]) {
				t.Errorf("stem(%q) = %q, stem(%q) = %q; want equal", w, stem(w), g[0], stem(g[0]))
			}
		}
	}
	if stem("heroin") == stem("hero") {
		t.Error("heroin and hero share a stem")
	}
}
