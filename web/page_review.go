package web

import (
	"context"
	"net/http"
	"regexp"
	"strings"

	"peervoice/domain"
	"peervoice/policy"
	"peervoice/privacy/intake"
	"peervoice/privacy/redact"
	"peervoice/store"
)

// reviewLimit is how many contributions the review queue shows at once:
// enough for a sitting, few enough that each raw read is deliberate.
const reviewLimit = 25

// Segment is a run of text; Mark highlights a redaction.
type Segment struct {
	Text string
	Mark bool
}

// redactionRow is one redaction the reviewer may undo.
type redactionRow struct {
	Original, Category string
}

// reviewItem is one contribution in the review queue.
type reviewItem struct {
	ID, Where string
	// Redacted is the text as stored once approved, each placeholder
	// marked; Raw is the text as typed with each redacted span marked
	// (only when raw text is kept).
	Redacted, Raw []Segment
	RawKept       bool
	Redactions    []redactionRow
	// PhraseField and CategoryField name this item's "add a redaction"
	// inputs, unique on the page.
	PhraseField, CategoryField string
	Phrase, Category           string
	Action                     string
}

// reviewData is the analyst's redaction review queue.
type reviewData struct {
	Programme  *domain.Programme
	Items      []reviewItem
	Categories []Option
	Rules      Table
	More       bool
}

func (s *Server) reviewProgramme(r *http.Request, action policy.Action) (*domain.Programme, error) {
	if !s.privacy.ready() {
		return nil, errNotFound
	}
	return s.visibleProgramme(r, action, policy.Review)
}

func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.reviewProgramme(r, policy.Read)
	if err != nil {
		return err
	}
	v, err := s.reviewView(r, p, nil)
	if err != nil {
		return err
	}
	v.Banner = reviewBanner(r.URL.Query().Get("done"))
	return s.render(w, r, "review", v)
}

func reviewBanner(done string) *Banner {
	switch done {
	case "accept":
		return &Banner{Success: true, Heading: "Redaction approved.", Text: "The contribution can now be used in analysis."}
	case "undo":
		return &Banner{Success: true, Heading: "Redaction undone.", Text: "The words are kept from now on in this programme."}
	case "redact":
		return &Banner{Success: true, Heading: "Redaction added.", Text: "The words are redacted from now on in this programme."}
	}
	return nil
}

