// Package intake is the privacy pipeline every contribution passes through
// on its way into the store: the safeguarding screen reads the original
// text, then redaction replaces identifiers and names, so that only
// redacted text is ever stored in the contribution itself.
package intake

import (
	"strings"

	"peervoice/domain"
	"peervoice/privacy/redact"
	"peervoice/privacy/screen"
)

// Pipeline redacts and screens contributions. It is safe for concurrent use.
type Pipeline struct {
	redactor *redact.Redactor
}

// New makes a pipeline with a programme's allow and deny lists.
func New(opts redact.Options) *Pipeline {
	return &Pipeline{redactor: redact.New(opts)}
}

// Outcome is what the pipeline found in one contribution.
type Outcome struct {
	Redactions []redact.Span
	Screen     screen.Result
}

// Apply screens and redacts c in place: c.Text becomes the redacted text
// and c.Flagged is set when the screen finds a possible disclosure, which
// hides the contribution from everyone but the safeguarding lead.
func (p *Pipeline) Apply(c *domain.Contribution) Outcome {
	var out Outcome
	out.Screen = screen.Screen(c.Text)
	res := p.redactor.Redact(c.Text)
	c.Text, out.Redactions = strings.TrimSpace(res.Text), res.Spans
	c.Flagged = c.Flagged || out.Screen.Flag
	if c.Review == "" {
		c.Review = domain.ReviewPending
	}
	return out
}
