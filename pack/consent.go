package pack

import "fmt"

// ConsentScopes are the three things a participant agrees to, in the words
// printed on the form.
var ConsentScopes = []struct{ Scope, Question string }{
	{"Take part", "I agree to take part in today's session."},
	{"Be quoted anonymously", "You can use my words in reports. My name will not be used."},
	{"Appear in media", "You can use my words in films, pictures or the news. My name will not be used."},
}

// consentForm draws one consent form; facilitators copy it for each person.
func (x *doc) consentForm() {
	x.page("Consent form")
	x.heading("Consent form", easyHeading)
	x.para("Tick Yes or No for each question. You can say yes to taking part and no to the others.", easyBody, "")
	x.pdf.Ln(4)
	for i, s := range ConsentScopes {
		x.consentQuestion(i+1, s.Scope, s.Question)
	}
	x.pdf.Ln(4)
	x.codeBoxes("Your participant code", 4)
	x.pdf.Ln(6)
	x.fillIn("Date", ShortDate(x.d.Session.Date))
	x.fillIn("Facilitator (name)", "")
	x.fillIn("Facilitator (signature)", "")
	x.pdf.Ln(4)
	x.para("You can change your mind at any time. Tell a facilitator your code.", easyBody, "")
}

// consentQuestion draws a numbered question with Yes and No tick boxes.
func (x *doc) consentQuestion(n int, scope, question string) {
	p := x.pdf
	x.ensure(30)
	p.SetFont(font, "B", 18)
	p.MultiCell(bodyW, 9, x.tr(fmt.Sprintf("%d. %s", n, scope)), "", "L", false)
	p.SetFont(font, "", easyBody)
	p.MultiCell(bodyW, 7.5, x.tr(question), "", "L", false)
	p.Ln(1.5)
	y := p.GetY()
	for i, label := range []string{"Yes", "No"} {
		bx := margin + 6 + float64(i)*45
		x.box(bx, y, 9)
		p.SetXY(bx+12, y)
		p.SetFont(font, "B", 16)
		p.CellFormat(25, 9, label, "", 0, "L", false, 0, "")
	}
	p.SetXY(margin, y+15)
}

// codeBoxes draws one box per character of a participant code.
func (x *doc) codeBoxes(label string, n int) {
	p := x.pdf
	p.SetFont(font, "B", 16)
	y := p.GetY()
	p.CellFormat(75, 12, x.tr(label), "", 0, "L", false, 0, "")
	for i := range n {
		x.box(margin+75+float64(i)*14, y, 12)
	}
	p.SetXY(margin, y+12)
}

// fillIn draws a label with a line to write on, or a pre-filled value.
func (x *doc) fillIn(label, value string) {
	p := x.pdf
	x.ensure(14)
	p.SetFont(font, "B", 14)
	p.CellFormat(75, 10, x.tr(label), "", 0, "L", false, 0, "")
	if value != "" {
		p.SetFont(font, "", 14)
		p.CellFormat(bodyW-75, 10, x.tr(value), "B", 1, "L", false, 0, "")
		p.Ln(3)
		return
	}
	x.writeLine(10)
	p.Ln(3)
}
