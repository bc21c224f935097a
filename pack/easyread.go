package pack

import "strings"

// Easy-read type sizes in points: well above the usual 12pt, as easy-read
// guidance asks.
const (
	easyBody    = 16.0
	easyHeading = 24.0
)

// infoSheet draws the easy-read participant information sheet: short
// sentences, one to a line, in large type with plenty of space.
func (x *doc) infoSheet() {
	x.page("Information for you (easy read)")
	x.easyHeading("About today")
	x.easyLines(x.aboutToday()...)
	x.easyHeading("We do not write your name")
	x.easyLines(
		"You get a code instead of your name.",
		"Your code is a short mix of letters and numbers.",
		"Keep your code. You need it if you change your mind.",
		"What you say is kept private.",
	)
	x.easyHeading("When we have to tell someone")
	x.easyLines(
		"Sometimes we cannot keep things private.",
		"We must tell our safeguarding lead if you tell us:",
	)
	x.easyBullets(
		"someone is at risk of harm, or",
		"about a crime that nobody knows about, or",
		"about a risk to security.",
	)
	x.easyLines("We will tell you first if we have to do this.")
	x.easyHeading("How we use what you say")
	x.easyLines(
		"We write a report about what everyone said.",
		"Your name is never in the report.",
		"We only use your words if you say yes.",
		"We only use them in films or the news if you say yes.",
	)
	x.easyHeading("If you change your mind")
	x.easyLines(x.withdrawal()...)
}

func (x *doc) aboutToday() []string {
	lines := []string{
		"This is a meeting about " + x.d.Programme.Title + ".",
	}
	if c := strings.TrimSpace(x.d.Programme.Commissioner); c != "" {
		lines = append(lines, c+" wants to hear what you think.")
	}
	return append(lines,
		"The people running it are not prison or probation staff.",
		"You do not have to take part.",
		"You can stop at any time. Nothing bad will happen.",
	)
}

// withdrawal explains how to take part back, with the cut-off date if the
// programme has one.
func (x *doc) withdrawal() []string {
	lines := []string{
		"You can stop taking part at any time.",
		"You can ask us to take out what you said.",
		"Tell a facilitator or a member of staff your code.",
	}
	cutoff := x.d.Programme.WithdrawalCutoff
	if cutoff == "" {
		return append(lines, "You can do this at any time.")
	}
	return append(lines,
		"Do this by "+ShortDate(cutoff)+".",
		"After that date, tell us anyway.",
		"We will not use your words in anything new.",
	)
}

func (x *doc) easyHeading(text string) {
	x.pdf.Ln(4)
	x.ensure(32)
	x.pdf.SetFont(font, "B", easyHeading)
	x.pdf.MultiCell(bodyW, 11, x.tr(text), "", "L", false)
	x.pdf.Ln(2)
}

// easyLines writes each sentence on its own line with space between.
func (x *doc) easyLines(lines ...string) {
	x.pdf.SetFont(font, "", easyBody)
	for _, l := range lines {
		x.ensure(10)
		x.pdf.MultiCell(bodyW, 8, x.tr(l), "", "L", false)
		x.pdf.Ln(2)
	}
}

// easyBullets writes an indented list with a large bullet.
func (x *doc) easyBullets(items ...string) {
	p := x.pdf
	for _, it := range items {
		x.ensure(10)
		p.SetFont(font, "B", easyBody)
		p.SetX(margin + 6)
		p.CellFormat(8, 8, x.tr("•"), "", 0, "L", false, 0, "")
		p.SetFont(font, "", easyBody)
		p.MultiCell(bodyW-14, 8, x.tr(it), "", "L", false)
		p.Ln(1)
	}
	p.Ln(1)
}
