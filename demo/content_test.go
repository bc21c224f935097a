package demo

import (
	"regexp"
	"strings"
	"testing"
)

// siteTypes are the seven setting types the generator understands.
var siteTypes = []string{"yoi", "womens_prison", "cat_b", "cat_c", "cat_d", "approved_premises", "probation_office"}

// areaKeys are the area keys in programme order.
var areaKeys = []string{"safety", "staffing", "data", "technology", "estates", "needs"}

// Patterns for identifiers that redaction must catch. They are deliberately
// narrow: the point is to prove the identifier set covers each kind, and
// that ordinary contributions carry none of the machine-shaped ones.
var (
	rePrisonNumber = regexp.MustCompile(`\b[A-Z]\d{4}[A-Z]{2}\b`)
	rePhone        = regexp.MustCompile(`\b07700 ?900\d{3}\b`)
	reEmail        = regexp.MustCompile(`\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b`)
	rePostcode     = regexp.MustCompile(`\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b`)
	reAddress      = regexp.MustCompile(`(?i)\b\d+ [A-Z][a-z]+ (Road|Lane|Street)\b|\bflat \d+\b`)
	reDate         = regexp.MustCompile(`\b\d{1,2}(st|nd|rd|th)? (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b|\b\d{2}/\d{2}/\d{4}\b`)
	reReference    = regexp.MustCompile(`\b[A-Z]{3,5}-\d{4}-\d{3,5}\b`)
	reTitledName   = regexp.MustCompile(`\b(Officer|Mr|Mrs|Miss|Ms) [A-Z][a-z]+\b`)
	reNickname     = regexp.MustCompile(`"[A-Z][a-z]+"`)
)

func TestAreasShape(t *testing.T) {
	if len(Areas) != len(areaKeys) {
		t.Fatalf("got %d areas, want %d", len(Areas), len(areaKeys))
	}
	for i, a := range Areas {
		if a.Key != areaKeys[i] {
			t.Errorf("area %d key = %q, want %q", i, a.Key, areaKeys[i])
		}
		if strings.TrimSpace(a.Name) == "" {
			t.Errorf("area %q has no name", a.Key)
		}
		if n := len(a.Questions); n < 3 || n > 5 {
			t.Errorf("area %q has %d questions, want 3-5", a.Key, n)
		}
		if n := len(a.Contributions); n < 115 {
			t.Errorf("area %q has %d contributions, want at least 115", a.Key, n)
		}
	}
}

// allContributions returns every contribution, area and special, in one list.
func allContributions() []string {
	var all []string
	for _, a := range Areas {
		all = append(all, a.Contributions...)
	}
	all = append(all, IdentifierContributions...)
	return append(all, DisclosureContributions...)
}

