package screen

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// mustFlag lists disclosures that must flag, with a category they must
// carry. They cover the phrasing the brief calls out: slang, indirect
// wording, reported threats, first-person conditionals and negations that
// are disclosures in themselves.
var mustFlag = []struct{ text, category string }{
	{"i dont want to be here anymore", SelfHarm},
	{"dont see the point in anything no more", SelfHarm},
	{"Im gonna KILL MYSELF!!!", SelfHarm},
	{"been cuttin myself again", SelfHarm},
	{"if they ship me out again i swear ill kill myself", SelfHarm},
	{"that film made me want to kill myself", SelfHarm},
	{"my cellmate said hes gonna do the officer on C wing tomorrow", HarmToOthers},
	{"ive got a shank and im gonna use it on that grass", HarmToOthers},
	{"i owe the lads on the landing 3 double bubble and they said they'll stab me", AtRisk},
	{"they keep taxing my canteen", AtRisk},
	{"when i was little my uncle abused me", ChildProtection},
	{"one of the screws punched me in the seg", AllegationAgainstStaff},
	{"got a burner stashed in my pad", Security},
	{"my missus is plugging spice in on the next visit", Security},
	{"did loads of burglaries nobody ever caught me for", UndisclosedOffence},
	{"we're all going to refuse to bang up tonight", Security},            // soft idiom
	{"if my girl leaves me i'm ending it, simple as", SelfHarm},           // $ at a comma
	{"someone keeps leaving notes under my door saying i'm dead", AtRisk}, // "notes" is no negator
}

func TestScreenFlagsDisclosures(t *testing.T) {
	for _, tc := range mustFlag {
		res := Screen(tc.text)
		if !res.Flag || !contains(res.Categories, tc.category) {
			t.Errorf("Screen(%q) = %+v, want flag with %s", tc.text, res, tc.category)
		}
	}
}

// mustPass lists non-disclosures that must not flag: idioms, policy talk,
// negated and hypothetical mentions in the negatable categories, fiction
// and general statements about the past.
var mustPass = []string{
	"I'd die for a coffee",
	"this food is killing me",
	"I could murder a kebab",
	"the wifi is a joke, it's criminal",
	"my back is killing me on these mattresses",
	"i killed it in the exam",
	"self-harm procedures need updating",
	"there should be more support for people with debt",
	"staff should be trained on suicide prevention",
	"drugs come in through the post, they should scan letters",
	"i've never been in debt in here",
	"i don't take drugs",
	"if i had a phone i would call my mum every night",
	"we watched a documentary about a prison riot",
	"i used to get bullied at school but i'm fine now",
	"the gym is my escape from everything",
	"bang up is at half eight on weekends",
	"my mate got a new phone when he got out and rang me", // life outside
	"",
}

// TestScreenPassesNonDisclosures checks the rules: none of these may fire
// a rule. The statistical backstop is tuned for recall and is allowed to
// flag a few of them (it reads "i don't take drugs" as drug talk); the
// test logs which, and fails if it flags more than a quarter, which would
// mean the threshold has drifted far from the one validated in EVAL.md.
func TestScreenPassesNonDisclosures(t *testing.T) {
	backstop := 0
	for _, text := range mustPass {
		if res := ScreenRules(text); res.Flag {
			t.Errorf("ScreenRules(%q) flagged: %v", text, res.Reasons)
		}
		if res := Screen(text); res.Flag {
			backstop++
			t.Logf("backstop flags %q: %v", text, res.Reasons)
		}
	}
	if backstop*4 > len(mustPass) {
		t.Errorf("backstop flags %d of %d must-pass lines", backstop, len(mustPass))
	}
}

// TestNegationPolicy pins the documented policy: a denial of self-harm or
// of harm to others is still flagged, and says so.
// indirectWarnings are disclosures with no trigger word in them: warning
// signs of suicide, preparations with a target, and risks described
// around the edges. They pin the generalisation pass (see the package
// comment) with phrasings that are in none of the labelled sets.
var indirectWarnings = []struct{ text, category string }{
	{"i want my brother to have my trainers, i wont be needing them", SelfHarm},
	{"i wont be here for my daughters birthday", SelfHarm},
	{"my grandad passed and i just want to be with him now", SelfHarm},
	{"been keeping my night meds instead of taking them", SelfHarm},
	{"wrote a letter for my mum to open after", SelfHarm},
	{"ive got sugar and the kettle ready for that grass", HarmToOthers},
	{"me and the lads are planning to jump the new arrival at gym", HarmToOthers},
	{"my kids stepdad has a conviction for touching kids and hes moved in", ChildProtection},
	{"my celly keeps getting into my bed when the lights go off", AtRisk},
	{"if i dont hold the phone for them my mum gets a visit", AtRisk},
	{"the officer put his knee on my neck while i was on the floor", AllegationAgainstStaff},
	{"whole wing is refusing to go behind our doors tomorrow", Security},
	{"my cousin is flying a drone in on friday", Security},
	{"did a few shops on my tag and nobody clocked it", UndisclosedOffence},
}

func TestScreenFlagsIndirectWarnings(t *testing.T) {
	for _, tc := range indirectWarnings {
		res := Screen(tc.text)
		if !res.Flag || !contains(res.Categories, tc.category) {
			t.Errorf("Screen(%q) = %+v, want flag with %s", tc.text, res, tc.category)
		}
	}
}

