package pack

import (
	"fmt"

	"peervoice/domain"
)

// GridColumns is the most statements one vote-grid page holds.
const GridColumns = 12

// StatementRef is the short ID of a statement printed on grids: "S12".
func StatementRef(s domain.Statement) string { return fmt.Sprintf("S%d", s.Number) }

// statementGrid draws the statement-card vote grid: one row per participant
// code, one column per statement, with the statements' text listed below.
// Wide sets of statements are split over several pages of GridColumns.
func (x *doc) statementGrid() {
	if len(x.d.Statements) == 0 {
		return
	}
	for _, part := range gridPages(x.d.Statements) {
		x.page("Capture: statement votes")
		x.heading(fmt.Sprintf("Statement votes (%s to %s)", StatementRef(part[0]), StatementRef(part[len(part)-1])), 18)
		x.typeUpNote("statement cards")
		x.para("Write a = agree, d = disagree, p = pass. Leave blank if the person did not vote.", 10, "")
		x.pdf.Ln(1)
		x.gridTable(part)
		x.statementKey(part)
	}
}

// gridPages splits statements into pages of at most GridColumns, as even
// as possible, so no page is left with one or two stray columns.
func gridPages(sts []domain.Statement) [][]domain.Statement {
	pages := (len(sts) + GridColumns - 1) / GridColumns
	var out [][]domain.Statement
	for i := range pages {
		out = append(out, sts[i*len(sts)/pages:(i+1)*len(sts)/pages])
	}
	return out
}

func (x *doc) gridTable(part []domain.Statement) {
	codeW := 30.0
	cw := (bodyW - codeW) / GridColumns
	cols := []column{{"Code", codeW}}
	for _, s := range part {
		cols = append(cols, column{StatementRef(s), cw})
	}
	var rows [][]string
	for _, c := range append(append([]string(nil), x.d.Codes...), make([]string, BlankRows)...) {
		rows = append(rows, []string{c})
	}
	x.tableMin(cols, rows, 9, 6)
}

// statementKey lists each statement's text under its short ID.
func (x *doc) statementKey(part []domain.Statement) {
	x.pdf.Ln(4)
	x.heading("The statements", 12)
	for _, s := range part {
		x.ensure(5)
		y := x.pdf.GetY()
		x.pdf.SetFont(font, "B", 9.5)
		x.pdf.CellFormat(14, 4.6, StatementRef(s), "", 0, "L", false, 0, "")
		x.pdf.SetFont(font, "", 9.5)
		x.pdf.SetXY(margin+14, y)
		x.pdf.MultiCell(bodyW-14, 4.6, x.tr(s.Text), "", "L", false)
	}
}
