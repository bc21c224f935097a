package screen

import "testing"

func matchText(t *testing.T, src, text string, macros map[string][]string) bool {
	t.Helper()
	p, err := compilePattern(src, macros)
	if err != nil {
		t.Fatalf("compile %q: %v", src, err)
	}
	for _, s := range normalise(text) {
		for start := range s {
			if p.match(s, start) >= 0 {
				return true
			}
		}
	}
	return false
}

func TestPatternSyntax(t *testing.T) {
	macros := map[string][]string{"who": {"him", "that_screw"}}
	cases := []struct {
		pattern, text string
		want          bool
	}{
		{"kill myself", "i killed myself", true},     // stems meet
		{"kill myself", "killin myself", true},       // dropped g
		{"hang|hung myself", "hung myself", true},    // alternatives
		{"stab @who", "stab that screw", true},       // macro phrase
		{"stab @who", "stab the screw", false},       // macro is closed
		{"owe * money", "owe them lads money", true}, // gap of 3
		{"owe * money", "owe them lads on b wing money", false},
		{"owe *6 money", "owe them lads on b wing money", true},
		{"?really want to die", "want to die", true},
		{"suicid~", "feeling suicidal", true},
		{"be here $", "i dont want to be here", true},
		{"be here $", "i dont want to be here for my birthday", false},
		{"do not care", "dont care", true}, // expansions apply to patterns too
	}
	for _, tc := range cases {
		if got := matchText(t, tc.pattern, tc.text, macros); got != tc.want {
			t.Errorf("%q on %q = %v, want %v", tc.pattern, tc.text, got, tc.want)
		}
	}
}

func TestPatternErrors(t *testing.T) {
	for _, src := range []string{"", "* foo", "?foo", "$", "foo @nosuch", "foo *x", "foo ||bar"} {
		if _, err := compilePattern(src, nil); err == nil {
			t.Errorf("compilePattern(%q) succeeded, want error", src)
		}
	}
}

func TestMacrosExpandInsidePhrases(t *testing.T) {
	macros := map[string][]string{"p": {"officer", "screw"}}
	got, err := expandEntry("that_@p", macros)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != "that_officer" || got[1] != "that_screw" {
		t.Errorf("expandEntry = %v", got)
	}
	if _, err := expandEntry("that_@nosuch", macros); err == nil {
		t.Error("unknown macro accepted")
	}
}
