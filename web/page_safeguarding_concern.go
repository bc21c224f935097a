package web

import (
	"net/http"
	"strings"

	"peervoice/domain"
	"peervoice/policy"
	"peervoice/safeguarding"
)

// concernData is one concern's page: the concern, its notes, and the moves
// the workflow allows from where it is.
type concernData struct {
	Programme *domain.Programme
	Concern   concernSummary
	Notes     []string
	Moves     []Option
	Form      moveForm
	// ReleaseOptions is the checkbox that returns a false flag to analysis.
	ReleaseOptions []Option
	// Done names the move just made, for the banner.
	Done string
}

// moveForm is what the workflow form sends.
type moveForm struct {
	To, ReferredTo, Note string
	// Release is set when the lead, closing, found no disclosure.
	Release bool
}

func readMoveForm(r *http.Request) moveForm {
	return moveForm{To: r.PostFormValue("to"), ReferredTo: strings.TrimSpace(r.PostFormValue("referred_to")),
		Note: strings.TrimSpace(r.PostFormValue("note")), Release: r.PostFormValue("release") == "yes"}
}

// Values feeds the release checkbox.
func (f moveForm) Values() map[string]bool { return map[string]bool{"yes": f.Release} }

// releaseOptions is the one checkbox that returns a false flag to analysis.
var releaseOptions = []Option{{Value: "yes", Text: "It is not a disclosure: return the contribution to analysis when I close this concern"}}

// Validate checks the form's own rules; the service checks the move itself
// (allowed from the current status, referral details, note length).
func (f moveForm) Validate() *Errors {
	e := &Errors{}
	if f.To == "" {
		e.Add("to", "Choose what has happened with the concern.")
	}
	return e
}

// moveLabels say what each move means to the lead.
var moveLabels = map[domain.ConcernStatus]string{
	domain.ConcernAssessed: "Assessed: I have looked at it and decided what to do",
	domain.ConcernReferred: "Referred: I have passed it to another team or agency",
	domain.ConcernClosed:   "Closed: no further action from peervoice",
}

func movesFrom(c *domain.SafeguardingConcern) []Option {
	var out []Option
	for _, st := range []domain.ConcernStatus{domain.ConcernAssessed, domain.ConcernReferred, domain.ConcernClosed} {
		if c.CanMove(st) {
			out = append(out, Option{Value: string(st), Text: moveLabels[st]})
		}
	}
	return out
}

func (s *Server) concernPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.safeguardingProgramme(r, policy.Read)
	if err != nil {
		return err
	}
	if _, err := s.concernOf(r, p); err != nil {
		return err
	}
	v, err := s.concernView(r, p, moveForm{})
	if err != nil {
		return err
	}
	if done := domain.ConcernStatus(r.URL.Query().Get("done")); statusLabels[done] != "" {
		v.Banner = &Banner{Success: true, Heading: "The concern is now " + strings.ToLower(statusLabels[done]) + "."}
	}
	return s.render(w, r, "safeguarding-concern", v)
}

// concernView reads the concern through the service (a logged read) and
// builds its page.
func (s *Server) concernView(r *http.Request, p *domain.Programme, f moveForm) (*View, error) {
	c, err := s.privacy.Safeguarding.Get(actorContext(r), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	wh, err := s.whereFor(r, p)
	if err != nil {
		return nil, err
	}
	sum, err := s.concernSummary(r, p, wh, c)
	if err != nil {
		return nil, err
	}
	d := concernData{Programme: p, Concern: sum, Moves: movesFrom(&c.SafeguardingConcern), Form: f, ReleaseOptions: releaseOptions}
	if strings.TrimSpace(c.Notes) != "" {
		d.Notes = strings.Split(c.Notes, "\n")
	}
	v := s.view(r, "Safeguarding concern", d)
	v.Back = "/programmes/" + p.Slug + "/safeguarding"
	return v, nil
}

// moveConcern takes a concern to its next status. The service validates
// the move; its refusals come back as field errors on the form.
func (s *Server) moveConcern(w http.ResponseWriter, r *http.Request) error {
	p, err := s.safeguardingProgramme(r, policy.Write)
	if err != nil {
		return err
	}
	rec, err := s.concernOf(r, p)
	if err != nil {
		return err
	}
	f := readMoveForm(r)
	errs := f.Validate()
	if f.Note != "" && s.privacy.Keys == nil {
		errs.Add("note", "Notes cannot be saved because no encryption key is configured. Leave the note out, or ask the system admin to set a key.")
	}
	if !errs.Any() {
		_, err = s.privacy.Safeguarding.Move(actorContext(r), rec.ID, domain.ConcernStatus(f.To), current(r).user.ID,
			safeguarding.MoveDetails{ReferredTo: f.ReferredTo, Note: f.Note, Release: f.Release})
		switch domain.ErrorCode(err) {
		case "":
			http.Redirect(w, r, "/programmes/"+p.Slug+"/safeguarding/"+rec.ID+"?done="+f.To, http.StatusSeeOther)
			return nil
		case domain.EInvalid, domain.EConflict:
			errs.addDomain(err, "to")
		default:
			return err
		}
	}
	v, err := s.concernView(r, p, f)
	if err != nil {
		return err
	}
	v.Errors = errs
	return s.render(w, r, "safeguarding-concern", v)
}
