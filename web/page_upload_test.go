package web

import (
	"bytes"
	"encoding/csv"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"peervoice/domain"
)

// upload posts files (field → name → content) and fields as a multipart
// form with the session's CSRF token.
func (b *browser) upload(path string, fields map[string]string, files map[string][2]string) *httptest.ResponseRecorder {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if b.csrf != "" {
		mw.WriteField("csrf", b.csrf)
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for field, f := range files {
		fw, err := mw.CreateFormFile(field, f[0])
		b.e.must(err)
		fw.Write([]byte(f[1]))
	}
	b.e.must(mw.Close())
	r := httptest.NewRequest("POST", path, &body)
	r.RemoteAddr = "192.0.2.10:4567"
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.AddCookie(&http.Cookie{Name: cookieName, Value: b.cookie})
	w := httptest.NewRecorder()
	b.e.srv.ServeHTTP(w, r)
	return w
}

// filledTemplate downloads the session's CSV template and fills in two
// contributions and a vote.
func (e *env) filledTemplate(b *browser, f captureFixture) string {
	w := b.get(strings.TrimSuffix(f.path, "/capture") + "/capture-template.csv")
	wantStatus(e.t, w, http.StatusOK)
	cr := csv.NewReader(strings.NewReader(w.Body.String()))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	e.must(err)
	var out bytes.Buffer
	cw := csv.NewWriter(&out)
	for _, r := range recs[:4] {
		cw.Write(r)
	}
	row := func(vals map[string]string) {
		r := make([]string, len(recs[3]))
		for i, col := range recs[3] {
			r[i] = vals[col]
		}
		cw.Write(r)
	}
	row(map[string]string{"kind": "contribution", "activity": "A1", "text": "More time in education"})
	row(map[string]string{"kind": "contribution", "activity": "A1", "participant": f.codes[0], "text": "Family days matter"})
	row(map[string]string{"kind": "statement_vote", "participant": f.codes[1], "statement": "S2", "vote": "d"})
	cw.Flush()
	return out.String()
}

func TestUploadChecksThenImportsOnce(t *testing.T) {
	e := newEnv(t)
	f := e.captureFixture()
	b := e.signedIn("facilitator")
	base := strings.TrimSuffix(f.path, "/capture")
	wantStatus(t, b.get(base+"/upload"), http.StatusOK)
	w := b.get(base + "/capture-template.xlsx")
	wantStatus(t, w, http.StatusOK)
	if !bytes.HasPrefix(w.Body.Bytes(), []byte("PK")) {
		t.Fatal("the XLSX template is not a workbook")
	}
	file := e.filledTemplate(b, f)
	before := len(e.sessionContributions(true))
	wantStatus(t, b.upload(base+"/upload", nil, map[string][2]string{"file": {"session.csv", file}}), http.StatusOK)
	d := e.last("upload").Data.(*uploadData)
	if d.Checked == nil || d.Token == "" || d.Checked.Rows[0].Value != "2 (any already saved will be skipped)" {
		t.Fatalf("dry run: %+v", d)
	}
	if n := len(e.sessionContributions(true)); n != before {
		t.Fatal("the check saved something")
	}
	// A token is only good for its own session.
	other := "/programmes/alpha/sessions/" + e.sessA2.ID + "/upload/confirm"
	wantStatus(t, e.signedIn("coordinator").post(other, map[string][]string{"token": {d.Token}}), http.StatusUnprocessableEntity)
	wantStatus(t, b.post(base+"/upload/confirm", map[string][]string{"token": {d.Token}}), http.StatusOK)
	done := e.last("upload").Data.(*uploadData)
	if done.Done == nil || done.Done.Rows[0].Value != "2 added, 0 changed, 0 already saved" || done.Done.Rows[2].Value != "1 added, 0 changed, 0 already saved" {
		t.Fatalf("import: %+v", done.Done)
	}
	if n := len(e.sessionContributions(true)); n != before+2 {
		t.Fatalf("imported %d contributions, want 2", n-before)
	}
	// The token is spent; the same file again adds nothing.
	wantStatus(t, b.post(base+"/upload/confirm", map[string][]string{"token": {d.Token}}), http.StatusUnprocessableEntity)
	b.upload(base+"/upload", nil, map[string][2]string{"file": {"session.csv", file}})
	tok := e.last("upload").Data.(*uploadData).Token
	wantStatus(t, b.post(base+"/upload/confirm", map[string][]string{"token": {tok}}), http.StatusOK)
	if done := e.last("upload").Data.(*uploadData); done.Done.Rows[0].Value != "0 added, 0 changed, 2 already saved" {
		t.Fatalf("re-import: %+v", done.Done)
	}
	if n := len(e.sessionContributions(true)); n != before+2 {
		t.Fatalf("re-import added %d", n-before-2)
	}
}

func TestUploadRefusesBadFilesAndImportsNothing(t *testing.T) {
	e := newEnv(t)
	f := e.captureFixture()
	b := e.signedIn("coordinator")
	base := strings.TrimSuffix(f.path, "/capture")
	good := e.filledTemplate(b, f)
	wrong := strings.Replace(good, e.sessA1.ID, e.sessA2.ID, 1)
	wrong = strings.Replace(wrong, e.sessA1.CheckCode, domain.SessionCheckCode(e.sessA2.ID), 1)
	before := len(e.sessionContributions(true))
	for name, c := range map[string]struct{ file, name, want string }{
		"empty":     {"", "session.csv", "The file is empty"},
		"truncated": {good[:len(good)-25], "session.csv", "cut short"},
		"wrong":     {wrong, "session.csv", "wrong session"},
		"pdf":       {"%PDF-1.7\n%âãÏÓ\n1 0 obj\n", "session.csv", "it is a PDF document"},
		"bad vote":  {strings.Replace(good, ",d,", ",x,", 1), "session.csv", "is not a vote"},
		"bad xlsx":  {"PK\x03\x04 not really a workbook", "session.xlsx", "damaged"},
	} {
		w := b.upload(base+"/upload", nil, map[string][2]string{"file": {c.name, c.file}})
		wantStatus(t, w, http.StatusUnprocessableEntity)
		d := e.last("upload").Data.(*uploadData)
		body := w.Body.String()
		if d.Token != "" || !strings.Contains(body, c.want) {
			t.Errorf("%s: token %q, body lacks %q: %s", name, d.Token, c.want, tableText(d.Problems))
		}
	}
	if n := len(e.sessionContributions(true)); n != before {
		t.Fatalf("bad files imported %d contributions", n-before)
	}
	// A missing file.
	wantStatus(t, b.upload(base+"/upload", nil, nil), http.StatusUnprocessableEntity)
	if e.last("upload").Errors.Get("file") != "Choose a file to upload." {
		t.Fatal("missing file not reported")
	}
}

func TestUploadOverTheLimitIsRefused(t *testing.T) {
	e := newEnv(t)
	f := e.captureFixture()
	b := e.signedIn("coordinator")
	base := strings.TrimSuffix(f.path, "/capture")
	w := b.upload(base+"/upload", nil, map[string][2]string{"file": {"big.csv", strings.Repeat("x", maxUploadBytes+2<<20)}})
	wantStatus(t, w, http.StatusBadRequest)
	if !strings.Contains(w.Body.String(), "larger than 20 MB") {
		t.Fatalf("oversize upload: %.300s", w.Body.String())
	}
}

func tableText(t Table) string {
	var s []string
	for _, r := range t.Rows {
		for _, c := range r {
			s = append(s, c.Text)
		}
	}
	return strings.Join(s, " | ")
}
