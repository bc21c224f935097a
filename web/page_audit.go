package web

import (
	"net/http"
	"strconv"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/policy"
)

// auditPageSize is how many entries one page of the audit log shows.
const auditPageSize = 50

// auditData is the audit page: its filter form and one page of entries.
type auditData struct {
	Filter     auditForm
	Actions    []Option
	Resources  []Option
	Programmes []Option
	Entries    Table
	NextPage   string
	PrevPage   string
}

// auditForm is the filter, sent by GET so that a filtered view can be
// bookmarked and shared.
type auditForm struct {
	Actor, Action, Resource, Programme, From, To string
	Page                                         int
}

func readAuditForm(r *http.Request) auditForm {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	return auditForm{Actor: strings.TrimSpace(q.Get("actor")), Action: q.Get("action"), Resource: q.Get("resource"),
		Programme: q.Get("programme"), From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")), Page: max(page, 1)}
}

// Validate checks the dates and the actor's email.
func (f auditForm) Validate() *Errors {
	e := &Errors{}
	if f.From != "" && !domain.Date(f.From).Valid() {
		e.Add("from", "Enter the start date as YYYY-MM-DD, for example 2026-09-01.")
	}
	if f.To != "" && !domain.Date(f.To).Valid() {
		e.Add("to", "Enter the end date as YYYY-MM-DD, for example 2026-09-30.")
	}
	if f.Actor != "" && !domain.ValidEmail(f.Actor) {
		e.Add("actor", "Enter an email address in the correct format, like name@example.org.")
	}
	return e
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) error {
	if !policy.Allowed(current(r).actor, policy.Read, policy.Resource{Kind: policy.Audit}) {
		return errNotFound
	}
	f := readAuditForm(r)
	d, err := s.auditOptions(r, f)
	if err != nil {
		return err
	}
	v := s.view(r, "Audit log", d)
	if v.Errors = f.Validate(); v.Errors.Any() {
		return s.render(w, r, "audit", v)
	}
	filter, found, err := s.auditFilter(r, f)
	if err != nil {
		return err
	}
	if found {
		if err := s.fillAudit(r, &d, filter); err != nil {
			return err
		}
	}
	v.Data = d
	return s.render(w, r, "audit", v)
}

// auditFilter turns the form into a query; found is false when the actor
// email matches nobody, so the page shows no entries.
func (s *Server) auditFilter(r *http.Request, f auditForm) (audit.Filter, bool, error) {
	filter := audit.Filter{Action: f.Action, Resource: f.Resource, ProgrammeID: f.Programme,
		Limit: auditPageSize + 1, Offset: (f.Page - 1) * auditPageSize}
	if f.From != "" {
		filter.Since = domain.Date(f.From).Time()
	}
	if f.To != "" {
		filter.Until = domain.Date(f.To).AddDays(1).Time()
	}
	if f.Actor == "" {
		return filter, true, nil
	}
	u, err := s.store.UserByEmail(r.Context(), f.Actor)
	if domain.ErrorCode(err) == domain.ENotFound {
		return filter, false, nil
	}
	if err != nil {
		return filter, false, err
	}
	filter.ActorID = u.ID
	return filter, true, nil
}

// fillAudit loads one page of entries, naming actors and programmes.
func (s *Server) fillAudit(r *http.Request, d *auditData, filter audit.Filter) error {
	es, err := s.auditLog.List(r.Context(), filter)
	if err != nil {
		return err
	}
	names, err := s.userNames(r)
	if err != nil {
		return err
	}
	titles, err := s.programmeTitles(r)
	if err != nil {
		return err
	}
	if len(es) > auditPageSize {
		es = es[:auditPageSize]
		d.NextPage = pageLink(r, d.Filter.Page+1)
	}
	if d.Filter.Page > 1 {
		d.PrevPage = pageLink(r, d.Filter.Page-1)
	}
	for _, e := range es {
		d.Entries.Rows = append(d.Entries.Rows, []Cell{{Text: e.At.UTC().Format("2006-01-02 15:04:05")},
			{Text: names[e.ActorID]}, {Text: e.Action}, {Text: e.Resource}, {Text: e.ResourceID},
			{Text: titles[e.ProgrammeID]}, {Text: e.Addr}})
	}
	return nil
}

func pageLink(r *http.Request, page int) string {
	q := r.URL.Query()
	q.Set("page", itoa(page))
	return "/audit?" + q.Encode()
}

func (s *Server) userNames(r *http.Request) (map[string]string, error) {
	us, err := s.accounts.Users(r.Context())
	if err != nil {
		return nil, err
	}
	m := map[string]string{"": "(nobody signed in)"}
	for _, u := range us {
		m[u.ID] = u.Email
	}
	return m, nil
}

// auditOptions fills the filter's choices.
func (s *Server) auditOptions(r *http.Request, f auditForm) (auditData, error) {
	d := auditData{Filter: f, Entries: Table{Caption: "Entries, newest first", Head: []Cell{{Text: "When (UTC)"}, {Text: "Who"},
		{Text: "Action"}, {Text: "Resource"}, {Text: "Resource ID"}, {Text: "Programme"}, {Text: "From"}}}}
	d.Actions = options("Any action", audit.ActionRead, audit.ActionCreate, audit.ActionUpdate, audit.ActionDelete, audit.ActionExport)
	d.Resources = options("Any resource", audit.ResourceContribution, audit.ResourceSafeguarding, audit.ResourceParticipant,
		audit.ResourceSession, audit.ResourceReport, resourceUser, resourceInvitation, resourceWebSession, resourceTOTP, resourceAPIToken)
	ps, err := s.store.Programmes(r.Context())
	if err != nil {
		return d, err
	}
	d.Programmes = []Option{{Value: "", Text: "Any programme"}}
	for _, p := range ps {
		d.Programmes = append(d.Programmes, Option{Value: p.ID, Text: p.Title})
	}
	return d, nil
}

// options makes select options whose text is the value, after an "any"
// option.
func options(any string, values ...string) []Option {
	out := []Option{{Value: "", Text: any}}
	for _, v := range values {
		out = append(out, Option{Value: v, Text: v})
	}
	return out
}
