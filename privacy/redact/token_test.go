package redact

import (
	"reflect"
	"testing"
)

func TestTokenizer(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"jamie's mum, 12/03/2019.", []string{"jamie's", "mum", ",", "12/03/2019", "."}},
		{"Mary-Jane (a.b@c.co.uk)", []string{"Mary-Jane", "(", "a.b@c.co.uk", ")"}},
		{"it\u2019s 12.5 - ok", []string{"it\u2019s", "12.5", "-", "ok"}},
		{"home.Then\u00a0'Tiny'", []string{"home", ".", "Then", "'", "Tiny", "'"}},
		{"+44 7700", []string{"+", "44", "7700"}},
	}
	var tz tokenizer
	for _, c := range cases {
		var got []string
		for _, tok := range tz.run(c.in) {
			got = append(got, tok.text)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("run(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
