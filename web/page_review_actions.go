package web

import (
	"net/http"
	"regexp"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/policy"
	"peervoice/privacy/intake"
	"peervoice/store"
)

// resourceRedactionRule names allow/deny decisions in the audit log.
const resourceRedactionRule = "redaction_rule"

// reviewForm is what an undo or add-a-redaction form sends.
type reviewForm struct {
	ID, Phrase, Category string
}

// readReviewForm reads an action on contribution id. The undo form sends
// "phrase"; the add form sends the item's own phrase and category fields.
func readReviewForm(r *http.Request, id string) reviewForm {
	f := reviewForm{ID: id, Phrase: r.PostFormValue("phrase-" + id), Category: r.PostFormValue("category-" + id)}
	if f.Phrase == "" {
		f.Phrase = r.PostFormValue("phrase")
	}
	f.Phrase = strings.TrimSpace(f.Phrase)
	return f
}

// reviewTarget loads the contribution in the URL for a review action: one
// of the programme's, and never a flagged one, which stays with the
// safeguarding lead.
func (s *Server) reviewTarget(r *http.Request) (*domain.Programme, *store.ReviewItem, error) {
	p, err := s.reviewProgramme(r, policy.Write)
	if err != nil {
		return nil, nil, err
	}
	id := r.PathValue("id")
	if !domain.ValidID(id) {
		return nil, nil, errNotFound
	}
	c, err := s.privacy.Store.ContributionByID(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	if c.ProgrammeID != p.ID || c.Flagged {
		return nil, nil, errNotFound
	}
	return p, c, nil
}

// acceptReview approves a contribution's redaction, then purges its raw
// text unless the deployment keeps it.
func (s *Server) acceptReview(w http.ResponseWriter, r *http.Request) error {
	p, c, err := s.reviewTarget(r)
	if err != nil {
		return err
	}
	if err := s.privacy.Store.SetReview(r.Context(), c.ID, domain.ReviewApproved); err != nil {
		return err
	}
	if c.RawKept && !s.privacy.KeepRawAfterApproval {
		if err := s.privacy.Store.PurgeRawText(r.Context(), c.ID); err != nil {
			return err
		}
	}
	if err := s.record(r, audit.ActionUpdate, audit.ResourceContribution, c.ID, p.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/programmes/"+p.Slug+"/review?done=accept", http.StatusSeeOther)
	return nil
}

// undoRedaction keeps a phrase from now on: it goes on the programme's
// allow list and the contribution is redacted again from its raw text.
func (s *Server) undoRedaction(w http.ResponseWriter, r *http.Request) error {
	p, c, err := s.reviewTarget(r)
	if err != nil {
		return err
	}
	f := readReviewForm(r, c.ID)
	errs := &Errors{}
	if !c.RawKept || s.privacy.Keys == nil {
		errs.Add(f.phraseField(), "The original words are no longer kept, so this redaction cannot be undone here.")
	}
	return s.decide(w, r, p, c, f, intake.Allow, errs)
}

// addRedaction redacts a phrase from now on: it goes on the programme's
// deny list and the contribution is redacted again.
func (s *Server) addRedaction(w http.ResponseWriter, r *http.Request) error {
	p, c, err := s.reviewTarget(r)
	if err != nil {
		return err
	}
	f := readReviewForm(r, c.ID)
	errs := &Errors{}
	if f.Phrase != "" && !c.RawKept && !containsPhrase(c.Text, f.Phrase) {
		errs.Add(f.phraseField(), "Those words are not in the contribution. Copy them exactly as they appear.")
	}
	return s.decide(w, r, p, c, f, intake.Deny, errs)
}

func (f reviewForm) phraseField() string   { return "phrase-" + f.ID }
func (f reviewForm) categoryField() string { return "category-" + f.ID }

// decide records the rule, re-redacts the contribution and logs both; a
// refused rule shows the queue again with the problems.
func (s *Server) decide(w http.ResponseWriter, r *http.Request, p *domain.Programme, c *store.ReviewItem, f reviewForm, kind intake.RuleKind, errs *Errors) error {
	rule := &intake.Rule{ProgrammeID: p.ID, Phrase: f.Phrase, Kind: kind, Category: f.Category, DecidedBy: current(r).user.ID, DecidedAt: s.now()}
	if !errs.Any() {
		err := rule.Validate()
		de, _ := asDomain(err)
		for _, field := range [][2]string{{"phrase", f.phraseField()}, {"category", f.categoryField()}} {
			if de != nil && de.Fields[field[0]] != "" {
				errs.Add(field[1], de.Fields[field[0]])
			}
		}
	}
	if errs.Any() {
		v, err := s.reviewView(r, p, &f)
		if err != nil {
			return err
		}
		v.Errors = errs
		return s.render(w, r, "review", v)
	}
	if err := s.privacy.Store.DecideRedactionRule(r.Context(), rule); err != nil {
		return err
	}
	if err := s.record(r, audit.ActionCreate, resourceRedactionRule, rule.ID, p.ID); err != nil {
		return err
	}
	if err := s.reRedact(r, c, rule); err != nil {
		return err
	}
	http.Redirect(w, r, "/programmes/"+p.Slug+"/review?done="+map[intake.RuleKind]string{intake.Allow: "undo", intake.Deny: "redact"}[kind], http.StatusSeeOther)
	return nil
}

// reRedact redacts the contribution again with the programme's lists: from
// the raw text when kept (a logged read), otherwise by replacing the denied
// phrase in the stored text.
func (s *Server) reRedact(r *http.Request, c *store.ReviewItem, rule *intake.Rule) error {
	text := c.Text
	raw, err := s.rawText(r, c)
	if err != nil {
		return err
	}
	if raw != "" {
		redactRaw, err := s.programmeRedactor(r.Context(), c.ProgrammeID)
		if err != nil {
			return err
		}
		text = strings.TrimSpace(redactRaw(raw).Text)
	} else if rule.Kind == intake.Deny {
		text = phrasePattern(rule.Phrase).ReplaceAllString(text, "["+rule.Category+"]")
	}
	if text == c.Text {
		return nil
	}
	if err := s.privacy.Store.SetRedactedText(r.Context(), c.ID, text); err != nil {
		return err
	}
	return s.record(r, audit.ActionUpdate, audit.ResourceContribution, c.ID, c.ProgrammeID)
}

// phrasePattern matches a phrase as whole words, in any case and with any
// white space between its words, as redaction matches deny phrases.
func phrasePattern(phrase string) *regexp.Regexp {
	words := strings.Fields(phrase)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(`(?i)(^|\b)` + strings.Join(words, `\s+`) + `(\b|$)`)
}

func containsPhrase(text, phrase string) bool {
	return strings.Fields(phrase) != nil && phrasePattern(phrase).MatchString(text)
}
