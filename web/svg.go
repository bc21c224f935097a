package web

import (
	"cmp"
	"html"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Server-rendered SVG charts. They are built as strings, not templates, so
// the geometry stays in Go; every piece of text goes through
// html.EscapeString, which is also valid XML escaping. No style attributes
// (the CSP forbids inline style): presentation attributes only.

// seriesStyle is how one series is drawn: a colour and a shape, so the map
// does not rely on colour alone. Colours are the Okabe-Ito palette, which
// stays distinct for the common colour-vision deficiencies.
type seriesStyle struct {
	Colour, Shape string
}

// seriesStyles are used in order, one per group.
var seriesStyles = []seriesStyle{
	{"#0072B2", "circle"}, {"#D55E00", "square"}, {"#009E73", "triangle"},
	{"#CC79A7", "diamond"}, {"#E69F00", "cross"},
}

// styleFor returns the style of the i-th series.
func styleFor(i int) seriesStyle { return seriesStyles[i%len(seriesStyles)] }

// scatterPoint is one participant's place on the map.
type scatterPoint struct {
	X, Y   float64
	Series int
}

// scatterSeries names one series for the in-chart legend.
type scatterSeries struct {
	Name  string
	Style seriesStyle
}

// Scatter geometry, in SVG user units.
const (
	scatterW, scatterH = 640.0, 400.0
	plotW              = 460.0 // the legend takes the rest
	plotPad            = 16.0
	markR              = 4.5
)

// renderScatter draws the points as an accessible image: role="img",
// labelled by its title and described by desc. Points carry no labels or
// tooltips, and are sorted by series and position so that their order in
// the document says nothing about who they are.
func renderScatter(id, title, desc string, series []scatterSeries, pts []scatterPoint) template.HTML {
	pts = slices.Clone(pts)
	slices.SortFunc(pts, func(a, b scatterPoint) int {
		return cmp.Or(cmp.Compare(a.Series, b.Series), cmp.Compare(a.X, b.X), cmp.Compare(a.Y, b.Y))
	})
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" role="img" class="pv-chart" width="100%" viewBox="0 0 `)
	b.WriteString(num(scatterW) + " " + num(scatterH) + `" aria-labelledby="` + esc(id) + `-title ` + esc(id) + `-desc">`)
	b.WriteString(`<title id="` + esc(id) + `-title">` + esc(title) + `</title>`)
	b.WriteString(`<desc id="` + esc(id) + `-desc">` + esc(desc) + `</desc>`)
	b.WriteString(`<rect x="0" y="0" width="` + num(plotW) + `" height="` + num(scatterH) + `" fill="#ffffff" stroke="#b1b4b6"/>`)
	sx, sy := scales(pts)
	b.WriteString(axisLines(sx, sy))
	b.WriteString(`<g class="pv-points">`)
	for _, p := range pts {
		b.WriteString(mark(styleFor(p.Series), sx(p.X), sy(p.Y)))
	}
	b.WriteString(`</g><g class="pv-legend">` + legend(series) + `</g>`)
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // #nosec: built from escaped text and numbers only
}

// scales maps data coordinates into the plot area, keeping the aspect
// ratio (distances mean the same across and down) and the origin inside.
func scales(pts []scatterPoint) (func(float64) float64, func(float64) float64) {
	minX, maxX, minY, maxY := 0.0, 0.0, 0.0, 0.0
	for _, p := range pts {
		minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
		minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
	}
	span := math.Max(math.Max(maxX-minX, maxY-minY), 1e-9)
	k := math.Min(plotW-2*plotPad, scatterH-2*plotPad) / span
	cx, cy := (minX+maxX)/2, (minY+maxY)/2
	sx := func(x float64) float64 { return plotW/2 + (x-cx)*k }
	// SVG's y runs down; flip so that up on the page is up in the data.
	sy := func(y float64) float64 { return scatterH/2 - (y-cy)*k }
	return sx, sy
}

// axisLines draws the unlabelled axes through the origin.
func axisLines(sx, sy func(float64) float64) string {
	x0, y0 := sx(0), sy(0)
	return `<line x1="0" y1="` + num(y0) + `" x2="` + num(plotW) + `" y2="` + num(y0) + `" stroke="#b1b4b6"/>` +
		`<line x1="` + num(x0) + `" y1="0" x2="` + num(x0) + `" y2="` + num(scatterH) + `" stroke="#b1b4b6"/>`
}

// mark draws one point in a series' shape and colour.
func mark(s seriesStyle, x, y float64) string {
	r := markR
	fill := `fill="` + s.Colour + `" fill-opacity="0.8" stroke="#0b0c0c" stroke-width="0.5"`
	switch s.Shape {
	case "square":
		return `<rect x="` + num(x-r) + `" y="` + num(y-r) + `" width="` + num(2*r) + `" height="` + num(2*r) + `" ` + fill + `/>`
	case "triangle":
		return polygon(fill, x, y-r*1.2, x+r*1.1, y+r*0.8, x-r*1.1, y+r*0.8)
	case "diamond":
		return polygon(fill, x, y-r*1.3, x+r*1.3, y, x, y+r*1.3, x-r*1.3, y)
	case "cross":
		return `<path d="M` + num(x-r) + " " + num(y-r) + "L" + num(x+r) + " " + num(y+r) + "M" + num(x-r) + " " + num(y+r) +
			"L" + num(x+r) + " " + num(y-r) + `" stroke="` + s.Colour + `" stroke-width="2.5"/>`
	}
	return `<circle cx="` + num(x) + `" cy="` + num(y) + `" r="` + num(r) + `" ` + fill + `/>`
}

func polygon(attrs string, xy ...float64) string {
	parts := make([]string, 0, len(xy)/2)
	for i := 0; i+1 < len(xy); i += 2 {
		parts = append(parts, num(xy[i])+","+num(xy[i+1]))
	}
	return `<polygon points="` + strings.Join(parts, " ") + `" ` + attrs + `/>`
}

// legend lists the series to the right of the plot.
func legend(series []scatterSeries) string {
	var b strings.Builder
	for i, s := range series {
		y := 30 + float64(i)*28
		b.WriteString(mark(s.Style, plotW+24, y))
		b.WriteString(`<text x="` + num(plotW+38) + `" y="` + num(y+5) + `" font-size="16" fill="#0b0c0c">` + esc(s.Name) + `</text>`)
	}
	return b.String()
}

// intervalRow is one option in an interval chart: a point estimate and its
// interval, all between 0 and 1.
type intervalRow struct {
	Label         string
	Value, Lo, Hi float64
}

// Interval chart geometry.
const (
	ivLabelW, ivPlotW, ivRowH = 300.0, 320.0, 28.0
)

// renderIntervals draws each row's interval as a line with a dot at the
// estimate, on a shared 0 to max scale, as an image named by its title and
// described by desc (the table beside it holds the figures).
func renderIntervals(id, title, desc string, rows []intervalRow) template.HTML {
	top := 0.0
	for _, r := range rows {
		top = math.Max(top, r.Hi)
	}
	// A round top of scale (the next 10%) so the axis reads plainly.
	top = math.Min(1, math.Max(math.Ceil(top*10)/10, 0.1))
	h := ivRowH*float64(len(rows)) + 30
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" role="img" class="pv-chart" width="100%" viewBox="0 0 `)
	b.WriteString(num(ivLabelW+ivPlotW+60) + " " + num(h) + `" aria-labelledby="` + esc(id) + `-title ` + esc(id) + `-desc">`)
	b.WriteString(`<title id="` + esc(id) + `-title">` + esc(title) + `</title><desc id="` + esc(id) + `-desc">` + esc(desc) + `</desc>`)
	x := func(v float64) float64 { return ivLabelW + v/top*ivPlotW }
	for i, r := range rows {
		y := ivRowH*float64(i) + ivRowH/2
		b.WriteString(`<text x="` + num(ivLabelW-8) + `" y="` + num(y+5) + `" text-anchor="end" font-size="14" fill="#0b0c0c">` + esc(truncate(r.Label, 40)) + `</text>`)
		b.WriteString(`<line x1="` + num(x(r.Lo)) + `" y1="` + num(y) + `" x2="` + num(x(r.Hi)) + `" y2="` + num(y) + `" stroke="#1d70b8" stroke-width="4"/>`)
		b.WriteString(`<circle cx="` + num(x(r.Value)) + `" cy="` + num(y) + `" r="5" fill="#0b0c0c"/>`)
	}
	axisY := ivRowH * float64(len(rows))
	b.WriteString(`<line x1="` + num(ivLabelW) + `" y1="` + num(axisY) + `" x2="` + num(ivLabelW+ivPlotW) + `" y2="` + num(axisY) + `" stroke="#505a5f"/>`)
	b.WriteString(`<text x="` + num(ivLabelW) + `" y="` + num(axisY+20) + `" font-size="14" fill="#0b0c0c">0%</text>`)
	b.WriteString(`<text x="` + num(ivLabelW+ivPlotW) + `" y="` + num(axisY+20) + `" text-anchor="middle" font-size="14" fill="#0b0c0c">` + pct(top) + `</text>`)
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // #nosec: built from escaped text and numbers only
}

// barPart is one segment of a stacked bar.
type barPart struct {
	Count  int
	Colour string
}

// renderBar draws a stacked bar of counts. It is decoration beside a table
// holding the same figures, so it is hidden from assistive technology.
func renderBar(parts []barPart) template.HTML {
	total := 0
	for _, p := range parts {
		total += p.Count
	}
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false" class="pv-bar" width="300" height="20" viewBox="0 0 300 20">`)
	at := 0.0
	for _, p := range parts {
		if total == 0 || p.Count == 0 {
			continue
		}
		w := 300 * float64(p.Count) / float64(total)
		b.WriteString(`<rect x="` + num(at) + `" y="0" width="` + num(w) + `" height="20" fill="` + p.Colour + `" stroke="#ffffff"/>`)
		at += w
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // #nosec: numbers and fixed colours only
}

// num writes a coordinate to one decimal place: enough for the eye, and it
// does not publish analysis results to more precision than a picture needs.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

func esc(s string) string { return html.EscapeString(s) }

// pct writes a share (0..1) as a whole percentage.
func pct(v float64) string { return strconv.Itoa(int(math.Round(100*v))) + "%" }

// truncate shortens a label for a chart; the table gives it in full.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
