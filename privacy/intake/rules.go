package intake

import (
	"context"
	"crypto/sha256"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"peervoice/domain"
	"peervoice/privacy/redact"
)

// RuleKind says whether an analyst's decision keeps a phrase or redacts it.
type RuleKind string

// Rule kinds.
const (
	// Allow keeps a phrase that redaction would otherwise replace.
	Allow RuleKind = "allow"
	// Deny always redacts a phrase, as its Category.
	Deny RuleKind = "deny"
)

// Rule is one analyst decision on a programme's redaction: a phrase to keep
// (allow) or always redact (deny, with a category).
type Rule struct {
	ID          string    `json:"id"`
	ProgrammeID string    `json:"programme_id"`
	Phrase      string    `json:"phrase"`
	Kind        RuleKind  `json:"kind"`
	Category    string    `json:"category,omitempty"`
	DecidedBy   string    `json:"decided_by"`
	DecidedAt   time.Time `json:"decided_at"`
}

// maxPhrase bounds a rule's phrase: a name or an identifier, not a
// paragraph.
const maxPhrase = 200

// NormalizePhrase is how a phrase is stored and compared: trimmed, inner
// white space collapsed and lower-cased, since redaction matches phrases
// case-insensitively on whole words.
func NormalizePhrase(p string) string {
	return strings.ToLower(strings.Join(strings.Fields(p), " "))
}

// Validate checks a rule before it is stored, with field-keyed problems
// ("phrase", "category") that a form can show.
func (r *Rule) Validate() error {
	pr := domain.Problems{}
	r.Phrase = NormalizePhrase(r.Phrase)
	switch {
	case r.Phrase == "":
		pr.Add("phrase", "Enter the words to redact or keep.")
	case len(r.Phrase) > maxPhrase:
		pr.Add("phrase", fmt.Sprintf("Keep the phrase to %d characters or fewer.", maxPhrase))
	case strings.ContainsAny(r.Phrase, "[]"):
		pr.Add("phrase", "Enter the words themselves, not a placeholder such as [NAME].")
	}
	switch r.Kind {
	case Allow:
		r.Category = ""
	case Deny:
		if !knownCategory(r.Category) {
			pr.Add("category", "Choose what kind of information the phrase is.")
		}
	default:
		pr.Add("kind", "A rule either keeps or redacts a phrase.")
	}
	if strings.TrimSpace(r.DecidedBy) == "" {
		pr.Add("decided_by", "Say who made the decision.")
	}
	return pr.Err("The redaction rule")
}

func knownCategory(c string) bool {
	for _, k := range redact.Categories {
		if c == k {
			return true
		}
	}
	return false
}

// RulesStore reads a programme's redaction rules; *store.DB implements it.
type RulesStore interface {
	RedactionRules(ctx context.Context, programmeID string) ([]Rule, error)
}

// OptionsFrom turns a programme's rules into redaction options: allow
// phrases as they are, deny phrases as "CATEGORY:phrase".
func OptionsFrom(rules []Rule) redact.Options {
	var o redact.Options
	for _, r := range rules {
		switch r.Kind {
		case Allow:
			o.Allow = append(o.Allow, r.Phrase)
		case Deny:
			o.Deny = append(o.Deny, r.Category+":"+r.Phrase)
		}
	}
	return o
}

// cached is a programme's pipeline and the fingerprint of the rules it was
// built from.
type cached struct {
	sum [sha256.Size]byte
	p   *Pipeline
}

// cache holds one pipeline per programme. Rules are read on every call (one
// small query) and the pipeline rebuilt only when they changed, so a rule
// decided on another server takes effect here at once without any
// invalidation message.
var cache = struct {
	sync.Mutex
	m map[string]cached
}{m: map[string]cached{}}

// ForProgramme returns the pipeline for a programme, built from its allow
// and deny lists.
func ForProgramme(ctx context.Context, rs RulesStore, programmeID string) (*Pipeline, error) {
	rules, err := rs.RedactionRules(ctx, programmeID)
	if err != nil {
		return nil, fmt.Errorf("intake: rules of %s: %w", programmeID, err)
	}
	sum := fingerprint(rules)
	cache.Lock()
	defer cache.Unlock()
	if c, ok := cache.m[programmeID]; ok && c.sum == sum {
		return c.p, nil
	}
	p := New(OptionsFrom(rules))
	cache.m[programmeID] = cached{sum: sum, p: p}
	return p, nil
}

// fingerprint hashes the parts of the rules that change redaction, in a
// stable order.
func fingerprint(rules []Rule) [sha256.Size]byte {
	lines := make([]string, len(rules))
	for i, r := range rules {
		lines[i] = string(r.Kind) + "\x00" + r.Category + "\x00" + r.Phrase
	}
	sort.Strings(lines)
	return sha256.Sum256([]byte(strings.Join(lines, "\x01")))
}

// Redact runs only the redaction step on text: the redacted text and the
// spans, with byte offsets into text. (Apply stores the text trimmed.) The
// review page uses it to show and recompute redactions from raw text.
func (p *Pipeline) Redact(text string) redact.Result {
	return p.redactor.Redact(text)
}

// KeepAllowed drops from res every span whose words are on the allow list
// and renders text again. The redactor applies the allow list only where a
// phrase starts a match, so without this a name after a title ("Mr
// Smith") or one redacted again because it appeared elsewhere in the line
// would stay redacted after an analyst chose to keep it.
func KeepAllowed(text string, res redact.Result, rules []Rule) redact.Result {
	allowed := map[string]bool{}
	for _, r := range rules {
		if r.Kind == Allow {
			allowed[NormalizePhrase(r.Phrase)] = true
		}
	}
	if len(allowed) == 0 {
		return res
	}
	out := redact.Result{}
	var b strings.Builder
	at := 0
	for _, sp := range res.Spans {
		if allowed[NormalizePhrase(sp.Text)] || sp.Start < at || sp.End > len(text) {
			continue
		}
		b.WriteString(text[at:sp.Start])
		b.WriteString(redact.Placeholder(sp.Category))
		out.Spans = append(out.Spans, sp)
		at = sp.End
	}
	b.WriteString(text[at:])
	out.Text = b.String()
	return out
}