// normalise folds case and spacing so near-identical duplicates collide.
func normalise(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

func TestContributionsDistinctAndNonEmpty(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range allContributions() {
		if strings.TrimSpace(c) == "" || c != strings.TrimSpace(c) {
			t.Errorf("empty or untrimmed contribution %q", c)
		}
		n := normalise(c)
		if seen[n] {
			t.Errorf("duplicate contribution %q", c)
		}
		seen[n] = true
	}
}

func TestContributionLengths(t *testing.T) {
	for _, a := range Areas {
		short, long := 0, 0
		for _, c := range a.Contributions {
			words := len(strings.Fields(c))
			if words < 3 || words > 60 {
				t.Errorf("area %q: %d words in %q, want 3-60", a.Key, words, c)
			}
			if words <= 10 {
				short++
			}
			if words >= 25 {
				long++
			}
		}
		// A real flipchart has terse notes and long rants; both must appear.
		if short < 10 || long < 5 {
			t.Errorf("area %q: %d short and %d long contributions, want at least 10 and 5", a.Key, short, long)
		}
	}
}

// openingWords returns the first four words, lower-cased and stripped of
// punctuation, as a crude fingerprint of a templated sentence.
func openingWords(s string) string {
	words := strings.Fields(strings.ToLower(s))
	if len(words) > 4 {
		words = words[:4]
	}
	for i, w := range words {
		words[i] = strings.Trim(w, ".,!?'\"")
	}
	return strings.Join(words, " ")
}

func TestContributionVariety(t *testing.T) {
	const maxShared = 2
	counts := map[string]int{}
	for _, c := range allContributions() {
		counts[openingWords(c)]++
	}
	for opening, n := range counts {
		if n > maxShared {
			t.Errorf("%d contributions open with %q, want at most %d", n, opening, maxShared)
		}
	}
}

func TestContributionsVaryInRegister(t *testing.T) {
	for _, a := range Areas {
		lower := 0
		for _, c := range a.Contributions {
			if c[0] >= 'a' && c[0] <= 'z' {
				lower++
			}
		}
		// Typed-up flipcharts keep participants' own casing.
		if lower < 5 || lower > len(a.Contributions)/2 {
			t.Errorf("area %q: %d lower-case openings, want between 5 and half", a.Key, lower)
		}
	}
}

func TestAreaContributionsCarryNoIdentifiers(t *testing.T) {
	machine := []*regexp.Regexp{rePrisonNumber, rePhone, reEmail, rePostcode, reReference, reDate, reTitledName, reNickname}
	for _, a := range Areas {
		for _, c := range a.Contributions {
			for _, re := range machine {
				if re.MatchString(c) {
					t.Errorf("area %q contribution carries an identifier (%s): %q", a.Key, re, c)
				}
			}
			if strings.Contains(c, "HMP") || strings.Contains(c, "HMYOI") {
				t.Errorf("area %q contribution names an establishment: %q", a.Key, c)
			}
		}
	}
}

func TestIdentifierContributionsCoverEachKind(t *testing.T) {
	if len(IdentifierContributions) != 12 {
		t.Fatalf("got %d identifier contributions, want 12", len(IdentifierContributions))
	}
	kinds := map[string]*regexp.Regexp{
		"prison number": rePrisonNumber, "phone": rePhone, "email": reEmail,
		"postcode": rePostcode, "address": reAddress, "date": reDate,
		"reference": reReference, "titled name": reTitledName, "nickname": reNickname,
	}
	for kind, re := range kinds {
		if !anyMatch(re, IdentifierContributions) {
			t.Errorf("no identifier contribution contains a %s", kind)
		}
	}
	if !anyMatch(regexp.MustCompile(`\b[a-z]+ [a-z]+ski\b|^[a-z]+ [a-z]+ from`), IdentifierContributions) {
		t.Error("no identifier contribution contains a lower-case person name")
	}
}

// anyMatch reports whether re matches at least one of texts.
func anyMatch(re *regexp.Regexp, texts []string) bool {
	for _, s := range texts {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

func TestDisclosureContributions(t *testing.T) {
	if len(DisclosureContributions) != 12 {
		t.Fatalf("got %d disclosure contributions, want 12", len(DisclosureContributions))
	}
	for _, d := range DisclosureContributions {
		// Disclosures are first-person: the speaker talks about themselves.
		if !regexp.MustCompile(`(?i)\b(I|I'm|I've|me|my)\b`).MatchString(d) {
			t.Errorf("disclosure is not first-person: %q", d)
		}
	}
}

func TestStatements(t *testing.T) {
	if len(Statements) < 40 {
		t.Errorf("got %d statements, want at least 40", len(Statements))
	}
	perArea := map[string]int{}
	seen := map[string]bool{}
	for _, s := range Statements {
		perArea[s.Area]++
		if n := len([]rune(s.Text)); n == 0 || n > 140 {
			t.Errorf("statement %q is %d characters, want 1-140", s.Text, n)
		}
		if seen[normalise(s.Text)] {
			t.Errorf("duplicate statement %q", s.Text)
		}
		seen[normalise(s.Text)] = true
	}
	checkSpread(t, "statements", perArea, 4)
}

func TestMotions(t *testing.T) {
	if len(Motions) < 10 {
		t.Errorf("got %d motions, want at least 10", len(Motions))
	}
	perArea := map[string]int{}
	for _, m := range Motions {
		perArea[m.Area]++
		if !strings.HasPrefix(m.Motion, "This house believes ") {
			t.Errorf("motion %q does not start with 'This house believes'", m.Motion)
		}
	}
	checkSpread(t, "motions", perArea, 1)
}

// checkSpread fails if any area has fewer than min items or an unknown area
// key is used.
func checkSpread(t *testing.T, what string, perArea map[string]int, min int) {
	t.Helper()
	for _, k := range areaKeys {
		if perArea[k] < min {
			t.Errorf("area %q has %d %s, want at least %d", k, perArea[k], what, min)
		}
		delete(perArea, k)
	}
	for k := range perArea {
		t.Errorf("%s use unknown area %q", what, k)
	}
}

func TestTeamIdeas(t *testing.T) {
	if len(TeamIdeas) != len(areaKeys) {
		t.Errorf("team ideas cover %d areas, want %d", len(TeamIdeas), len(areaKeys))
	}
	for _, k := range areaKeys {
		if n := len(TeamIdeas[k]); n < 8 || n > 12 {
			t.Errorf("area %q has %d team ideas, want 8-12", k, n)
		}
	}
}

func TestSites(t *testing.T) {
	if len(Sites) != len(siteTypes) {
		t.Fatalf("got %d sites, want %d", len(Sites), len(siteTypes))
	}
	types := map[string]bool{}
	for _, s := range Sites {
		types[s.Type] = true
		if s.Name == "" || s.Region == "" || s.Contact == "" || s.SecurityNotes == "" {
			t.Errorf("site %+v has an empty field", s)
		}
	}
	for _, want := range siteTypes {
		if !types[want] {
			t.Errorf("no site of type %q", want)
		}
	}
}

func TestFacilitators(t *testing.T) {
	if len(Facilitators) < 4 {
		t.Fatalf("got %d facilitators, want at least 4", len(Facilitators))
	}
	if Facilitators[0].Email != "facilitator@demo.test" || Facilitators[1].Email != "facilitator2@demo.test" {
		t.Errorf("first two facilitator emails = %q, %q", Facilitators[0].Email, Facilitators[1].Email)
	}
	emails := map[string]bool{}
	for _, f := range Facilitators {
		if f.Name == "" || strings.TrimSpace(f.LivedExperience) == "" {
			t.Errorf("facilitator %+v lacks a name or lived experience", f)
		}
		if !strings.HasSuffix(f.Email, "@demo.test") || emails[f.Email] {
			t.Errorf("facilitator email %q is not a unique @demo.test address", f.Email)
		}
		emails[f.Email] = true
	}
}
