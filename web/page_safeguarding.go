package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"peervoice/audit"
	"peervoice/crypt"
	"peervoice/domain"
	"peervoice/policy"
	"peervoice/privacy/intake"
	"peervoice/safeguarding"
	"peervoice/store"
)

// resourceRawText names reads of a contribution's raw (pre-redaction)
// text in the audit log.
const resourceRawText = "contribution_raw_text"

// Privacy wires the safeguarding and redaction review pages. Safeguarding
// and Store are required for those pages; Keys may be nil when no key is
// configured, and then raw text is never kept or shown.
type Privacy struct {
	Safeguarding *safeguarding.Service
	Keys         *crypt.Keyring
	Store        PrivacyStore
	// KeepRawAfterApproval keeps raw text once a reviewer approves a
	// contribution (PEERVOICE_KEEP_RAW_AFTER_APPROVAL); otherwise approval
	// purges it.
	KeepRawAfterApproval bool
	// DeletionsJournal is the file outside the database where every
	// deletion (withdrawals included) is recorded, so that restoring an
	// older backup cannot bring deleted data back; "" records in the
	// database only.
	DeletionsJournal string
}

// PrivacyStore is what the safeguarding and review pages need beyond
// domain.Store; *store.DB implements it.
type PrivacyStore interface {
	intake.RulesStore
	DecideRedactionRule(ctx context.Context, r *intake.Rule) error
	PendingReview(ctx context.Context, programmeID string, limit int) ([]store.ReviewItem, error)
	ContributionByID(ctx context.Context, id string) (*store.ReviewItem, error)
	SetReview(ctx context.Context, contributionID string, status domain.ReviewStatus) error
	SetRedactedText(ctx context.Context, contributionID, text string) error
	RawText(ctx context.Context, contributionID string) ([]byte, error)
	PurgeRawText(ctx context.Context, contributionID string) error
	// Concern reads a concern without logging a read, only to check which
	// programme it belongs to before the service's logged read.
	Concern(ctx context.Context, id string) (*safeguarding.Record, error)
}

// ready reports whether the privacy pages are wired; without them they
// answer not found, like any page the user may not see.
func (p Privacy) ready() bool { return p.Safeguarding != nil && p.Store != nil }

// actorContext tells the safeguarding service who is acting, so that it
// logs every read and write against them.
func actorContext(r *http.Request) context.Context {
	a := safeguarding.Actor{Addr: clientAddr(r)}
	if st := current(r); st != nil && st.user != nil {
		a.UserID = st.user.ID
	}
	return safeguarding.WithActor(r.Context(), a)
}

// rawText decrypts a contribution's kept raw text and logs the read. It
// returns "" with no error when none is kept or no key is configured.
func (s *Server) rawText(r *http.Request, c *store.ReviewItem) (string, error) {
	if !c.RawKept || s.privacy.Keys == nil {
		return "", nil
	}
	sealed, err := s.privacy.Store.RawText(r.Context(), c.ID)
	if domain.ErrorCode(err) == domain.ENotFound {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if err := s.record(r, audit.ActionRead, resourceRawText, c.ID, c.ProgrammeID); err != nil {
		return "", err
	}
	plain, err := s.privacy.Keys.Open(sealed, crypt.AAD(crypt.PurposeRawText, c.ID))
	if err != nil {
		return "", fmt.Errorf("web: open raw text of %s: %w", c.ID, err)
	}
	return string(plain), nil
}

// categoryLabels are the screen's categories as a safeguarding lead says
// them.
var categoryLabels = map[string]string{
	"self_harm":                "Self-harm or suicide",
	"harm_to_others":           "Harm to others",
	"child_protection":         "Child protection",
	"at_risk":                  "At risk (bullying, exploitation, debt, sexual violence)",
	"allegation_against_staff": "Allegation against staff",
	"security":                 "Security (escape, drugs, phones, weapons, corruption)",
	"undisclosed_offence":      "Undisclosed offence",
}

func categoryLabel(c string) string {
	if l, ok := categoryLabels[c]; ok {
		return l
	}
	return c
}

func categoryList(cs []string) string {
	if len(cs) == 0 {
		return "None given"
	}
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = categoryLabel(c)
	}
	return strings.Join(out, "; ")
}

