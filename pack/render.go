package pack

import (
	"fmt"
	"io"
	"strings"

	"github.com/go-pdf/fpdf"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageW   = 210.0
	pageH   = 297.0
	margin  = 15.0
	bodyW   = pageW - 2*margin
	topY    = 24.0 // below the header band
	bottomY = pageH - 18.0
	font    = "Helvetica"
)

// doc is one pack being drawn.
type doc struct {
	pdf *fpdf.Fpdf
	// tr converts UTF-8 to the core fonts' code page (Windows-1252).
	tr      func(string) string
	d       *Data
	section string
}

// Render writes the session pack for d as a PDF.
func Render(w io.Writer, d *Data) error {
	x := newDoc(d)
	sections := []func(){
		x.runSheet, x.infoSheet, x.consentForm,
		x.attendanceSheet, x.debateSheets, x.teamWorkSheets, x.statementGrid, x.dotSheets,
	}
	for _, draw := range sections {
		draw()
		if x.pdf.Err() {
			break
		}
	}
	if err := x.pdf.Output(w); err != nil {
		return fmt.Errorf("pack: render session %s: %w", d.Session.ID, err)
	}
	return nil
}

func newDoc(d *Data) *doc {
	pdf := fpdf.New("P", "mm", "A4", "")
	x := &doc{pdf: pdf, d: d}
	cp1252 := pdf.UnicodeTranslatorFromDescriptor("")
	x.tr = func(s string) string { return cp1252(Fold(s)) }
	pdf.SetMargins(margin, topY, margin)
	pdf.SetAutoPageBreak(true, pageH-bottomY)
	pdf.AliasNbPages("{nb}")
	pdf.SetTitle(x.tr("Session pack: "+d.Session.Title), false)
	pdf.SetCreator("peervoice", false)
	if !d.Generated.IsZero() {
		pdf.SetCreationDate(d.Generated)
		pdf.SetModificationDate(d.Generated)
	}
	pdf.SetHeaderFuncMode(x.header, true)
	pdf.SetFooterFunc(x.footer)
	return x
}

// page starts a new page of the named section.
func (x *doc) page(section string) {
	x.section = section
	x.pdf.AddPage()
}

// header prints the section name, the short session ID and a boxed check
// code, so a loose sheet can be matched to its session at a glance.
func (x *doc) header() {
	p := x.pdf
	p.SetXY(margin, 8)
	p.SetFont(font, "", 10)
	p.CellFormat(110, 8, x.tr(x.section), "", 0, "L", false, 0, "")
	p.CellFormat(40, 8, x.tr("Session "+x.d.ShortID()), "", 0, "R", false, 0, "")
	p.SetFont(font, "B", 13)
	p.CellFormat(bodyW-150, 8, x.d.CheckCode(), "1", 0, "C", false, 0, "")
	p.SetLineWidth(0.3)
	p.Line(margin, 18, pageW-margin, 18)
	p.SetXY(margin, topY)
}

// footer carries the full session ID, the check code and the page number.
func (x *doc) footer() {
	p := x.pdf
	p.SetXY(margin, pageH-13)
	p.SetFont(font, "", 8)
	left := fmt.Sprintf("Session ID %s  |  Check code %s", x.d.Session.ID, x.d.CheckCode())
	p.CellFormat(bodyW-35, 5, x.tr(left), "T", 0, "L", false, 0, "")
	p.CellFormat(35, 5, fmt.Sprintf("Page %d of {nb}", p.PageNo()), "T", 0, "R", false, 0, "")
}

// ensure starts a new page of the same section unless h millimetres remain.
func (x *doc) ensure(h float64) bool {
	if x.pdf.GetY()+h <= bottomY {
		return false
	}
	x.pdf.AddPage()
	return true
}

// heading writes a bold heading of the given size.
func (x *doc) heading(text string, size float64) {
	x.pdf.SetFont(font, "B", size)
	x.ensure(size * 0.9)
	x.pdf.MultiCell(bodyW, size*0.5, x.tr(text), "", "L", false)
	x.pdf.Ln(size * 0.15)
}

// para writes wrapped text at the given size and style.
func (x *doc) para(text string, size float64, style string) {
	x.pdf.SetFont(font, style, size)
	x.pdf.MultiCell(bodyW, size*0.45, x.tr(text), "", "L", false)
}

// labelled writes "Label: value" on one wrapped line with a bold label.
func (x *doc) labelled(label, value string, size float64) {
	p := x.pdf
	p.SetFont(font, "B", size)
	lw := 42.0
	h := size * 0.46
	x.ensure(h)
	y := p.GetY()
	p.CellFormat(lw, h, x.tr(label), "", 0, "L", false, 0, "")
	p.SetFont(font, "", size)
	p.SetXY(margin+lw, y)
	p.MultiCell(bodyW-lw, h, x.tr(orDash(value)), "", "L", false)
}

// box draws an empty square for a tick or a number.
func (x *doc) box(px, py, size float64) {
	x.pdf.SetLineWidth(0.4)
	x.pdf.Rect(px, py, size, size, "D")
	x.pdf.SetLineWidth(0.2)
}

// writeLine draws a ruled line to write on, from the current x to the margin.
func (x *doc) writeLine(h float64) {
	p := x.pdf
	y := p.GetY() + h
	p.SetDrawColor(120, 120, 120)
	p.Line(p.GetX(), y, pageW-margin, y)
	p.SetDrawColor(0, 0, 0)
	p.SetXY(margin, y)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// Fold replaces characters the PDF core fonts cannot show with close ASCII
// equivalents. Curly quotes, dashes, the pound and euro signs and the
// ellipsis survive, since Windows-1252 has them; anything else outside that
// code page is folded here or becomes "?", never garbage.
func Fold(s string) string {
	return strings.Map(func(r rune) rune {
		if f, ok := folds[r]; ok {
			return f
		}
		if r < 0x100 || inCP1252[r] {
			return r
		}
		return '?'
	}, s)
}

var folds = map[rune]rune{
	'\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2015': '-', '\u2212': '-',
	'\u2032': '\'', '\u2033': '"', '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ', '\u200b': -1,
	'\u2713': 'x', '\u2714': 'x', '\u2717': 'x', '\u2192': '>',
}

// inCP1252 lists the characters above U+00FF that Windows-1252 has.
var inCP1252 = map[rune]bool{
	'€': true, '‚': true, 'ƒ': true, '„': true, '…': true, '†': true, '‡': true, 'ˆ': true, '‰': true,
	'Š': true, '‹': true, 'Œ': true, 'Ž': true, '‘': true, '’': true, '“': true, '”': true, '•': true,
	'–': true, '—': true, '˜': true, '™': true, 'š': true, '›': true, 'œ': true, 'ž': true, 'Ÿ': true,
}
