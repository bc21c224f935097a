package web

import (
	"net/http"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/policy"
	progtemplates "peervoice/templates"
)

// resourceProgramme names programmes in the audit log.
const resourceProgramme = "programme"

// programmeForm is what the new-programme and settings forms send. Numbers
// and dates stay as typed so a mistake is shown back as it was.
type programmeForm struct {
	Template, Slug, Title, Commissioner, Purpose    string
	StartDate, EndDate, WithdrawalCutoff            string
	TargetParticipants, TargetSites, TargetSessions string
	SuppressionThreshold, RetentionDays             string
}

func readProgrammeForm(r *http.Request) programmeForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return programmeForm{Template: v("template"), Slug: strings.ToLower(v("slug")), Title: v("title"),
		Commissioner: v("commissioner"), Purpose: v("purpose"), StartDate: v("start_date"), EndDate: v("end_date"),
		WithdrawalCutoff: v("withdrawal_cutoff"), TargetParticipants: v("target_participants"), TargetSites: v("target_sites"),
		TargetSessions: v("target_sessions"), SuppressionThreshold: v("suppression_threshold"), RetentionDays: v("retention_days")}
}

// formOf shows a programme's settings in the form.
func formOf(p *domain.Programme) programmeForm {
	return programmeForm{Template: p.Template, Slug: p.Slug, Title: p.Title, Commissioner: p.Commissioner, Purpose: p.Purpose,
		StartDate: string(p.StartDate), EndDate: string(p.EndDate), WithdrawalCutoff: string(p.WithdrawalCutoff),
		TargetParticipants: itoa(p.TargetParticipants), TargetSites: itoa(p.TargetSites), TargetSessions: itoa(p.TargetSessions),
		SuppressionThreshold: itoa(p.SuppressionThreshold), RetentionDays: itoa(p.RetentionDays)}
}

// apply copies the form onto base (a template's defaults or the stored
// programme) and validates the result. Blank text and targets keep base's.
func (f programmeForm) apply(base domain.Programme) (domain.Programme, *Errors) {
	e := &Errors{}
	p := base
	p.Title = f.Title
	p.Commissioner = orDefault(f.Commissioner, base.Commissioner)
	p.Purpose = orDefault(f.Purpose, base.Purpose)
	p.StartDate = parseDateField(e, "start_date", f.StartDate, "the start date")
	p.EndDate = parseDateField(e, "end_date", f.EndDate, "the end date")
	p.WithdrawalCutoff = parseDateField(e, "withdrawal_cutoff", f.WithdrawalCutoff, "the withdrawal cut-off")
	p.TargetParticipants = parseCount(e, "target_participants", f.TargetParticipants, base.TargetParticipants)
	p.TargetSites = parseCount(e, "target_sites", f.TargetSites, base.TargetSites)
	p.TargetSessions = parseCount(e, "target_sessions", f.TargetSessions, base.TargetSessions)
	p.SuppressionThreshold = parseCount(e, "suppression_threshold", f.SuppressionThreshold, domain.DefaultThreshold)
	p.RetentionDays = parseCount(e, "retention_days", f.RetentionDays, domain.DefaultRetentionDays)
	if err := p.Validate(); err != nil {
		e.addDomain(err, "title")
	}
	if p.WithdrawalCutoff.Valid() && p.StartDate.Valid() && p.WithdrawalCutoff.Before(p.StartDate) {
		e.Add("withdrawal_cutoff", "The withdrawal cut-off must be on or after the start date.")
	}
	return p, e
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// programmeNewData is the new-programme form.
type programmeNewData struct {
	Form      programmeForm
	Templates []Option
}

func newProgrammeData(f programmeForm) programmeNewData {
	d := programmeNewData{Form: f}
	for _, k := range progtemplates.Keys() {
		t, _ := progtemplates.Lookup(k)
		d.Templates = append(d.Templates, Option{Value: k, Text: t.Label})
	}
	return d
}

func (s *Server) programmeNewPage(w http.ResponseWriter, r *http.Request) error {
	if !policy.MayCreateProgramme(current(r).actor) {
		return errNotFound
	}
	f := programmeForm{Template: progtemplates.HMPPS, SuppressionThreshold: itoa(domain.DefaultThreshold), RetentionDays: itoa(domain.DefaultRetentionDays)}
	v := s.view(r, "Set up a programme", newProgrammeData(f))
	v.Back = "/programmes"
	return s.render(w, r, "programme-new", v)
}

func (s *Server) programmeCreate(w http.ResponseWriter, r *http.Request) error {
	if !policy.MayCreateProgramme(current(r).actor) {
		return errNotFound
	}
	f := readProgrammeForm(r)
	v := s.view(r, "Set up a programme", newProgrammeData(f))
	v.Back = "/programmes"
	p, areas, errs := f.fromTemplate()
	if v.Errors = errs; errs.Any() {
		return s.render(w, r, "programme-new", v)
	}
	err := s.createProgramme(r, &p, areas)
	if domain.ErrorCode(err) == domain.EConflict {
		v.Errors.Add("slug", "Another programme already uses the web address "+p.Slug+": choose another.")
		return s.render(w, r, "programme-new", v)
	}
	if err != nil {
		return err
	}
	return redirectTo(w, r, "/programmes/"+p.Slug)
}

// fromTemplate builds the programme and its areas from the chosen
// template and the form.
func (f programmeForm) fromTemplate() (domain.Programme, []domain.StrategicArea, *Errors) {
	_, lookupErr := progtemplates.Lookup(f.Template)
	base, areas := progtemplates.New(f.Template)
	base.Slug = f.Slug
	p, e := f.apply(base)
	if lookupErr != nil {
		e.Add("template", "Choose a template to start from.")
	}
	if f.Slug == "new" {
		e.Add("slug", "The web address \"new\" is kept for this page: choose another.")
	}
	return p, areas, e
}

// createProgramme saves the programme and makes its creator a coordinator
// of it, in one transaction.
func (s *Server) createProgramme(r *http.Request, p *domain.Programme, areas []domain.StrategicArea) error {
	uid := current(r).user.ID
	err := s.store.InTx(r.Context(), func(tx domain.Store) error {
		if err := tx.CreateProgramme(r.Context(), p, areas); err != nil {
			return err
		}
		return tx.AddMembership(r.Context(), domain.Membership{UserID: uid, ProgrammeID: p.ID, Role: domain.RoleCoordinator})
	})
	if err != nil {
		return err
	}
	return s.record(r, audit.ActionCreate, resourceProgramme, p.ID, p.ID)
}
