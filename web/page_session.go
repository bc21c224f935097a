package web

import (
	"net/http"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/policy"
)

// sessionData is one session's page: its details and, for those allowed,
// what was said in it (flagged contributions stay with the safeguarding
// lead).
type sessionData struct {
	Session       *domain.Session
	Details       []SummaryRow
	Contributions Table
	// Rankings are the teams' ranked ideas (page_session_rankings.go).
	Rankings []teamRankings
	ShowText bool
	// Links go to the plan, pack, attendance and debrief pages.
	Links []Cell
	// Capture links to typing up or uploading the sheets (issue 5).
	Capture []Cell
	// RaiseConcern links the session's facilitators and coordinators to
	// the form that raises a safeguarding concern by hand.
	RaiseConcern string
}

// visibleSession loads a session of the programme in the URL, or not found
// if it belongs to another programme (an ID swap) or the actor may not read
// it.
func (s *Server) visibleSession(r *http.Request, kind policy.Kind) (*domain.Programme, *domain.Session, error) {
	p, err := s.store.ProgrammeBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, nil, err
	}
	id := r.PathValue("id")
	if !domain.ValidID(id) {
		return nil, nil, errNotFound
	}
	sess, err := s.store.Session(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	if sess.ProgrammeID != p.ID || !policy.Allowed(current(r).actor, policy.Read, policy.OfSession(kind, sess)) {
		return nil, nil, errNotFound
	}
	return p, sess, nil
}

func (s *Server) sessionPage(w http.ResponseWriter, r *http.Request) error {
	p, sess, err := s.visibleSession(r, policy.Session)
	if err != nil {
		return err
	}
	d := sessionData{Session: sess, Details: []SummaryRow{
		{"Date", formatDate(sess.Date)}, {"Time", sess.StartTime}, {"Status", string(sess.Status)}, {"Check code", sess.CheckCode},
	}}
	d.Links = sessionLinks(current(r).actor, p, sess)
	d.Capture = captureLinks(current(r).actor, p, sess)
	d.RaiseConcern = s.raiseConcernHref(current(r).actor, p, sess)
	if policy.Allowed(current(r).actor, policy.Read, policy.OfSession(policy.Contribution, sess)) {
		if d.Contributions, err = s.sessionContributions(r, sess); err != nil {
			return err
		}
		if d.Rankings, err = s.sessionRankings(r.Context(), sess); err != nil {
			return err
		}
		d.ShowText = true
	}
	v := s.view(r, sess.Title, d)
	v.Back = "/programmes/" + p.Slug
	return s.render(w, r, "session", v)
}

// sessionContributions lists what was said in a session, logging the read.
func (s *Server) sessionContributions(r *http.Request, sess *domain.Session) (Table, error) {
	t := Table{Caption: "What was said", Head: []Cell{{Text: "Contribution"}, {Text: "Review"}}}
	cs, err := s.store.Contributions(r.Context(), domain.ContributionFilter{ProgrammeID: sess.ProgrammeID, SessionID: sess.ID})
	if err != nil {
		return t, err
	}
	if err := s.record(r, audit.ActionRead, audit.ResourceContribution, sess.ID, sess.ProgrammeID); err != nil {
		return t, err
	}
	for _, c := range cs {
		t.Rows = append(t.Rows, []Cell{{Text: c.Text}, {Text: string(c.Review)}})
	}
	return t, nil
}
