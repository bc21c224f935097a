package intake

import (
	"context"
	"errors"
	"testing"

	"peervoice/domain"
)

// memRules is an in-memory RulesStore counting its reads.
type memRules struct {
	rules map[string][]Rule
	reads int
	err   error
}

func (m *memRules) RedactionRules(_ context.Context, programmeID string) ([]Rule, error) {
	m.reads++
	return m.rules[programmeID], m.err
}

func TestForProgrammeUsesTheProgrammesLists(t *testing.T) {
	ctx := context.Background()
	const text = "I spoke to Dave Smith about the Lifers Forum yesterday"
	rs := &memRules{rules: map[string][]Rule{}}
	base, err := ForProgramme(ctx, rs, "p-lists")
	if err != nil {
		t.Fatal(err)
	}
	if got := base.Redact(text).Text; got != "I spoke to [NAME] about the Lifers Forum yesterday" {
		t.Fatalf("without rules: %q", got)
	}
	rs.rules["p-lists"] = []Rule{
		{Phrase: "dave smith", Kind: Allow},
		{Phrase: "lifers forum", Kind: Deny, Category: "REFERENCE"},
	}
	p, err := ForProgramme(ctx, rs, "p-lists")
	if err != nil {
		t.Fatal(err)
	}
	res := p.Redact(text)
	if res.Text != "I spoke to Dave Smith about the [REFERENCE] yesterday" {
		t.Fatalf("with rules: %q", res.Text)
	}
	if len(res.Spans) != 1 || res.Spans[0].Text != "Lifers Forum" || text[res.Spans[0].Start:res.Spans[0].End] != "Lifers Forum" {
		t.Fatalf("spans: %+v", res.Spans)
	}
	// Another programme's lists do not leak in.
	other, err := ForProgramme(ctx, rs, "p-other")
	if err != nil {
		t.Fatal(err)
	}
	if got := other.Redact(text).Text; got != "I spoke to [NAME] about the Lifers Forum yesterday" {
		t.Fatalf("other programme: %q", got)
	}
}

func TestForProgrammeCachesUntilRulesChange(t *testing.T) {
	ctx := context.Background()
	rs := &memRules{rules: map[string][]Rule{"p-cache": {{Phrase: "x", Kind: Allow}}}}
	a, _ := ForProgramme(ctx, rs, "p-cache")
	b, _ := ForProgramme(ctx, rs, "p-cache")
	if a != b || rs.reads != 2 {
		t.Fatalf("unchanged rules rebuilt the pipeline (same=%v) or skipped the read (%d)", a == b, rs.reads)
	}
	rs.rules["p-cache"] = append(rs.rules["p-cache"], Rule{Phrase: "y", Kind: Deny, Category: "NAME"})
	c, _ := ForProgramme(ctx, rs, "p-cache")
	if c == b {
		t.Fatal("a changed rule list kept the old pipeline")
	}
	rs.err = errors.New("database gone")
	if _, err := ForProgramme(ctx, rs, "p-cache"); err == nil {
		t.Fatal("a failed read was not reported")
	}
}

func TestRuleValidate(t *testing.T) {
	r := Rule{Phrase: "  Big   TEL ", Kind: Deny, Category: "NAME", DecidedBy: "u"}
	if err := r.Validate(); err != nil || r.Phrase != "big tel" {
		t.Fatalf("valid rule: %v %q", err, r.Phrase)
	}
	r = Rule{Phrase: "x", Kind: Allow, Category: "NAME", DecidedBy: "u"}
	if err := r.Validate(); err != nil || r.Category != "" {
		t.Fatalf("allow keeps no category: %v %q", err, r.Category)
	}
	r = Rule{Phrase: "x", Kind: Deny, Category: "SHOE_SIZE", DecidedBy: "u"}
	var de *domain.Error
	if err := r.Validate(); !errors.As(err, &de) || de.Fields["category"] == "" {
		t.Fatalf("unknown category: %v", err)
	}
}

func TestKeepAllowedUndoesTitledAndRepeatedNames(t *testing.T) {
	const text = "I spoke to Dave Smith about Mr Smith and Miss Collins"
	p := New(OptionsFrom(nil))
	res := p.Redact(text)
	if len(res.Spans) < 3 {
		t.Fatalf("fixture: %q %+v", res.Text, res.Spans)
	}
	rules := []Rule{{Phrase: "Smith", Kind: Allow}, {Phrase: "dave smith", Kind: Allow}, {Phrase: "ignored", Kind: Deny, Category: "NAME"}}
	got := KeepAllowed(text, res, rules)
	if got.Text != "I spoke to Dave Smith about Mr Smith and Miss [NAME]" {
		t.Fatalf("kept: %q", got.Text)
	}
	if len(got.Spans) != 1 || got.Spans[0].Text != "Collins" || text[got.Spans[0].Start:got.Spans[0].End] != "Collins" {
		t.Fatalf("spans: %+v", got.Spans)
	}
	if same := KeepAllowed(text, res, nil); same.Text != res.Text {
		t.Fatalf("no rules changed the text: %q", same.Text)
	}
}