// statusLabels name the workflow's statuses.
var statusLabels = map[domain.ConcernStatus]string{
	domain.ConcernRaised:   "Raised",
	domain.ConcernAssessed: "Assessed",
	domain.ConcernReferred: "Referred",
	domain.ConcernClosed:   "Closed",
}

// ClockView is a concern's clock in words, with Overdue set when it needs
// highlighting.
type ClockView struct {
	Text    string
	Overdue bool
}

// clockView words a concern's time to action.
func clockView(c safeguarding.Clock) ClockView {
	switch {
	case c.ToAction == nil && c.Overdue:
		return ClockView{Text: "Overdue: waiting " + humanDuration(c.Waiting) + " for action (limit 24 hours)", Overdue: true}
	case c.ToAction == nil:
		return ClockView{Text: "Waiting " + humanDuration(c.Waiting) + " for action"}
	case c.Late:
		return ClockView{Text: "Acted on late, after " + humanDuration(*c.ToAction)}
	}
	return ClockView{Text: "Acted on after " + humanDuration(*c.ToAction)}
}

// humanDuration says a duration to the nearest minute, hour or day-and-hour.
func humanDuration(d time.Duration) string {
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return itoa(n) + " " + unit + "s"
	}
	switch {
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute")
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour")
	}
	days, hours := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour)
	return plural(days, "day") + " " + plural(hours, "hour")
}

// formatTime shows a time for the lead, in UTC so every reader agrees.
func formatTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format("2 January 2006 15:04") + " UTC"
}

// safeguardingProgramme loads the programme in the URL for an action on its
// safeguarding data, or not found.
func (s *Server) safeguardingProgramme(r *http.Request, action policy.Action) (*domain.Programme, error) {
	if !s.privacy.ready() {
		return nil, errNotFound
	}
	return s.visibleProgramme(r, action, policy.Safeguarding)
}

// concernOf loads the concern in the URL if it belongs to programme p: an
// ID from another programme is not found, and is not logged as read.
func (s *Server) concernOf(r *http.Request, p *domain.Programme) (*safeguarding.Record, error) {
	id := r.PathValue("id")
	if !domain.ValidID(id) {
		return nil, errNotFound
	}
	rec, err := s.privacy.Store.Concern(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if rec.ProgrammeID != p.ID {
		return nil, errNotFound
	}
	return rec, nil
}

// where names a concern's session and site.
type where struct {
	sessions map[string]*domain.Session
	sites    map[string]string
}

func (s *Server) whereFor(r *http.Request, p *domain.Programme) (*where, error) {
	sites, err := s.store.Sites(r.Context(), p.ID)
	if err != nil {
		return nil, err
	}
	ss, err := s.store.Sessions(r.Context(), p.ID)
	if err != nil {
		return nil, err
	}
	w := &where{sessions: map[string]*domain.Session{}, sites: map[string]string{}}
	for _, site := range sites {
		w.sites[site.ID] = site.Name
	}
	for i := range ss {
		w.sessions[ss[i].ID] = &ss[i]
	}
	return w, nil
}

func (w *where) describe(sessionID string) string {
	sess, ok := w.sessions[sessionID]
	if !ok {
		return "No session recorded"
	}
	return sess.Title + " (" + formatDate(sess.Date) + "), " + w.sites[sess.SiteID]
}

// raisedBy names who raised a concern.
func (s *Server) raisedBy(r *http.Request, id string) string {
	if id == safeguarding.RaisedByScreen {
		return "The safeguarding screen, when the contribution was captured"
	}
	if u, err := s.accounts.UserByID(r.Context(), id); err == nil {
		return u.Name + " (by hand)"
	}
	return "A user who has since left (by hand)"
}

// privacyLinks are the programme page's links to the safeguarding queue
// and redaction review, for those who may use them.
func (s *Server) privacyLinks(actor policy.Actor, p *domain.Programme) []Cell {
	if !s.privacy.ready() {
		return nil
	}
	var out []Cell
	if policy.Allowed(actor, policy.Read, policy.InProgramme(policy.Safeguarding, p.ID)) {
		out = append(out, Cell{Text: "Safeguarding concerns", Href: "/programmes/" + p.Slug + "/safeguarding"})
	}
	if policy.Allowed(actor, policy.Read, policy.InProgramme(policy.Review, p.ID)) {
		out = append(out, Cell{Text: "Redaction review", Href: "/programmes/" + p.Slug + "/review"})
	}
	return out
}
