package web

import (
	"net/http"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/policy"
	"peervoice/retention"
)

// withdrawData is the withdrawal page: the code form, then a confirmation
// step that says what withdrawing will do on this date.
type withdrawData struct {
	Programme *domain.Programme
	Code      string
	// Confirm is set once the code names a participant who may withdraw.
	Confirm bool
	// BeforeCutoff says their data will be deleted; after the cut-off it is
	// kept but left out of every future output.
	BeforeCutoff bool
	Consequence  string
	Held         string
}

func (s *Server) withdrawPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Write, policy.Programme)
	if err != nil {
		return err
	}
	return s.renderWithdraw(w, r, withdrawData{Programme: p}, nil, nil)
}

func (s *Server) renderWithdraw(w http.ResponseWriter, r *http.Request, d withdrawData, e *Errors, b *Banner) error {
	v := s.view(r, "Withdraw a participant: "+d.Programme.Title, d)
	v.Back = "/programmes/" + d.Programme.Slug
	v.Banner = b
	if e != nil {
		v.Errors = e
	}
	return s.render(w, r, "withdraw", v)
}

func (s *Server) withdrawSubmit(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Write, policy.Programme)
	if err != nil {
		return err
	}
	rs, err := s.run()
	if err != nil {
		return err
	}
	d := withdrawData{Programme: p, Code: domain.NormaliseCode(r.PostFormValue("code"))}
	pt, e, err := s.findWithdrawal(r, rs, p, d.Code)
	if err != nil || e.Any() {
		if err != nil {
			return err
		}
		return s.renderWithdraw(w, r, d, e, nil)
	}
	if r.PostFormValue("confirm") != "yes" {
		return s.confirmWithdraw(w, r, rs, d, pt)
	}
	// The server is not told the journal file's path, so the withdrawal is
	// recorded in the deletions table only; the CLI also appends the journal.
	out, err := retention.Withdraw(r.Context(), rs, p, pt, s.now(), s.privacy.DeletionsJournal)
	if err != nil {
		return err
	}
	if err := s.record(r, "withdraw", audit.ResourceParticipant, pt.ID, p.ID); err != nil {
		return err
	}
	b := &Banner{Success: true, Heading: pt.Code + " has withdrawn", Text: withdrawnText(out)}
	return s.renderWithdraw(w, r, withdrawData{Programme: p}, nil, b)
}

func withdrawnText(out retention.Outcome) string {
	if out.Purged {
		return "Their contributions and votes have been deleted and are out of all analysis and outputs."
	}
	return "It was after the cut-off, so their data is kept but left out of every output from now on."
}

// findWithdrawal looks the typed code up, turning an expected refusal
// (mistyped, unknown or already withdrawn code) into a field error.
func (s *Server) findWithdrawal(r *http.Request, rs runStore, p *domain.Programme, code string) (*domain.Participant, *Errors, error) {
	e := &Errors{}
	checkTypedCode(e, code)
	if e.Any() {
		return nil, e, nil
	}
	pt, err := retention.FindForWithdrawal(r.Context(), rs, p, code)
	if err != nil {
		if de, ok := asDomain(err); ok && de.Code != domain.EInternal {
			e.Add("code", strings.Replace(de.Message, "in "+p.Slug+" ", "in this programme ", 1))
			return nil, e, nil
		}
		return nil, e, err
	}
	return pt, e, nil
}

// confirmWithdraw shows what withdrawing will do, before it is done.
func (s *Server) confirmWithdraw(w http.ResponseWriter, r *http.Request, rs runStore, d withdrawData, pt *domain.Participant) error {
	held, err := rs.ParticipantData(r.Context(), pt.ID)
	if err != nil {
		return err
	}
	d.Confirm, d.Held = true, held.String()
	d.BeforeCutoff = d.Programme.WithdrawalOpen(domain.DateOf(s.now()))
	d.Consequence = withdrawConsequence(d.Programme, d.BeforeCutoff)
	return s.renderWithdraw(w, r, d, nil, nil)
}

func withdrawConsequence(p *domain.Programme, before bool) string {
	if before {
		cutoff := "there is no cut-off"
		if p.WithdrawalCutoff != "" {
			cutoff = "the cut-off is " + formatDate(p.WithdrawalCutoff)
		}
		return "It is before the withdrawal cut-off (" + cutoff + "), so their contributions and votes will be deleted for good and taken out of all analysis and outputs. This cannot be undone."
	}
	return "The withdrawal cut-off (" + formatDate(p.WithdrawalCutoff) + ") has passed, so their data stays in outputs already published, " +
		"but the withdrawal is recorded and every future output leaves them out."
}
