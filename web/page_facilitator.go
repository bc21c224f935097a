package web

import (
	"net/http"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/policy"
	"peervoice/scheduling"
)

// facilitatorData is one facilitator's record: profile (with the private
// note), training, clearances for this programme's sites and the days they
// cannot work, each with its form.
type facilitatorData struct {
	Programme   *domain.Programme
	Facilitator *domain.Facilitator
	Form        profileForm
	Training    Table
	Clearances  Table
	Unavailable []string
	Record      recordForm
	Sites       []Option
	Statuses    []Option
	Courses     []Option
}

// recordForm is what the training, clearance and availability forms send;
// Which says which of them it was.
type recordForm struct {
	Which                                  string
	Course, CompletedOn, TrainingExpiresOn string
	SiteID, Status, ExpiresOn              string
	UnavailableOn                          string
}

func readRecordForm(r *http.Request) recordForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return recordForm{Which: v("form"), Course: v("course"), CompletedOn: v("completed_on"), TrainingExpiresOn: v("training_expires_on"),
		SiteID: v("site_id"), Status: v("status"), ExpiresOn: v("expires_on"), UnavailableOn: v("unavailable_on")}
}

// loadFacilitator finds the facilitator in the URL for a coordinator of
// the programme in the URL.
func (s *Server) loadFacilitator(r *http.Request, action policy.Action) (*domain.Programme, *domain.Facilitator, runStore, error) {
	p, err := s.visibleProgramme(r, action, policy.Facilitation)
	if err != nil {
		return nil, nil, nil, err
	}
	id := r.PathValue("fid")
	if !domain.ValidID(id) {
		return nil, nil, nil, errNotFound
	}
	rs, err := s.run()
	if err != nil {
		return nil, nil, nil, err
	}
	f, err := rs.Facilitator(r.Context(), id)
	return p, f, rs, err
}

func (s *Server) facilitatorPage(w http.ResponseWriter, r *http.Request) error {
	p, f, _, err := s.loadFacilitator(r, policy.Read)
	if err != nil {
		return err
	}
	// The profile carries the private lived-experience note: log who read it.
	if err := s.record(r, audit.ActionRead, resourceFacilitator, f.ID, p.ID); err != nil {
		return err
	}
	form := profileForm{Name: f.Name, Email: f.Email, LivedExperience: f.LivedExperience}
	return s.renderFacilitator(w, r, p, f, form, recordForm{}, nil)
}

func (s *Server) renderFacilitator(w http.ResponseWriter, r *http.Request, p *domain.Programme, f *domain.Facilitator, pf profileForm, rf recordForm, e *Errors) error {
	d, err := s.facilitatorData(r, p, f)
	if err != nil {
		return err
	}
	d.Form, d.Record = pf, rf
	v := s.view(r, f.Name, d)
	v.Back = "/programmes/" + p.Slug + "/facilitators"
	if e != nil {
		v.Errors = e
	}
	return s.render(w, r, "facilitator", v)
}

func (s *Server) facilitatorData(r *http.Request, p *domain.Programme, f *domain.Facilitator) (facilitatorData, error) {
	d := facilitatorData{Programme: p, Facilitator: f, Statuses: clearanceOptions(), Courses: courseOptions()}
	rs, _ := s.run()
	training, err := rs.Training(r.Context(), f.ID)
	if err != nil {
		return d, err
	}
	d.Training = trainingTable(training)
	facts, err := s.facts(r.Context(), p, "")
	if err != nil {
		return d, err
	}
	d.Clearances = clearanceTable(facts, f.ID)
	for _, u := range facts.Unavailable {
		if u.FacilitatorID == f.ID {
			d.Unavailable = append(d.Unavailable, formatDate(u.Date))
		}
	}
	sites, err := s.store.Sites(r.Context(), p.ID)
	d.Sites = siteOptions(sites, "Choose a site")
	return d, err
}

func trainingTable(ts []scheduling.Training) Table {
	t := Table{Caption: "Training", Head: []Cell{{Text: "Course"}, {Text: "Completed"}, {Text: "Expires"}}}
	for _, x := range ts {
		t.Rows = append(t.Rows, []Cell{{Text: scheduling.TrainingLabel(x.Kind)}, {Text: formatDate(x.CompletedOn)}, {Text: orNone(formatDate(x.ExpiresOn))}})
	}
	return t
}

func clearanceTable(f scheduling.Facts, facID string) Table {
	t := Table{Caption: "Clearances", Head: []Cell{{Text: "Site"}, {Text: "Status"}, {Text: "Expires"}}}
	for _, c := range f.Clearances {
		if c.FacilitatorID == facID {
			t.Rows = append(t.Rows, []Cell{{Text: f.SiteNames[c.SiteID]}, {Text: scheduling.StatusLabel(c.Status)}, {Text: orNone(formatDate(c.ExpiresOn))}})
		}
	}
	return t
}

