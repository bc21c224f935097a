package redact

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRedactCases(t *testing.T) {
	r := New(Options{})
	cases := []struct{ in, want string }{
		{"me and jamie got moved", "me and [NAME] got moved"},
		{"my number is A1234BC", "my number is [PRISON_NUMBER]"},
		{"his was g5678hj", "his was [PRISON_NUMBER]"},
		{"pnc 2004/2530830M", "pnc [PNC]"},
		{"cro SF95/557550B", "cro [CRO]"},
		{"ni AB 12 34 56 C ok", "ni [NI_NUMBER] ok"},
		{"ni ab 12 34 56 c", "ni [NI_NUMBER]"},
		{"on 12 34 56 then", "on 12 34 56 then"},
		{"nhs 943 476 5919", "nhs [NHS_NUMBER]"},
		{"ring +44 7700 900123 now", "ring [PHONE] now"},
		{"ring (020) 7946 0018", "ring [PHONE]"},
		{"mail a.b@example.co.uk.", "mail [EMAIL]."},
		{"at 22 Acacia Avenue SW1A 1AA", "at [ADDRESS] [POSTCODE]"},
		{"Flat 3, 14 Meadow Close", "[ADDRESS]"},
		{"court on 12th March 2019", "court on [DATE]"},
		{"born 03/04/1999", "born [DATE]"},
		{"case number 778812", "case number [REFERENCE]"},
		{"Mr Smith said no", "Mr [NAME] said no"},
		{"Officer Jones searched me", "Officer [NAME] searched me"},
		{"my mate Dazza", "my mate [NAME]"},
		{"Danny \"Smudge\" Smith", "[NAME] \"[NAME]\" [NAME]"},
		{"they call him 'Tiny'", "they call him '[NAME]'"},
		{"Mary-Jane came", "[NAME] came"},
		{"i asked Will and Will said yes", "i asked [NAME] and [NAME] said yes"},
		// The broad name list: a capital is needed, and at the start of a
		// sentence what follows must read like a person's.
		{"Wojciech on my landing translates", "[NAME] on my landing translates"},
		{"Łukasz and Paweł Nowak work in the kitchen", "[NAME] and [NAME] work in the kitchen"},
		{"Halal options are rubbish", "Halal options are rubbish"},
		{"the Lifers Forum meets", "the Lifers Forum meets"},
		{"apple picking near Taunton", "apple picking near Taunton"},
		{"Besnik Hoxha says hi", "[NAME] says hi"},
		{"no contact with Jordan Pike but", "no contact with [NAME] but"},
		{"Will on my landing lends burn", "[NAME] on my landing lends burn"},
		{"my mum Farhiya cries", "my mum [NAME] cries"},
		{"his mum doesn't know", "his mum doesn't know"},
		{"my cousin's baby ain't been fed", "my cousin's baby ain't been fed"},
		{"tell my mam I'm sorry", "tell my mam I'm sorry"},
		{"'Smudge' runs the listeners", "'[NAME]' runs the listeners"},
		{"\"Nobody died\" on the drill", "\"Nobody died\" on the drill"},
		{"on the 9th of April 2026 ok", "on [DATE] ok"},
		{"moved to 3 Mar 25 without", "moved to [DATE] without"},
		{"in Flat 9, Kestrel House, 3 Orchard Way and", "in [ADDRESS] and"},
		{"bail at 112 Stratford Road, Sparkhill now", "bail at [ADDRESS] now"},
		{"lives at 22 Leigh Road, Manchester now", "lives at [ADDRESS], Manchester now"},
		{"Frank on my", "Frank on my"}, // looking past the end of the line is safe
		{"his NI number me 13 81 75 c off his phone", "his NI number [NI_NUMBER] off his phone"},
	}
	for _, c := range cases {
		if got := r.Redact(c.in).Text; got != c.want {
			t.Errorf("Redact(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// TestMustKeep lists traps that a careless redactor would damage.
func TestMustKeep(t *testing.T) {
	r := New(Options{})
	for _, in := range []string{
		"back in 2019 it was worse",
		"in March they locked us down",
		"on Monday we get gym",
		"did 18 months on remand",
		"i'm on cell 214 on B wing",
		"moved from HMP Brixton to Feltham",
		"grew up in Manchester then Wandsworth",
		"HMPPS MoJ OMU ACCT ROTL IEP OMiC NOMIS IMB YOI",
		"i will hope for the best, may be grace will come",
		"the officer came and the governor said no",
		"the Old Bill came round",
		"Will you help me",
	} {
		if res := r.Redact(in); len(res.Spans) != 0 {
			t.Errorf("Redact(%q) = %q, want unchanged", in, res.Text)
		}
	}
}

func TestSpansPointAtOriginal(t *testing.T) {
	in := "call Jamie on 07700 900123\nor email x@y.com"
	res := New(Options{}).Redact(in)
	if len(res.Spans) != 3 {
		t.Fatalf("got %d spans, want 3: %+v", len(res.Spans), res.Spans)
	}
	for _, sp := range res.Spans {
		if in[sp.Start:sp.End] != sp.Text {
			t.Errorf("span %+v does not match input text %q", sp, in[sp.Start:sp.End])
		}
	}
	if res.Spans[2].Category != Email || res.Spans[2].Text != "x@y.com" {
		t.Errorf("last span = %+v, want the e-mail on line 2", res.Spans[2])
	}
}

func TestAllowDeny(t *testing.T) {
	r := New(Options{
		Allow: []string{"Jamie", "Grace Kelly"},
		Deny:  []string{"Smudge", "REFERENCE:Op Bluebird", "window"},
	})
	cases := []struct{ in, want string }{
		{"me and jamie went", "me and jamie went"},
		{"Grace Kelly was in a film", "Grace Kelly was in a film"},
		{"smudge came round", "[NAME] came round"},
		{"they ran op bluebird", "they ran [REFERENCE]"},
		{"kyle broke the window", "[NAME] broke the [NAME]"},
	}
	for _, c := range cases {
		if got := r.Redact(c.in).Text; got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// Another Redactor must not see the first one's lists.
	if got := New(Options{}).Redact("me and jamie went").Text; got != "me and [NAME] went" {
		t.Errorf("default redactor: got %q", got)
	}
}

func TestLineCountPreserved(t *testing.T) {
	in := "kyle\n\nA1234BC and 07700 900123\nnothing here\n"
	out := New(Options{}).Redact(in).Text
	if strings.Count(out, "\n") != strings.Count(in, "\n") {
		t.Errorf("line count changed: %q -> %q", in, out)
	}
}

// TestLabelledTargets keeps the accuracy targets from regressing on the
// tuning set; the command reports the figures.
func TestLabelledTargets(t *testing.T) {
	f, err := os.Open("testdata/labelled.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := Evaluate(New(Options{}), f)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Lines < 300 {
		t.Errorf("labelled set has %d lines, want at least 300", rep.Lines)
	}
	checks := []struct {
		name      string
		got, want float64
	}{
		{"identifiers", rep.Recall(GroupIdentifiers...), 0.98},
		{"contacts", rep.Recall(GroupContacts...), 0.98},
		{"dates", rep.Recall(GroupDates...), 0.98},
		{"names", rep.Recall(GroupNames...), 0.90},
		{"must-keep", rep.KeepRate(), 0.97},
	}
	for _, c := range checks {
		if c.got < c.want {
			t.Errorf("%s = %.3f, want >= %.2f", c.name, c.got, c.want)
		}
	}
}

// FuzzRedact checks two properties on any single line: no detected item
// survives as a whole word in the output, and spans are in order, in
// bounds and match the input.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"me and jamie got moved", "A1234BC 2004/2530830M SF95/557550B", "AB 12 34 56 C",
		"943 476 5919 +44 7700 900123", "Flat 3, 22 Acacia Avenue SW1A 1AA", "12th March 2019",
		"Danny \"Smudge\" Smith", "Will said Will", "x@y.com x@y.com", "jamie's jamie",
		// Rules look ahead; these end where a look-ahead would run off the line.
		"Frank on my", "Tom my", "my solicitor is", "Rose in the", "'Tiny", "the 9th of", "Flat 9, Kestrel House,",
		"Łukasz", "Wojciech and", "me 13 81", "3 Mar",
	} {
		f.Add(s)
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) {
			t.Skip()
		}
		in = strings.ReplaceAll(in, "\n", " ")
		res := r.Redact(in)
		prev := 0
		for _, sp := range res.Spans {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(in) || in[sp.Start:sp.End] != sp.Text {
				t.Fatalf("bad span %+v for %q", sp, in)
			}
			prev = sp.End
			if containsWord(res.Text, sp.Text) {
				t.Fatalf("output %q still holds %q", res.Text, sp.Text)
			}
		}
	})
}

// containsWord reports whether w occurs in s bounded by non-word runes.
func containsWord(s, w string) bool {
	for from := 0; from < len(s); {
		at := strings.Index(s[from:], w)
		if at < 0 {
			return false
		}
		at += from
		if wholeWord(s, at, at+len(w)) {
			return true
		}
		from = at + 1
	}
	return false
}

// TestLongLine guards the linear-time design: a line with many items must
// still be handled item by item (a quadratic pass here once hung).
func TestLongLine(t *testing.T) {
	in := strings.Repeat("jamie and 07700 900123 ", 5000)
	res := New(Options{}).Redact(in)
	if len(res.Spans) != 10000 {
		t.Fatalf("got %d spans, want 10000", len(res.Spans))
	}
	if strings.Contains(res.Text, "jamie") || strings.Contains(res.Text, "900123") {
		t.Error("an item survived")
	}
}

func TestPropagatesWithinLine(t *testing.T) {
	got := New(Options{}).Redact("my mate Will came, Will's mum too").Text
	if want := "my mate [NAME] came, [NAME]'s mum too"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestConcurrentUse runs one Redactor from several goroutines; run with
// -race to check the pooled state is not shared.
func TestConcurrentUse(t *testing.T) {
	r := New(Options{Deny: []string{"smudge"}})
	in := "me and jamie, smudge and A1234BC on 07700 900123"
	want := r.Redact(in).Text
	done := make(chan string)
	for g := 0; g < 8; g++ {
		go func() {
			var last string
			for k := 0; k < 200; k++ {
				last = r.Redact(in).Text
			}
			done <- last
		}()
	}
	for g := 0; g < 8; g++ {
		if got := <-done; got != want {
			t.Errorf("goroutine got %q, want %q", got, want)
		}
	}
}
