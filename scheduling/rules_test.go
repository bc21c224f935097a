package scheduling

import (
	"strings"
	"testing"

	"peervoice/domain"
)

func facts() Facts {
	return Facts{
		Names:     map[string]string{"jo": "Jordan Okafor", "sam": "Sam Reid", "kit": "Kit Lowe"},
		SiteNames: map[string]string{"x": "HMP X", "y": "HMP Y"},
		Clearances: []Clearance{
			{FacilitatorID: "jo", SiteID: "x", Status: ClearanceGranted, ExpiresOn: "2026-09-30"},
			{FacilitatorID: "sam", SiteID: "x", Status: ClearanceRequested},
			{FacilitatorID: "kit", SiteID: "x", Status: ClearanceGranted, ExpiresOn: "2026-09-02"},
			{FacilitatorID: "jo", SiteID: "y", Status: ClearanceRefused},
		},
		Unavailable: []Unavailable{{FacilitatorID: "sam", Date: "2026-09-04"}},
		Booked: []domain.Session{
			{ID: "b1", Title: "HMP Y morning", Date: "2026-09-05", LeadFacilitatorID: "kit", CoFacilitatorID: "sam", Status: domain.SessionPlanned},
			{ID: "b3", Title: "Other programme", Date: "2026-09-07", LeadFacilitatorID: "sam", CoFacilitatorID: "jo", Status: domain.SessionDelivered},
			{ID: "b2", Title: "Called off", Date: "2026-09-06", LeadFacilitatorID: "jo", CoFacilitatorID: "sam", Status: domain.SessionCancelled},
		},
	}
}

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		name     string
		s        domain.Session
		lead, co string // wanted message fragments; "" = no problem
	}{
		{"cleared lead and free co", sess("jo", "sam", "x", "2026-09-03"), "", ""},
		{"clearance valid on its last day", sess("jo", "sam", "x", "2026-09-30"), "", ""},
		{"lead not cleared", sess("sam", "jo", "x", "2026-09-03"), "Sam Reid is not cleared for HMP X on 3 September", ""},
		{"lead refused", sess("jo", "sam", "y", "2026-09-03"), "Jordan Okafor is not cleared for HMP Y on 3 September", ""},
		{"lead with no clearance at all", sess("sam", "jo", "y", "2026-09-03"), "not cleared for HMP Y", ""},
		{"lead clearance expired", sess("kit", "sam", "x", "2026-09-03"), "Kit Lowe's clearance for HMP X expires on 2 September, before the session on 3 September", ""},
		{"lead clearance expires after the month", sess("jo", "sam", "x", "2026-10-01"), "expires on 30 September", ""},
		{"no co-facilitator", sess("jo", "", "x", "2026-09-03"), "", "Choose a co-facilitator"},
		{"co unavailable", sess("jo", "sam", "x", "2026-09-04"), "", "Sam Reid is unavailable on 4 September"},
		{"co double-booked", sess("jo", "sam", "x", "2026-09-05"), "", "Sam Reid is already booked on that date (HMP Y morning)"},
		{"co booked as a lead elsewhere", sess("jo", "kit", "x", "2026-09-05"), "", "Kit Lowe is already booked on that date"},
		{"lead booked as a co elsewhere", sess("jo", "kit", "x", "2026-09-07"), "Jordan Okafor is already booked on that date (Other programme)", ""},
		{"cancelled booking does not count", sess("jo", "sam", "x", "2026-09-06"), "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			pr := Check(c.s, facts())
			want(t, "lead", pr["lead_facilitator_id"], c.lead)
			want(t, "co", pr["co_facilitator_id"], c.co)
		})
	}
}

func TestCheckSkipsItselfAndCancelled(t *testing.T) {
	f := facts()
	s := f.Booked[0]
	s.SiteID = "x"
	// Editing a booked session must not clash with itself; kit's clearance
	// has lapsed by 5 September though.
	pr := Check(s, f)
	if strings.Contains(pr["co_facilitator_id"], "booked") || !strings.Contains(pr["lead_facilitator_id"], "expires on 2 September") {
		t.Fatalf("problems: %v", pr)
	}
	s.Status = domain.SessionCancelled
	if pr := Check(s, f); len(pr) != 0 {
		t.Fatalf("a cancelled session was checked: %v", pr)
	}
}

func sess(lead, co, site string, d domain.Date) domain.Session {
	return domain.Session{ID: "new", Title: "New", LeadFacilitatorID: lead, CoFacilitatorID: co, SiteID: site, Date: d, Status: domain.SessionPlanned}
}

