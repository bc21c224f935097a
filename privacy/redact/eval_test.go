package redact

import (
	"strings"
	"testing"
)

func TestParseLabelled(t *testing.T) {
	lab, err := ParseLabelled("me and {NAME:jamie} in <<HMP Brixton>> on {PHONE:07700 900123}")
	if err != nil {
		t.Fatal(err)
	}
	if lab.Text != "me and jamie in HMP Brixton on 07700 900123" {
		t.Fatalf("text = %q", lab.Text)
	}
	if len(lab.Expect) != 2 || lab.Text[lab.Expect[1].Start:lab.Expect[1].End] != "07700 900123" {
		t.Errorf("expect = %+v", lab.Expect)
	}
	if len(lab.Keep) != 1 || lab.Text[lab.Keep[0].Start:lab.Keep[0].End] != "HMP Brixton" {
		t.Errorf("keep = %+v", lab.Keep)
	}
	for _, bad := range []string{"{NAME:jamie", "{WHO:jamie}", "{jamie}", "<<HMP"} {
		if _, err := ParseLabelled(bad); err == nil {
			t.Errorf("ParseLabelled(%q): no error", bad)
		}
	}
}

func TestEvaluateScores(t *testing.T) {
	in := strings.Join([]string{
		"# comment",
		"me and {NAME:jamie} in <<HMP Brixton>>",
		"{NAME:Ebony} wants to be a youth worker", // a sentence-start weak name: missed
		"the bell in <<March>>",
	}, "\n")
	rep, err := Evaluate(New(Options{}), strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Lines != 3 {
		t.Errorf("lines = %d, want 3", rep.Lines)
	}
	if got := rep.Recall(Name); got != 0.5 {
		t.Errorf("name recall = %v, want 0.5", got)
	}
	if rep.KeepRate() != 1 || rep.Keep != 2 {
		t.Errorf("keep = %d/%d", rep.KeptIntact, rep.Keep)
	}
	var out strings.Builder
	if err := rep.Write(&out, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `MISS NAME "Ebony"`) {
		t.Errorf("verbose report lacks the miss:\n%s", out.String())
	}
}
