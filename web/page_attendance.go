package web

import (
	"context"
	"crypto/rand"
	"math/big"
	"net/http"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/policy"
)

// Who the attendance form records.
const (
	whoExisting = "existing" // has a code from an earlier session
	whoNewCode  = "new_code" // new, with a code pre-printed on paper
	whoGenerate = "generate" // new, needs a code
)

// attendanceData is a session's attendance: who came, with consent, and
// the form to record the next person.
type attendanceData struct {
	Programme    *domain.Programme
	Session      *domain.Session
	Attendees    Table
	Form         attendanceForm
	Who          []Option
	Consents     []Option
	Facilitators []Option
	AgeBands     []Option
	Genders      []Option
	Ethnicities  []Option
	Stages       []Option
}

// attendanceForm is what the attendance form sends.
type attendanceForm struct {
	Who, Code                         string
	Consent                           map[string]bool
	ConsentDate, ConsentFacilitator   string
	AgeBand, Gender, Ethnicity, Stage string
}

func readAttendanceForm(r *http.Request) attendanceForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := attendanceForm{Who: v("who"), Code: domain.NormaliseCode(v("code")), Consent: map[string]bool{}, ConsentDate: v("consent_date"),
		ConsentFacilitator: v("consent_facilitator"), AgeBand: v("age_band"), Gender: v("gender"), Ethnicity: v("ethnicity"),
		Stage: v("sentence_stage")}
	_ = r.ParseForm()
	for _, c := range r.PostForm["consent"] {
		f.Consent[c] = true
	}
	return f
}

// Validate checks the form's own rules: who it is for, and a code that
// passes its check character when one is typed.
func (f attendanceForm) Validate(x *domain.Session) *Errors {
	e := &Errors{}
	switch f.Who {
	case whoExisting, whoNewCode:
		checkTypedCode(e, f.Code)
	case whoGenerate:
	default:
		e.Add("who", "Choose whether they already have a code, have a printed code, or need a new one.")
	}
	if f.ConsentFacilitator != "" && f.ConsentFacilitator != x.LeadFacilitatorID && f.ConsentFacilitator != x.CoFacilitatorID {
		e.Add("consent_facilitator", "Choose one of the session's facilitators.")
	}
	return e
}

// checkTypedCode refuses a code that is malformed or fails its check
// character, which catches a single mistyped character.
func checkTypedCode(e *Errors, code string) {
	if code == "" {
		e.Add("code", "Enter the participant's code, for example from their consent form.")
		return
	}
	err := domain.CheckCode(code)
	if err == nil {
		return
	}
	if len(code) == domain.CodePayloadLen+1 && domain.CheckChar(code[:domain.CodePayloadLen]) != code[domain.CodePayloadLen] &&
		strings.Contains(domain.ErrorMessage(err), "check") {
		e.Add("code", code+" does not pass its check: a character may be mistyped.")
		return
	}
	e.Add("code", domain.ErrorMessage(err))
}

// participant builds the participant record from the form.
func (f attendanceForm) participant(base domain.Participant, x *domain.Session, e *Errors) domain.Participant {
	p := base
	if p.SiteID == "" {
		p.SiteID = x.SiteID
	}
	p.Consent = domain.Consent{TakePart: f.Consent["take_part"], Quote: f.Consent["quote"], Media: f.Consent["media"],
		RecordedOn: parseDateField(e, "consent_date", f.ConsentDate, "the consent date"), FacilitatorID: f.ConsentFacilitator}
	p.Demographics = domain.Demographics{AgeBand: f.AgeBand, Gender: f.Gender, Ethnicity: f.Ethnicity, SentenceStage: f.Stage}
	if err := p.Validate(); err != nil {
		e.addDomain(err, "consent")
	}
	return p
}

