package web

import (
	"net/http"
	"strings"

	"peervoice/domain"
	"peervoice/policy"
	"peervoice/privacy/screen"
)

// raiseData is the form a facilitator uses to raise a concern by hand, and
// afterwards the confirmation (Sent), which says what happens next but
// shows nothing of the concern: only the lead sees it.
type raiseData struct {
	Programme  *domain.Programme
	Session    *domain.Session
	Form       raiseForm
	Categories []Option
	Sent       bool
}

// raiseForm is what the raise form sends.
type raiseForm struct {
	What, Code string
	Categories map[string]bool
}

func readRaiseForm(r *http.Request) raiseForm {
	f := raiseForm{What: strings.TrimSpace(r.PostFormValue("what")), Code: domain.NormaliseCode(r.PostFormValue("code")),
		Categories: map[string]bool{}}
	// PostFormValue above has parsed the body into PostForm.
	for _, c := range r.PostForm["categories"] {
		f.Categories[c] = true
	}
	return f
}

// Validate checks the form's own rules; the service checks the rest.
func (f raiseForm) Validate() *Errors {
	e := &Errors{}
	if f.What == "" {
		e.Add("what", "Say what was said or seen, in the words used if you can.")
	} else if msg := domain.TextProblem(f.What, domain.MaxContributionChars); msg != "" {
		e.Add("what", msg)
	}
	for c := range f.Categories {
		if categoryLabels[c] == "" {
			e.Add("categories", "Choose from the listed kinds of concern.")
		}
	}
	if f.Code != "" {
		if err := domain.CheckCode(f.Code); err != nil {
			e.Add("code", domain.ErrorMessage(err))
		}
	}
	return e
}

// notes is what the lead reads: the account, and the participant's code
// when given. The service stores it encrypted.
func (f raiseForm) notes() string {
	n := "What was said or seen: " + f.What
	if f.Code != "" {
		n += " (participant code " + f.Code + ")"
	}
	return n
}

func (f raiseForm) categoryList() []string {
	var out []string
	for _, c := range screen.Categories() {
		if f.Categories[c] {
			out = append(out, c)
		}
	}
	return out
}

func categoryOptions() []Option {
	var out []Option
	for _, c := range screen.Categories() {
		out = append(out, Option{Value: c, Text: categoryLabel(c)})
	}
	return out
}

// raiseSession loads the session in the URL if the user may raise a
// concern from it: its facilitators, coordinators and admins.
func (s *Server) raiseSession(r *http.Request) (*domain.Programme, *domain.Session, error) {
	if !s.privacy.ready() {
		return nil, nil, errNotFound
	}
	p, sess, err := s.visibleSession(r, policy.Session)
	if err != nil {
		return nil, nil, err
	}
	if !policy.Allowed(current(r).actor, policy.Write, policy.OfSession(policy.RaiseConcern, sess)) {
		return nil, nil, errNotFound
	}
	return p, sess, nil
}

func (s *Server) raiseView(r *http.Request, p *domain.Programme, sess *domain.Session, f raiseForm) *View {
	d := raiseData{Programme: p, Session: sess, Form: f, Categories: categoryOptions()}
	v := s.view(r, "Raise a safeguarding concern", d)
	v.Back = "/programmes/" + p.Slug + "/sessions/" + sess.ID
	return v
}

func (s *Server) raiseConcernPage(w http.ResponseWriter, r *http.Request) error {
	p, sess, err := s.raiseSession(r)
	if err != nil {
		return err
	}
	v := s.raiseView(r, p, sess, raiseForm{Categories: map[string]bool{}})
	if r.URL.Query().Get("sent") != "" {
		v.Title = "Concern sent to the safeguarding lead"
		d := v.Data.(raiseData)
		d.Sent = true
		v.Data = d
	}
	return s.render(w, r, "safeguarding-raise", v)
}

// raiseConcern opens a concern by hand. The facilitator is sent to a
// confirmation that shows nothing of it.
func (s *Server) raiseConcern(w http.ResponseWriter, r *http.Request) error {
	p, sess, err := s.raiseSession(r)
	if err != nil {
		return err
	}
	f := readRaiseForm(r)
	v := s.raiseView(r, p, sess, f)
	if v.Errors = f.Validate(); !v.Errors.Any() && f.Code != "" {
		if _, err := s.store.ParticipantByCode(r.Context(), p.ID, f.Code); err != nil {
			v.Errors.Add("code", "No participant in this programme has that code. Check it, or leave it blank.")
		}
	}
	if !v.Errors.Any() {
		err := s.openConcern(r, p, sess, f)
		if err == nil {
			http.Redirect(w, r, "/programmes/"+p.Slug+"/sessions/"+sess.ID+"/concern?sent=1", http.StatusSeeOther)
			return nil
		}
		if domain.ErrorCode(err) != domain.EInvalid {
			return err
		}
		if de, ok := asDomain(err); ok && de.Fields["notes"] != "" {
			v.Errors.Add("what", de.Fields["notes"]) // the service's name for the account
		} else {
			v.Errors.addDomain(err, "what")
		}
	}
	return s.render(w, r, "safeguarding-raise", v)
}

func (s *Server) openConcern(r *http.Request, p *domain.Programme, sess *domain.Session, f raiseForm) error {
	_, err := s.privacy.Safeguarding.Raise(actorContext(r), domain.SafeguardingConcern{
		ProgrammeID: p.ID, SessionID: sess.ID, Categories: f.categoryList(),
		Reasons: []string{"Raised by hand from the session page"}, RaisedBy: current(r).user.ID, Notes: f.notes(),
	})
	return err
}

// raiseConcernHref is the raise form's address for those who may raise a
// concern from the session, or "".
func (s *Server) raiseConcernHref(actor policy.Actor, p *domain.Programme, sess *domain.Session) string {
	if !s.privacy.ready() || !policy.Allowed(actor, policy.Write, policy.OfSession(policy.RaiseConcern, sess)) {
		return ""
	}
	return "/programmes/" + p.Slug + "/sessions/" + sess.ID + "/concern"
}
