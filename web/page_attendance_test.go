package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"peervoice/audit"
	"peervoice/domain"
)

// mistype changes the last character of a code to another from the alphabet,
// which the check character always catches.
func mistype(code string) string {
	last := code[len(code)-1]
	for i := 0; i < len(domain.CodeAlphabet); i++ {
		if c := domain.CodeAlphabet[i]; c != last {
			return code[:len(code)-1] + string(c)
		}
	}
	return code
}

func TestAttendanceNewCodeConsentAndDemographics(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("facilitator") // leads session one
	path := "/programmes/alpha/sessions/" + e.sessA1.ID + "/attendance"
	wantStatus(t, b.get(path), http.StatusOK)
	d := e.last("attendance").Data.(attendanceData)
	if d.Form.ConsentDate != "2026-09-10" || d.Form.ConsentFacilitator != e.sessA1.LeadFacilitatorID || len(d.Facilitators) != 1 ||
		d.AgeBands[0].Value != "" || d.AgeBands[len(d.AgeBands)-1].Text != "Prefer not to say" {
		t.Fatalf("attendance form: %+v", d)
	}
	v := url.Values{"who": {"generate"}, "consent": {"take_part", "quote"}, "consent_date": {"2026-09-10"},
		"consent_facilitator": {e.sessA1.LeadFacilitatorID}, "age_band": {"prefer_not_to_say"}, "ethnicity": {"white"}}
	wantStatus(t, b.post(path, v), http.StatusOK)
	view := e.last("attendance")
	d = view.Data.(attendanceData)
	if view.Banner == nil || len(d.Attendees.Rows) != 1 {
		t.Fatalf("after record: banner %+v rows %+v", view.Banner, d.Attendees.Rows)
	}
	code := d.Attendees.Rows[0][0].Text
	if domain.CheckCode(code) != nil || d.Attendees.Rows[0][1].Text != "take part, quotes" {
		t.Fatalf("new attendee: %v", d.Attendees.Rows[0])
	}
	p, err := e.db.ParticipantByCode(context.Background(), e.progA.ID, code)
	e.must(err)
	if p.SiteID != e.sessA1.SiteID || p.Consent.FacilitatorID != e.sessA1.LeadFacilitatorID || p.Consent.RecordedOn != "2026-09-10" ||
		p.Demographics.AgeBand != "prefer_not_to_say" || p.Demographics.Ethnicity != "white" || p.Demographics.Gender != "" || p.Consent.Media {
		t.Fatalf("participant: %+v", p)
	}
	if es := e.auditEntries(audit.Filter{Resource: audit.ResourceParticipant}); len(es) != 1 || es[0].ResourceID != p.ID {
		t.Fatalf("not audited: %+v", es)
	}
}

func TestAttendanceCodeProblemsOnTheField(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("coordinator")
	path := "/programmes/alpha/sessions/" + e.sessA2.ID + "/attendance"
	known := e.participants(e.progA.ID)[0].Code
	unused := e.unusedCode(e.progA.ID)
	for _, c := range []struct {
		v            url.Values
		field, words string
	}{
		{url.Values{"who": {"existing"}, "code": {mistype(known)}}, "code", mistype(known) + " does not pass its check: a character may be mistyped"},
		{url.Values{"who": {"existing"}, "code": {unused}}, "code", "No participant in this programme has the code " + unused},
		{url.Values{"who": {"new_code"}, "code": {known}}, "code", known + " is already used by another participant"},
		{url.Values{"who": {"existing"}, "code": {"O0O0"}}, "code", "not used in codes"},
		{url.Values{"who": {"existing"}}, "code", "Enter the participant's code"},
		{url.Values{}, "who", "Choose whether"},
		{url.Values{"who": {"generate"}, "consent": {"media"}}, "consent", "needs consent to take part"},
		{url.Values{"who": {"generate"}, "gender": {"robot"}}, "gender", "Choose one of the listed answers"},
		{url.Values{"who": {"generate"}, "consent_facilitator": {e.sessA1.LeadFacilitatorID}}, "consent_facilitator", "session's facilitators"},
	} {
		wantStatus(t, b.post(path, c.v), http.StatusUnprocessableEntity)
		e.wantFieldError("attendance", c.field, c.words)
	}
	// The same code typed in lower case with a space is the known participant.
	v := url.Values{"who": {"existing"}, "code": {" " + known[:2] + " " + known[2:]}, "consent": {"take_part"}}
	wantStatus(t, b.post(path, v), http.StatusOK)
	if rows := e.last("attendance").Data.(attendanceData).Attendees.Rows; len(rows) != 1 || rows[0][0].Text != known {
		t.Fatalf("attendees: %+v", rows)
	}
	// A facilitator of another session may not record here.
	v.Del("csrf")
	wantStatus(t, e.signedIn("facilitator").post(path, v), http.StatusNotFound)
}

func TestFreshCodesAreUniqueInTheProgramme(t *testing.T) {
	e := newEnv(t)
	seen := map[string]bool{}
	for _, p := range e.participants(e.progA.ID) {
		seen[p.Code] = true
	}
	for range 40 {
		code, err := e.srv.freshCode(context.Background(), e.progA.ID)
		e.must(err)
		if domain.CheckCode(code) != nil || seen[code] {
			t.Fatalf("code %s is invalid or in use", code)
		}
		e.must(e.db.CreateParticipant(context.Background(), &domain.Participant{ProgrammeID: e.progA.ID, Code: code}))
		seen[code] = true
	}
}

// unusedCode is a valid code nobody in the programme has.
func (e *env) unusedCode(programmeID string) string {
	used := map[string]bool{}
	for _, p := range e.participants(programmeID) {
		used[p.Code] = true
	}
	for i := 0; ; i++ {
		j := 0
		code := domain.NewCode(func(n int) int { j++; return (i*j + j) % n }, domain.CodePayloadLen)
		if !used[code] {
			return code
		}
	}
}
