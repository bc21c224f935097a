package screen

import (
	"bytes"
	"strings"
	"testing"
)

func TestReadLabelled(t *testing.T) {
	in := "# comment\n\n1\tself_harm,at_risk\ti want to die\n0\t-\tnice day\n"
	got, err := ReadLabelled(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got[0].Disclosure || got[1].Disclosure {
		t.Fatalf("got %+v", got)
	}
	if len(got[0].Categories) != 2 || got[0].Line != 3 || got[1].Categories != nil {
		t.Errorf("got %+v", got)
	}
}

func TestReadLabelledErrors(t *testing.T) {
	for _, in := range []string{
		"1\tself_harm",                 // two fields
		"2\tself_harm\ttext",           // bad label
		"1\tno_such_category\ttext",    // unknown category
		"1\t-\ta disclosure needs one", // disclosure without category
	} {
		if _, err := ReadLabelled(strings.NewReader(in)); err == nil {
			t.Errorf("ReadLabelled(%q) succeeded, want error", in)
		}
	}
}

func TestEvaluateCounts(t *testing.T) {
	examples := []Example{
		{Disclosure: true, Categories: []string{SelfHarm}, Text: "a"},
		{Disclosure: true, Categories: []string{Security}, Text: "b"},
		{Disclosure: false, Text: "c"},
		{Disclosure: false, Text: "d"},
	}
	// a fake screen: flags "a" as self_harm and "c" as security.
	fake := func(text string) Result {
		switch text {
		case "a":
			return Result{Flag: true, Categories: []string{SelfHarm}}
		case "c":
			return Result{Flag: true, Categories: []string{Security}}
		}
		return Result{}
	}
	rep := Evaluate(examples, fake)
	if rep.Recall() != 0.5 || rep.FalseFlagRate() != 0.5 || rep.MeetsTargets() {
		t.Errorf("recall %v, false flags %v, meets %v", rep.Recall(), rep.FalseFlagRate(), rep.MeetsTargets())
	}
	if st := rep.PerCategory[Security]; st.Labelled != 1 || st.Found != 0 {
		t.Errorf("security stat = %+v", st)
	}
	var buf bytes.Buffer
	if err := rep.Write(&buf, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"recall: 0.500", "false-flag rate: 0.500", "targets: NOT met", "missed disclosure", "false flag"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, buf.String())
		}
	}
}

// TestMainSetMeetsTargets is the accuracy gate: the main labelled set must
// meet the recall and false-flag targets. The other sets are reported but
// not gated, because they were written to measure, not to pass. All but
// the sets in UnseenSets are training data for the backstop, so their
// figures here are in-sample; testdata/EVAL.md has the honest figures.
func TestMainSetMeetsTargets(t *testing.T) {
	examples := readSet(t, "testdata/main.tsv")
	if len(examples) < 200 {
		t.Fatalf("main set has %d examples, want at least 200", len(examples))
	}
	rep := Evaluate(examples, Screen)
	t.Logf("main: recall %.3f, false-flag rate %.3f (%d/%d)", rep.Recall(), rep.FalseFlagRate(),
		rep.Disclosures, rep.NonDisclosures)
	if !rep.MeetsTargets() {
		var buf bytes.Buffer
		_ = rep.Write(&buf, true)
		t.Errorf("main set misses the targets:\n%s", buf.String())
	}
	sets, err := ReadSetDir("testdata", []string{LOSOTrainingSet})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sets {
		held := Evaluate(s.Examples, Screen)
		t.Logf("%s: recall %.3f, false-flag rate %.3f (%d/%d)", s.Name, held.Recall(),
			held.FalseFlagRate(), held.Disclosures, held.NonDisclosures)
	}
}
