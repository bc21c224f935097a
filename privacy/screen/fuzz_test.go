package screen

import (
	"testing"
	"unicode/utf8"
)

// FuzzScreen checks that no input makes the screen panic, and that a
// verdict is consistent: flagged exactly when it names a category, with a
// reason for each category and only known categories.
func FuzzScreen(f *testing.F) {
	for _, s := range []string{
		"i want to kill myself", "I'd die for a coffee", "we got battered 6-0 at football",
		"i used to cut myself. i dont now. 4 years clean", "if they move me again i'll kill myself",
		"the witness", "voices", "so it", "escape into a", "my own release date", "how many would it",
		"", ".", "'", "£$%^&", "ŁÓDŹ ĆMA", "kill kill kill kill kill kill kill kill kill kill",
	} {
		f.Add(s)
	}
	known := map[string]bool{}
	for _, c := range Categories() {
		known[c] = true
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) {
			t.Skip()
		}
		res := Screen(in)
		if res.Flag != (len(res.Categories) > 0) || len(res.Reasons) < len(res.Categories) {
			t.Fatalf("inconsistent verdict for %q: %+v", in, res)
		}
		for _, c := range res.Categories {
			if !known[c] {
				t.Fatalf("unknown category %q for %q", c, in)
			}
		}
	})
}
