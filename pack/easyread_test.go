package pack

import (
	"context"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// word is one word's box from pdftotext -bbox, in points.
type word struct {
	text       string
	yMin, yMax float64
}

var (
	pageRE = regexp.MustCompile(`(?s)<page [^>]*>(.*?)</page>`)
	wordRE = regexp.MustCompile(`<word xMin="[^"]+" yMin="([^"]+)" xMax="[^"]+" yMax="([^"]+)">([^<]*)</word>`)
)

// pdfWords returns each page's words with their boxes.
func pdfWords(t *testing.T, path string) [][]word {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext"), "-bbox", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var pages [][]word
	for _, pm := range pageRE.FindAllStringSubmatch(string(out), -1) {
		var ws []word
		for _, m := range wordRE.FindAllStringSubmatch(pm[1], -1) {
			y0, _ := strconv.ParseFloat(m[1], 64)
			y1, _ := strconv.ParseFloat(m[2], 64)
			ws = append(ws, word{m[3], y0, y1})
		}
		pages = append(pages, ws)
	}
	return pages
}

// Helvetica's glyph box is about 0.92 of the point size, so a word at least
// 0.9 x 16pt tall was set in 16pt type or larger.
const boxPerPoint = 0.9

// Easy-read guidance: body text at least 16pt, headings at least 24pt. The
// test states the requirement itself rather than reading the constants.
const (
	minBodyPt    = 16
	minHeadingPt = 24
)

func TestEasyReadSheetUsesLargeType(t *testing.T) {
	db := demoStore(t)
	d, err := Load(context.Background(), db, demoSessions(t, db)[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	pages, headings := 0, 0
	for _, ws := range pdfWords(t, renderFile(t, d)) {
		if !strings.Contains(joinWords(ws), "easy read") {
			continue
		}
		pages++
		for _, w := range body(ws) {
			h := w.yMax - w.yMin
			if h < boxPerPoint*minBodyPt {
				t.Errorf("%q is %.1fpt tall, below %vpt type", w.text, h, minBodyPt)
			}
			if h >= boxPerPoint*minHeadingPt && (w.text == "private" || w.text == "today" || w.text == "mind") {
				headings++
			}
		}
	}
	if pages == 0 || headings < 2 {
		t.Fatalf("%d easy-read pages, %d large headings found", pages, headings)
	}
}

// body drops the header band and the footer, which are small on purpose.
func body(ws []word) []word {
	const headerEnd, footerStart = 18 * 72 / 25.4, 280 * 72 / 25.4
	var out []word
	for _, w := range ws {
		if w.yMin > headerEnd && w.yMin < footerStart {
			out = append(out, w)
		}
	}
	return out
}

func joinWords(ws []word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.text
	}
	return strings.Join(parts, " ")
}
