package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// BenchmarkUploadImport100k measures the upload page's check and import of
// a 100,000-row CSV (synchronous: the page tells the user it may take a
// minute). Run: go test ./web -run '^$' -bench UploadImport -benchtime 1x
func BenchmarkUploadImport100k(b *testing.B) {
	const rows = 100_000
	for range b.N {
		b.StopTimer()
		e := newEnv(&testing.T{})
		f := e.captureFixture()
		br := e.signedIn("coordinator")
		base := strings.TrimSuffix(f.path, "/capture")
		var buf bytes.Buffer
		cw := csv.NewWriter(&buf)
		cw.WriteAll([][]string{{"format", "peervoice-capture-1"}, {"session", e.sessA1.ID}, {"check code", e.sessA1.CheckCode},
			{"kind", "activity", "area", "participant", "phase", "position", "statement", "vote", "option", "count", "text"}})
		for i := range rows {
			who := ""
			if i%3 == 0 {
				who = f.codes[i%len(f.codes)]
			}
			cw.Write([]string{"contribution", "A1", "", who, "", "", "", "", "", "", fmt.Sprintf("Idea number %d: more time in education and family days", i)})
		}
		cw.Flush()
		b.SetBytes(int64(buf.Len()))
		b.StartTimer()
		w := br.upload(base+"/upload", nil, map[string][2]string{"file": {"big.csv", buf.String()}})
		if w.Code != http.StatusOK {
			b.Fatalf("check: %d %.300s", w.Code, w.Body.String())
		}
		tok := e.last("upload").Data.(*uploadData).Token
		if w := br.post(base+"/upload/confirm", map[string][]string{"token": {tok}}); w.Code != http.StatusOK {
			b.Fatalf("import: %d", w.Code)
		}
		b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	}
}