func orNone(s string) string {
	if s == "" {
		return "No expiry"
	}
	return s
}

func clearanceOptions() []Option {
	var out []Option
	for _, c := range scheduling.ClearanceStatuses {
		out = append(out, Option{Value: string(c.Status), Text: c.Label})
	}
	return out
}

func courseOptions() []Option {
	var out []Option
	for _, c := range scheduling.TrainingKinds {
		out = append(out, Option{Value: string(c.Kind), Text: c.Label})
	}
	return out
}

func (s *Server) facilitatorSave(w http.ResponseWriter, r *http.Request) error {
	p, f, rs, err := s.loadFacilitator(r, policy.Write)
	if err != nil {
		return err
	}
	rf := readRecordForm(r)
	pf := profileForm{Name: f.Name, Email: f.Email, LivedExperience: f.LivedExperience}
	var e *Errors
	switch rf.Which {
	case "training":
		e, err = s.saveTraining(r, rs, f, rf)
	case "clearance":
		e, err = s.saveClearance(r, rs, p, f, rf)
	case "availability":
		e, err = s.saveUnavailable(r, rs, f, rf)
	default:
		pf = readProfileForm(r)
		e, err = s.saveProfile(r, rs, f, pf)
	}
	if err != nil {
		return err
	}
	if e.Any() {
		return s.renderFacilitator(w, r, p, f, pf, rf, e)
	}
	if err := s.record(r, audit.ActionUpdate, resourceFacilitator, f.ID, p.ID); err != nil {
		return err
	}
	return redirectTo(w, r, "/programmes/"+p.Slug+"/facilitators/"+f.ID)
}

// fieldErrors turns an expected store refusal into form errors, renaming
// fields as the form calls them; anything else stays an error.
func fieldErrors(err error, rename map[string]string, fallback string) (*Errors, error) {
	e := &Errors{}
	if err == nil {
		return e, nil
	}
	de, ok := asDomain(err)
	if !ok || de.Code == domain.EInternal {
		return e, err
	}
	if len(de.Fields) == 0 {
		e.Add(fallback, de.Message)
	}
	for f, m := range de.Fields {
		if n, ok := rename[f]; ok {
			f = n
		}
		e.Add(f, m)
	}
	return e, nil
}

func (s *Server) saveProfile(r *http.Request, rs runStore, f *domain.Facilitator, pf profileForm) (*Errors, error) {
	if e := pf.Validate(); e.Any() {
		return e, nil
	}
	x := pf.facilitator(f.ID)
	err := rs.UpdateFacilitator(r.Context(), &x)
	if domain.ErrorCode(err) == domain.EConflict {
		e := &Errors{}
		e.Add("email", "Another facilitator already has this email address.")
		return e, nil
	}
	return fieldErrors(err, nil, "name")
}

func (s *Server) saveTraining(r *http.Request, rs runStore, f *domain.Facilitator, rf recordForm) (*Errors, error) {
	e := &Errors{}
	t := scheduling.Training{FacilitatorID: f.ID, Kind: scheduling.TrainingKind(rf.Course),
		CompletedOn: parseDateField(e, "completed_on", rf.CompletedOn, "the date it was completed"),
		ExpiresOn:   parseDateField(e, "training_expires_on", rf.TrainingExpiresOn, "the expiry date")}
	if e.Any() {
		return e, nil
	}
	return fieldErrors(rs.AddTraining(r.Context(), &t), map[string]string{"kind": "course"}, "course")
}

func (s *Server) saveClearance(r *http.Request, rs runStore, p *domain.Programme, f *domain.Facilitator, rf recordForm) (*Errors, error) {
	e := &Errors{}
	sites, err := s.store.Sites(r.Context(), p.ID)
	if err != nil {
		return e, err
	}
	if _, ok := findSite(sites, rf.SiteID); !ok {
		rf.SiteID = "" // not this programme's site: refused as unchosen
	}
	c := scheduling.Clearance{FacilitatorID: f.ID, SiteID: rf.SiteID, Status: scheduling.ClearanceStatus(rf.Status),
		ExpiresOn: parseDateField(e, "expires_on", rf.ExpiresOn, "the expiry date")}
	if e.Any() {
		return e, nil
	}
	return fieldErrors(rs.PutClearance(r.Context(), &c), nil, "site_id")
}

func (s *Server) saveUnavailable(r *http.Request, rs runStore, f *domain.Facilitator, rf recordForm) (*Errors, error) {
	e := &Errors{}
	d := parseDateField(e, "unavailable_on", rf.UnavailableOn, "the date")
	if rf.UnavailableOn == "" {
		e.Add("unavailable_on", "Enter the date the facilitator cannot work.")
	}
	if e.Any() {
		return e, nil
	}
	return fieldErrors(rs.AddUnavailable(r.Context(), scheduling.Unavailable{FacilitatorID: f.ID, Date: d}), nil, "unavailable_on")
}
