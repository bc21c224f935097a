package pack

import (
	"fmt"

	"peervoice/domain"
)

// SafeguardingSteps is the protocol a facilitator follows when someone
// discloses harm, a crime or a security risk. It is printed on every run
// sheet so it is in the room, not in a manual.
var SafeguardingSteps = []struct{ Step, Detail string }{
	{"Stop", "Calmly pause the activity for that person. Move somewhere quieter within sight of staff if you can."},
	{"Listen", "Let them speak. Do not interrupt, show shock or ask leading questions."},
	{"Don't promise confidentiality", "Explain kindly that you have to pass this on to keep people safe."},
	{"Record the words used", "Write down exactly what was said, in their words, with the time. Use the safeguarding note, never the capture sheets."},
	{"Tell the safeguarding lead the same day", "If anyone is in immediate danger, tell the site contact or the officer on duty at once as well."},
	{"Never investigate", "Do not ask for details, names or evidence, and do not confront anyone. Acting on it is the safeguarding lead's job."},
}

// SafeguardingLeadPlaceholder stands in for the lead's details until the
// programme records them.
const SafeguardingLeadPlaceholder = "see programme settings"

// runSheet draws the facilitators' run sheet.
func (x *doc) runSheet() {
	section := "Run sheet"
	if !x.d.Generated.IsZero() {
		section += ", printed " + x.d.Generated.Format("2 January 2006 15:04 MST")
	}
	x.page(section)
	x.heading("Run sheet: "+x.d.Session.Title, 18)
	x.sessionFacts()
	x.pdf.Ln(1)
	x.contacts()
	x.pdf.Ln(1)
	x.heading("Timings", 13)
	x.timings()
	x.pdf.Ln(2)
	x.heading("Security notes for "+x.d.Site.Name, 13)
	x.para(orDash(x.d.Site.SecurityNotes), 10, "")
	x.pdf.Ln(2)
	x.safeguarding()
}

func (x *doc) sessionFacts() {
	s, site := x.d.Session, x.d.Site
	times := s.StartTime
	if s.EndTime != "" {
		times += " to " + s.EndTime
	}
	where := site.Name
	if label := site.Type.Label(); label != "" {
		where += " (" + label + ")"
	}
	if site.Region != "" {
		where += ", " + site.Region
	}
	x.labelled("Programme", x.d.Programme.Title, 10)
	x.labelled("Site", where, 10)
	x.labelled("Date and time", LongDate(s.Date)+", "+times, 10)
	x.labelled("Lead facilitator", x.d.Lead, 10)
	x.labelled("Co-facilitator", x.d.CoFacilitator, 10)
	x.labelled("Target group", s.TargetGroup, 10)
	x.labelled("Check code", x.d.CheckCode()+"  (write it on anything you add to this pack)", 10)
}

// timings lists the plan with computed clock times.
func (x *doc) timings() {
	cols := []column{{"Start", 16}, {"End", 16}, {"Mins", 13}, {"Activity", 95}, {"Area", bodyW - 140}}
	rows := make([][]string, 0, len(x.d.Activities))
	total := 0
	for _, a := range x.d.Activities {
		what := a.Describe()
		if a.Prompt != "" && a.Prompt != a.Title {
			what += "\nPrompt: " + a.Prompt
		}
		rows = append(rows, []string{a.Start, a.End, fmt.Sprint(a.Minutes), what, orDash(a.AreaName)})
		total += a.Minutes
	}
	if len(rows) == 0 {
		x.para("No activities are planned yet. Add them to the session's plan and print the pack again.", 11, "I")
		return
	}
	x.table(cols, rows, 9.5)
	x.para(fmt.Sprintf("Planned time: %d minutes.", total), 10, "I")
}

// safeguardingH is about the height of the safeguarding protocol; it is
// kept on one page so no step is separated from the others.
const safeguardingH = 75.0

func (x *doc) safeguarding() {
	x.ensure(safeguardingH)
	x.heading("Safeguarding protocol", 13)
	x.para("If someone tells you about a risk of harm to themselves or others, abuse, a crime that is not known about, or a risk to security:", 10, "")
	x.pdf.Ln(1)
	for i, s := range SafeguardingSteps {
		x.ensure(12)
		x.pdf.SetFont(font, "B", 11)
		x.pdf.MultiCell(bodyW, 5.2, x.tr(fmt.Sprintf("%d. %s.", i+1, s.Step)), "", "L", false)
		x.pdf.SetX(margin + 5)
		x.pdf.SetFont(font, "", 10)
		x.pdf.MultiCell(bodyW-5, 4.6, x.tr(s.Detail), "", "L", false)
		x.pdf.Ln(0.5)
	}
	x.pdf.Ln(2)
}

func (x *doc) contacts() {
	x.heading("Contacts", 13)
	x.labelled("Site contact", x.d.Site.Contact, 10)
	x.labelled("Safeguarding lead", SafeguardingLeadPlaceholder, 10)
	x.labelled("Commissioner", x.d.Programme.Commissioner, 10)
}

// LongDate writes a date as "Tuesday 3 September 2026", or returns it
// unchanged if it is not a valid date.
func LongDate(d domain.Date) string {
	if !d.Valid() {
		return string(d)
	}
	return d.Time().Format("Monday 2 January 2006")
}

// ShortDate writes a date as "3 September 2026".
func ShortDate(d domain.Date) string {
	if !d.Valid() {
		return string(d)
	}
	return d.Time().Format("2 January 2006")
}