func want(t *testing.T, what, got, frag string) {
	t.Helper()
	if frag == "" && got != "" || frag != "" && !strings.Contains(got, frag) {
		t.Errorf("%s: got %q, want %q", what, got, frag)
	}
}

func TestExpiring(t *testing.T) {
	f := facts()
	training := []Training{
		{FacilitatorID: "sam", Kind: TrainingSafeguarding, CompletedOn: "2025-09-10", ExpiresOn: "2026-09-10"},
		{FacilitatorID: "jo", Kind: TrainingDataProtection, CompletedOn: "2026-01-01", ExpiresOn: "2026-09-11"},
		{FacilitatorID: "jo", Kind: TrainingFacilitation, CompletedOn: "2026-01-01"},
	}
	for _, c := range []struct {
		today domain.Date
		want  []string
	}{
		// 27 Aug + 14 = 10 Sep: the safeguarding course is on the edge; the data protection one a day past it.
		{"2026-08-27", []string{"Kit Lowe's clearance for HMP X expires on 2 September.", "Sam Reid's safeguarding training expires on 10 September."}},
		{"2026-08-18", nil},
		{"2026-09-03", []string{"Kit Lowe's clearance for HMP X expired on 2 September.", "Sam Reid's safeguarding training expires on 10 September.",
			"Jordan Okafor's data protection training expires on 11 September."}},
		{"2026-09-16", []string{"Kit Lowe's clearance for HMP X expired on 2 September.", "Sam Reid's safeguarding training expired on 10 September.",
			"Jordan Okafor's data protection training expired on 11 September.", "Jordan Okafor's clearance for HMP X expires on 30 September."}},
	} {
		ws := Expiring(c.today, f, training)
		var got []string
		for _, w := range ws {
			got = append(got, w.Message)
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s:\n got %q\nwant %q", c.today, got, c.want)
		}
	}
}

func TestValidation(t *testing.T) {
	for _, c := range []struct {
		name  string
		err   error
		field string
	}{
		{"granted without expiry", (&Clearance{SiteID: "x", Status: ClearanceGranted}).Validate(), "expires_on"},
		{"unknown status", (&Clearance{SiteID: "x", Status: "maybe"}).Validate(), "status"},
		{"training expires before done", (&Training{Kind: TrainingFacilitation, CompletedOn: "2026-02-01", ExpiresOn: "2026-01-01"}).Validate(), "training_expires_on"},
		{"unknown course", (&Training{Kind: "first_aid", CompletedOn: "2026-02-01"}).Validate(), "kind"},
		{"debrief without wellbeing", (&Debrief{HowItWent: "Fine"}).Validate(), "wellbeing"},
		{"zero payment", (&Payment{FacilitatorID: "jo", Kind: PaymentFee, Date: "2026-09-01"}).Validate(), "amount"},
	} {
		de, ok := c.err.(*domain.Error)
		if !ok || de.Fields[c.field] == "" {
			t.Errorf("%s: %v has no %s problem", c.name, c.err, c.field)
		}
	}
	if err := (&Clearance{SiteID: "x", Status: ClearanceRequested}).Validate(); err != nil {
		t.Errorf("a requested clearance needs no expiry: %v", err)
	}
}

func TestParsePounds(t *testing.T) {
	for in, want := range map[string]int{"75": 7500, "£75.50": 7550, "1,200.5": 120050, "0.07": 7, " 12.30 ": 1230} {
		if got, ok := ParsePounds(in); !ok || got != want {
			t.Errorf("ParsePounds(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "-5", "1.234", "abc", "12.x", "£", ".5", "99999999"} {
		if got, ok := ParsePounds(in); ok {
			t.Errorf("ParsePounds(%q) = %d, accepted", in, got)
		}
	}
	if Pounds(7505) != "75.05" || Pounds(120050) != "1200.50" {
		t.Fatalf("Pounds: %s %s", Pounds(7505), Pounds(120050))
	}
}

func TestDebriefNeedsAttention(t *testing.T) {
	for _, c := range []struct {
		d    Debrief
		want bool
	}{
		{Debrief{Wellbeing: WellbeingGood}, false},
		{Debrief{Wellbeing: WellbeingGood, FollowUp: true}, true},
		{Debrief{Wellbeing: WellbeingStruggling}, true},
	} {
		if got := c.d.NeedsAttention(); got != c.want {
			t.Errorf("%+v: %v", c.d, got)
		}
	}
}