func (s *Server) recordableSession(r *http.Request, action policy.Action) (*domain.Programme, *domain.Session, error) {
	p, x, err := s.visibleSession(r, policy.Session)
	if err != nil {
		return nil, nil, err
	}
	if !policy.Allowed(current(r).actor, action, policy.OfSession(policy.SessionRecord, x)) {
		return nil, nil, errNotFound
	}
	return p, x, nil
}

func (s *Server) attendancePage(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.recordableSession(r, policy.Read)
	if err != nil {
		return err
	}
	return s.renderAttendance(w, r, p, x, blankAttendance(x), nil, nil)
}

func blankAttendance(x *domain.Session) attendanceForm {
	return attendanceForm{Who: whoExisting, Consent: map[string]bool{}, ConsentDate: string(x.Date), ConsentFacilitator: x.LeadFacilitatorID}
}

func (s *Server) renderAttendance(w http.ResponseWriter, r *http.Request, p *domain.Programme, x *domain.Session, f attendanceForm, e *Errors, b *Banner) error {
	d, err := s.attendanceData(r, p, x)
	if err != nil {
		return err
	}
	d.Form = f
	v := s.view(r, "Attendance: "+x.Title, d)
	v.Back = sessionPath(p, x)
	v.Banner = b
	if e != nil {
		v.Errors = e
	}
	return s.render(w, r, "attendance", v)
}

func (s *Server) attendanceData(r *http.Request, p *domain.Programme, x *domain.Session) (attendanceData, error) {
	d := attendanceData{Programme: p, Session: x, Who: []Option{
		{Value: whoExisting, Text: "They have a code from an earlier session"},
		{Value: whoNewCode, Text: "New participant with a code already printed on their consent form"},
		{Value: whoGenerate, Text: "New participant: make a new code"}},
		Consents: []Option{{Value: "take_part", Text: "Take part"}, {Value: "quote", Text: "Be quoted anonymously"}, {Value: "media", Text: "Appear in media (film, insights pack)"}},
		AgeBands: answerOptions(domain.AgeBands), Genders: answerOptions(domain.Genders), Ethnicities: answerOptions(domain.Ethnicities),
		Stages: answerOptions(domain.SentenceStages)}
	facs, err := s.store.Facilitators(r.Context())
	if err != nil {
		return d, err
	}
	for _, f := range facs {
		if f.ID == x.LeadFacilitatorID || f.ID == x.CoFacilitatorID {
			d.Facilitators = append(d.Facilitators, Option{Value: f.ID, Text: f.Name})
		}
	}
	rs, err := s.run()
	if err != nil {
		return d, err
	}
	ps, err := rs.SessionAttendees(r.Context(), x.ID)
	d.Attendees = attendeeTable(ps)
	return d, err
}

func attendeeTable(ps []domain.Participant) Table {
	t := Table{Caption: "Attended", Head: []Cell{{Text: "Code"}, {Text: "Consent"}, {Text: "Recorded on"}}}
	for _, p := range ps {
		t.Rows = append(t.Rows, []Cell{{Text: p.Code}, {Text: consentText(p.Consent)}, {Text: formatDate(p.Consent.RecordedOn)}})
	}
	return t
}

func consentText(c domain.Consent) string {
	var parts []string
	for _, s := range []struct {
		on   bool
		text string
	}{{c.TakePart, "take part"}, {c.Quote, "quotes"}, {c.Media, "media"}} {
		if s.on {
			parts = append(parts, s.text)
		}
	}
	if len(parts) == 0 {
		return "none recorded"
	}
	return strings.Join(parts, ", ")
}

// answerOptions lists the allowed answers with "not asked" first.
func answerOptions(values []string) []Option {
	out := []Option{{Value: "", Text: "Not asked or not answered"}}
	for _, v := range values {
		out = append(out, Option{Value: v, Text: answerLabel(v)})
	}
	return out
}

var answerLabels = map[string]string{"18-20": "18 to 20", "21-24": "21 to 24", "25-29": "25 to 29", "30-39": "30 to 39",
	"40+": "40 or over", "non_binary": "Non-binary", "self_described": "In another way", "pre_release": "Preparing for release"}