// TestBroadMatchSafetyNet checks the recall safety net: a broad risk word
// flags in a personal sentence, with its own reason, but not in policy
// talk or fiction, and not inside an everyday phrase that merely looks
// like a warning sign.
func TestBroadMatchSafetyNet(t *testing.T) {
	res := Screen("i have a stockpile in my cell")
	if !res.Flag || !strings.Contains(strings.Join(res.Reasons, ";"), "possible risk (broad match)") {
		t.Errorf("personal broad match: got %+v, want a broad-match flag", res)
	}
	weak := Screen("tell my brother to look after mum for me from now on, sorry for everything")
	if !weak.Flag || !strings.Contains(strings.Join(weak.Reasons, ";"), "weak signals") {
		t.Errorf("weak signals: got %+v, want a weak-signal flag", weak)
	}
	for _, text := range []string{
		"staff should check cells for ligature points more often",
		"my son is scared of the dark",            // one weak signal is not enough
		"they should look after lads from now on", // policy talk
		"the documentary was about a man hoarding stuff",
		"i wont be here for long, im getting transferred to a cat d",
		"i want to see my kids more",
		"my son wants a drone for his birthday",
		"i did a job interview at the warehouse",
		"we are gonna batter them at football against c wing",
	} {
		if res := ScreenRules(text); res.Flag {
			t.Errorf("Screen(%q) flagged: %v", text, res.Reasons)
		}
	}
}

func TestNegationPolicy(t *testing.T) {
	for _, tc := range []struct{ text, category string }{
		{"i'm not going to hurt anyone", HarmToOthers},
		{"i'm not going to kill myself", SelfHarm},
	} {
		res := Screen(tc.text)
		if !contains(res.Categories, tc.category) {
			t.Fatalf("Screen(%q) = %+v, want %s", tc.text, res, tc.category)
		}
		if !strings.Contains(strings.Join(res.Reasons, "\n"), "negated") {
			t.Errorf("Screen(%q) reasons %v do not say it was negated", tc.text, res.Reasons)
		}
	}
}

func TestReasonsNameTheTrigger(t *testing.T) {
	res := Screen("been cutting myself again")
	want := "first-person self-harm: 'cutting myself'"
	if !contains(res.Reasons, want) {
		t.Errorf("reasons = %q, want %q among them", res.Reasons, want)
	}
}

func TestEmptyResultEncodesEmptyArrays(t *testing.T) {
	got, err := json.Marshal(Screen("   "))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"flag":false,"categories":[],"reasons":[]}`; string(got) != want {
		t.Errorf("json = %s, want %s", got, want)
	}
}

func TestCategoriesInFixedOrder(t *testing.T) {
	want := []string{SelfHarm, HarmToOthers, ChildProtection, AtRisk,
		AllegationAgainstStaff, Security, UndisclosedOffence}
	if got := Categories(); !reflect.DeepEqual(got, want) {
		t.Errorf("Categories() = %v, want %v", got, want)
	}
	res := Screen("im gonna stab him and then kill myself")
	if !contains(res.Categories, SelfHarm) || !contains(res.Categories, HarmToOthers) {
		t.Fatalf("categories = %v, want self_harm and harm_to_others", res.Categories)
	}
	rank := map[string]int{}
	for i, c := range want {
		rank[c] = i
	}
	for i := 1; i < len(res.Categories); i++ {
		if rank[res.Categories[i-1]] > rank[res.Categories[i]] {
			t.Errorf("categories %v not in Categories() order", res.Categories)
		}
	}
}

// TestConcurrentScreenIsDeterministic screens the main set from several
// goroutines and compares with a sequential run (run with -race to check
// for data races too).
func TestConcurrentScreenIsDeterministic(t *testing.T) {
	examples := readSet(t, "testdata/main.tsv")
	want := make([]Result, len(examples))
	for i, ex := range examples {
		want[i] = Screen(ex.Text)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, ex := range examples {
				if got := Screen(ex.Text); !reflect.DeepEqual(got, want[i]) {
					errs <- ex.Text
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for text := range errs {
		t.Errorf("concurrent result differs for %q", text)
	}
}

func TestEveryCategoryHasRules(t *testing.T) {
	e, err := loadEngine()
	if err != nil {
		t.Fatal(err)
	}
	perCategory := map[string]int{}
	for _, r := range e.rules {
		perCategory[r.category]++
	}
	for _, c := range Categories() {
		if perCategory[c] < 10 {
			t.Errorf("category %s has %d rules, want at least 10", c, perCategory[c])
		}
	}
}

func readSet(t *testing.T, path string) []Example {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	examples, err := ReadLabelled(f)
	if err != nil {
		t.Fatal(err)
	}
	return examples
}

// TestReassuranceDampensTopicsOnly checks the reassurance cue both ways:
// the same topic trigger flags without it and not with it, while
// self-harm and direct triggers are never talked down by it.
func TestReassuranceDampensTopicsOnly(t *testing.T) {
	pairs := []struct{ without, with string }{
		{"a lad on my wing owes me a tin of coffee", "a lad on my wing owes me a tin of coffee, it's nothing serious"},
		{"my son ran at me on the visit", "the visit was brilliant, my son ran at me"},
	}
	for _, p := range pairs {
		if !ScreenRules(p.without).Flag {
			t.Errorf("ScreenRules(%q) passed; the pair needs a flagging topic line", p.without)
		}
		if res := ScreenRules(p.with); res.Flag {
			t.Errorf("ScreenRules(%q) = %+v, want reassurance to dampen the topic trigger", p.with, res)
		}
	}
	stillFlag := []struct{ text, category string }{
		{"i cut my arm again last night, it's nothing serious", SelfHarm},
		{"i was on an acct and the staff were good with me", SelfHarm},
		{"the staff were good with me but they said they'll stab me tonight", AtRisk},
	}
	for _, tc := range stillFlag {
		if res := ScreenRules(tc.text); !res.Flag || !contains(res.Categories, tc.category) {
			t.Errorf("ScreenRules(%q) = %+v, want flag with %s", tc.text, res, tc.category)
		}
	}
}
