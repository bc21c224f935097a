package templates

import (
	"errors"
	"testing"

	"peervoice/demo"
	"peervoice/domain"
)

// filled gives a template's defaults the fields a coordinator must supply,
// so that what remains to check is the template itself.
func filled(p domain.Programme) domain.Programme {
	p.Slug, p.Title, p.StartDate, p.EndDate = "x-programme", "X", "2026-01-01", "2026-06-30"
	return p
}

func TestEveryTemplateValidates(t *testing.T) {
	for _, key := range Keys() {
		p, as := New(key)
		p = filled(p)
		if err := p.Validate(); err != nil {
			t.Errorf("%s: programme: %v", key, err)
		}
		seen := map[string]bool{}
		for i, a := range as {
			if err := a.Validate(); err != nil {
				t.Errorf("%s: area %d: %v", key, i, err)
			}
			if seen[a.Key] || a.Position != i+1 {
				t.Errorf("%s: area %q duplicated or out of order (position %d)", key, a.Key, a.Position)
			}
			seen[a.Key] = true
		}
		if p.SuppressionThreshold != domain.DefaultThreshold {
			t.Errorf("%s: threshold %d", key, p.SuppressionThreshold)
		}
	}
}

func TestHMPPSMatchesTheSixDemoAreas(t *testing.T) {
	p, as := New(HMPPS)
	if p.Template != "hmpps_strategy" || len(as) != 6 {
		t.Fatalf("template %q with %d areas", p.Template, len(as))
	}
	for i, a := range as {
		d := demo.Areas[i]
		if a.Key != d.Key || a.Name != d.Name || len(a.Questions) != len(d.Questions) || a.Questions[0] != d.Questions[0] {
			t.Errorf("area %d = %+v, want %s %s", i, a, d.Key, d.Name)
		}
	}
}

func TestYouthCommissionAreas(t *testing.T) {
	p, as := New(Youth)
	want := []string{"Stop and search", "Trust and confidence", "Young people as victims", "Policing online", "Engagement and scrutiny"}
	if p.Template != "youth_policing" || len(as) != len(want) {
		t.Fatalf("template %q with %d areas", p.Template, len(as))
	}
	for i, a := range as {
		if a.Name != want[i] || len(a.Questions) < 3 {
			t.Errorf("area %d = %q with %d questions", i, a.Name, len(a.Questions))
		}
	}
}

func TestBlankHasNoAreas(t *testing.T) {
	p, as := New(Blank)
	if p.Template != Blank || len(as) != 0 || p.RetentionDays != domain.DefaultRetentionDays {
		t.Fatalf("blank: %+v %v", p, as)
	}
}

func TestLookupAcceptsKeyAndStoredName(t *testing.T) {
	for _, k := range []string{"hmpps", "HMPPS", "hmpps_strategy", " youth ", "youth_policing"} {
		if _, err := Lookup(k); err != nil {
			t.Errorf("Lookup(%q): %v", k, err)
		}
	}
	_, err := Lookup("police")
	if !errors.Is(err, domain.ErrInvalid) || domain.ErrorMessage(err) == "" {
		t.Fatalf("unknown template: %v", err)
	}
}

func TestNewReturnsIndependentCopies(t *testing.T) {
	_, a := New(HMPPS)
	a[0].Questions[0] = "changed"
	a[0].Name = "changed"
	_, b := New(HMPPS)
	if b[0].Name == "changed" || b[0].Questions[0] == "changed" || demo.Areas[0].Questions[0] == "changed" {
		t.Fatal("a template shares state between calls")
	}
}