func answerLabel(v string) string {
	if l, ok := answerLabels[v]; ok {
		return l
	}
	l := strings.ReplaceAll(v, "_", " ")
	return strings.ToUpper(l[:1]) + l[1:]
}

func (s *Server) attendanceSave(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.recordableSession(r, policy.Write)
	if err != nil {
		return err
	}
	f := readAttendanceForm(r)
	e := f.Validate(x)
	var pt domain.Participant
	if !e.Any() {
		pt, err = s.attendee(r.Context(), p, x, f, e)
		if err != nil {
			return err
		}
	}
	if e.Any() {
		return s.renderAttendance(w, r, p, x, f, e, nil)
	}
	if err := s.saveAttendance(r, x, &pt); err != nil {
		return err
	}
	b := &Banner{Success: true, Heading: "Recorded " + pt.Code + " as attending"}
	if f.Who == whoGenerate {
		b.Text = "Their new code is " + pt.Code + ". Write it on their consent form."
	}
	return s.renderAttendance(w, r, p, x, blankAttendance(x), nil, b)
}

// attendee finds or makes the participant the form is about, adding any
// problem with the code to e.
func (s *Server) attendee(ctx context.Context, p *domain.Programme, x *domain.Session, f attendanceForm, e *Errors) (domain.Participant, error) {
	base := domain.Participant{ProgrammeID: p.ID, Code: f.Code}
	found, err := s.store.ParticipantByCode(ctx, p.ID, f.Code)
	exists := err == nil
	if err != nil && domain.ErrorCode(err) != domain.ENotFound {
		return base, err
	}
	switch {
	case f.Who == whoGenerate:
		if base.Code, err = s.freshCode(ctx, p.ID); err != nil {
			return base, err
		}
	case f.Who == whoExisting && !exists:
		e.Add("code", "No participant in this programme has the code "+f.Code+". If they are new, say so above.")
	case f.Who == whoExisting && found.WithdrawnAt != nil:
		e.Add("code", f.Code+" has withdrawn from the programme: do not record them again.")
	case f.Who == whoExisting:
		base = *found
	case exists:
		e.Add("code", f.Code+" is already used by another participant in this programme. Check the code, or make a new one.")
	}
	return f.participant(base, x, e), nil
}

// freshCode makes a code not yet used in the programme, from a
// cryptographically random source so codes cannot be predicted.
func (s *Server) freshCode(ctx context.Context, programmeID string) (string, error) {
	for range 50 {
		code := domain.NewCode(cryptoIntN, domain.CodePayloadLen)
		_, err := s.store.ParticipantByCode(ctx, programmeID, code)
		if domain.ErrorCode(err) == domain.ENotFound {
			return code, nil
		}
		if err != nil {
			return "", err
		}
	}
	return "", domain.Errorf(domain.EConflict, "Could not find an unused participant code. Ask an administrator to lengthen the codes.")
}

func cryptoIntN(n int) int {
	v, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		panic("crypto/rand failed: " + err.Error()) // the OS random source is gone; nothing is safe to do
	}
	return int(v.Int64())
}

// saveAttendance creates or updates the participant and records that they
// attended, in one transaction, and audits the write.
func (s *Server) saveAttendance(r *http.Request, x *domain.Session, pt *domain.Participant) error {
	rs, err := s.run()
	if err != nil {
		return err
	}
	ctx := r.Context()
	if pt.ID == "" {
		err = s.store.CreateParticipant(ctx, pt)
	} else {
		err = rs.UpdateParticipantRecord(ctx, pt)
	}
	if err != nil {
		return err
	}
	if err := s.store.RecordAttendance(ctx, x.ID, pt.ID); err != nil {
		return err
	}
	return s.record(r, audit.ActionUpdate, audit.ResourceParticipant, pt.ID, x.ProgrammeID)
}