// reviewView builds the queue. form, when set, is a refused action whose
// inputs are shown again beside its errors.
func (s *Server) reviewView(r *http.Request, p *domain.Programme, form *reviewForm) (*View, error) {
	ctx := r.Context()
	items, err := s.privacy.Store.PendingReview(ctx, p.ID, reviewLimit+1)
	if err != nil {
		return nil, err
	}
	redactRaw, err := s.programmeRedactor(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	wh, err := s.whereFor(r, p)
	if err != nil {
		return nil, err
	}
	d := reviewData{Programme: p, Categories: redactCategoryOptions(), More: len(items) > reviewLimit}
	for i := range items[:min(len(items), reviewLimit)] {
		it, err := s.reviewItem(r, redactRaw, wh, &items[i])
		if err != nil {
			return nil, err
		}
		if form != nil && form.ID == it.ID {
			it.Phrase, it.Category = form.Phrase, form.Category
		}
		d.Items = append(d.Items, it)
	}
	if d.Rules, err = s.rulesTable(r, p); err != nil {
		return nil, err
	}
	v := s.view(r, "Redaction review", d)
	v.Back = "/programmes/" + p.Slug
	return v, nil
}

// reviewItem shows one contribution. With raw text kept, the redactions are
// recomputed from it with the programme's current lists, so the reviewer
// sees each one and can undo it; each raw read is logged.
func (s *Server) reviewItem(r *http.Request, redactRaw func(string) redact.Result, wh *where, c *store.ReviewItem) (reviewItem, error) {
	it := reviewItem{ID: c.ID, Where: wh.describe(c.SessionID), PhraseField: "phrase-" + c.ID, CategoryField: "category-" + c.ID,
		Action: "/programmes/" + r.PathValue("slug") + "/review/" + c.ID}
	raw, err := s.rawText(r, c)
	if err != nil {
		return it, err
	}
	if raw == "" {
		it.Redacted = markPlaceholders(c.Text)
		return it, nil
	}
	res := redactRaw(raw)
	it.RawKept = true
	it.Raw, it.Redacted = spanSegments(raw, res.Spans)
	for _, sp := range res.Spans {
		it.Redactions = append(it.Redactions, redactionRow{Original: sp.Text, Category: sp.Category})
	}
	return it, nil
}

// spanSegments cuts raw text at the redacted spans, giving the raw text
// with the spans marked and the redacted text with the placeholders marked.
func spanSegments(raw string, spans []redact.Span) (rawSegs, redSegs []Segment) {
	at := 0
	for _, sp := range spans {
		if sp.Start < at || sp.End > len(raw) {
			continue
		}
		if sp.Start > at {
			plain := Segment{Text: raw[at:sp.Start]}
			rawSegs, redSegs = append(rawSegs, plain), append(redSegs, plain)
		}
		rawSegs = append(rawSegs, Segment{Text: raw[sp.Start:sp.End], Mark: true})
		redSegs = append(redSegs, Segment{Text: "[" + sp.Category + "]", Mark: true})
		at = sp.End
	}
	if at < len(raw) {
		rawSegs, redSegs = append(rawSegs, Segment{Text: raw[at:]}), append(redSegs, Segment{Text: raw[at:]})
	}
	return rawSegs, redSegs
}

// placeholder matches a redaction placeholder such as [NAME].
var placeholder = regexp.MustCompile(`\[[A-Z_]+\]`)

// markPlaceholders marks the placeholders in stored redacted text, for
// contributions whose raw text is no longer kept.
func markPlaceholders(text string) []Segment {
	var out []Segment
	at := 0
	for _, m := range placeholder.FindAllStringIndex(text, -1) {
		if m[0] > at {
			out = append(out, Segment{Text: text[at:m[0]]})
		}
		out = append(out, Segment{Text: text[m[0]:m[1]], Mark: true})
		at = m[1]
	}
	if at < len(text) {
		out = append(out, Segment{Text: text[at:]})
	}
	return out
}

// redactCategoryLabels name the redaction categories for the add form.
var redactCategoryLabels = map[string]string{
	redact.Name: "Name", redact.PrisonNumber: "Prison number", redact.PNC: "PNC number", redact.CRO: "CRO number",
	redact.NINumber: "National Insurance number", redact.NHSNumber: "NHS number", redact.Phone: "Phone number",
	redact.Email: "Email address", redact.Postcode: "Postcode", redact.Address: "Address", redact.Date: "Date",
	redact.Reference: "Case or reference number",
}

func redactCategoryOptions() []Option {
	out := []Option{{Value: "", Text: "Choose what kind of information"}}
	for _, c := range redact.Categories {
		out = append(out, Option{Value: c, Text: redactCategoryLabels[c]})
	}
	return out
}

// programmeRedactor redacts raw text with the programme's current lists,
// honouring every decision to keep a phrase.
func (s *Server) programmeRedactor(ctx context.Context, programmeID string) (func(string) redact.Result, error) {
	pipe, err := intake.ForProgramme(ctx, s.privacy.Store, programmeID)
	if err != nil {
		return nil, err
	}
	rules, err := s.privacy.Store.RedactionRules(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	return func(raw string) redact.Result { return intake.KeepAllowed(raw, pipe.Redact(raw), rules) }, nil
}

// rulesTable lists the programme's decisions so far.
func (s *Server) rulesTable(r *http.Request, p *domain.Programme) (Table, error) {
	rules, err := s.privacy.Store.RedactionRules(r.Context(), p.ID)
	if err != nil {
		return Table{}, err
	}
	t := Table{Caption: "Decisions for this programme", Head: []Cell{{Text: "Words"}, {Text: "Decision"}, {Text: "Decided"}}}
	for _, rule := range rules {
		decision := "Always keep"
		if rule.Kind == intake.Deny {
			decision = "Always redact as " + strings.ToLower(redactCategoryLabels[rule.Category])
		}
		t.Rows = append(t.Rows, []Cell{{Text: rule.Phrase}, {Text: decision}, {Text: formatTime(&rule.DecidedAt)}})
	}
	return t, nil
}
