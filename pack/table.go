package pack

import "strings"

// column is one column of a table: its heading and width in millimetres.
type column struct {
	title string
	w     float64
}

// tick, as a cell's text, draws an empty tick box instead of text.
const tick = "\x00tick"

// lineH is the height of one line of table text for a font size.
func lineH(size float64) float64 { return size * 0.48 }

// table draws a bordered table whose cells wrap, repeating the heading row
// on each new page. minH is the least height of a row, so people have room
// to write.
func (x *doc) table(cols []column, rows [][]string, size float64) {
	x.tableMin(cols, rows, size, 0)
}

func (x *doc) tableMin(cols []column, rows [][]string, size, minH float64) {
	x.headRow(cols, size)
	for _, r := range rows {
		h := max(x.rowHeight(cols, r, size), minH)
		if x.ensure(h) {
			x.headRow(cols, size)
		}
		x.row(cols, r, size, h, false)
	}
}

func (x *doc) headRow(cols []column, size float64) {
	p := x.pdf
	p.SetFont(font, "B", size)
	p.SetFillColor(225, 225, 225)
	h := x.rowHeight(cols, titles(cols), size)
	x.ensure(h + lineH(size)*2)
	x.row(cols, titles(cols), size, h, true)
	p.SetFont(font, "", size)
}

func titles(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.title
	}
	return out
}

// rowHeight is the height of the tallest cell in a row, with padding.
func (x *doc) rowHeight(cols []column, r []string, size float64) float64 {
	lines := 1
	for i, c := range cols {
		if i >= len(r) || r[i] == tick {
			continue
		}
		lines = max(lines, len(x.pdf.SplitLines([]byte(x.tr(r[i])), c.w-2)))
	}
	return float64(lines)*lineH(size) + 1.6
}

// row draws one row of cells of height h, then moves below it.
func (x *doc) row(cols []column, r []string, size, h float64, head bool) {
	p := x.pdf
	y, cx := p.GetY(), margin
	for i, c := range cols {
		text := ""
		if i < len(r) {
			text = r[i]
		}
		p.Rect(cx, y, c.w, h, rectStyle(head))
		if text == tick {
			b := min(6.0, h-2)
			x.box(cx+(c.w-b)/2, y+(h-b)/2, b)
		} else if strings.TrimSpace(text) != "" {
			p.SetXY(cx+1, y+0.8)
			p.MultiCell(c.w-2, lineH(size), x.tr(text), "", "L", false)
		}
		cx += c.w
	}
	p.SetXY(margin, y+h)
}

func rectStyle(head bool) string {
	if head {
		return "FD"
	}
	return "D"
}
