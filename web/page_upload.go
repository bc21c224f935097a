package web

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/importer"
)

// maxUploadBytes bounds an uploaded file: a real session's capture file is
// a few hundred kilobytes, and a Polis export a few megabytes.
const maxUploadBytes = 20 << 20

// errUploadTooLarge is what an oversize upload gets, as it is said.
var errUploadTooLarge = domain.Errorf(domain.EInvalid,
	"The file is larger than 20 MB. Split it into one file per session, or ask an administrator to import it with the peervoice import command.")

// limitUpload bounds a multipart request body and parses it, so that the
// CSRF check that follows reads a form of bounded size. Other requests
// pass untouched.
func limitUpload(w http.ResponseWriter, r *http.Request) error {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadBytes+1<<20)
	err := r.ParseMultipartForm(1 << 20)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return errUploadTooLarge
	}
	return nil // a malformed form shows as a missing file or CSRF token
}

// uploadData is the upload page: the templates to download, the form, and
// after a check, what the file would add or what is wrong with it.
type uploadData struct {
	Programme *domain.Programme
	Session   *domain.Session
	Base      string
	// Checked is the dry run's result; Token names the kept file.
	Checked  *captureCounts
	Token    string
	FileName string
	Problems Table
	Done     *captureCounts
}

// captureCounts is an import's result as the page shows it.
type captureCounts struct {
	Rows []SummaryRow
}

func countsOf(res *importer.CaptureResult, dryRun bool) *captureCounts {
	row := func(label string, k importer.KindCount) SummaryRow {
		if dryRun {
			return SummaryRow{label, fmt.Sprintf("%d to check against what is saved", k.Added+k.Updated+k.Skipped)}
		}
		return SummaryRow{label, fmt.Sprintf("%d added, %d changed, %d already saved", k.Added, k.Updated, k.Skipped)}
	}
	c := &captureCounts{Rows: []SummaryRow{row("Contributions", res.Contributions), row("Debate votes", res.DebateVotes),
		row("Statement votes", res.StatementVotes), row("Dot priorities", res.DotVotes), row("Team rankings", res.Rankings),
		{"Blank template rows", fmt.Sprint(res.Blank)}, {"Held for the safeguarding lead", fmt.Sprint(res.Flagged)}}}
	if dryRun {
		c.Rows[0] = SummaryRow{"Contributions", fmt.Sprintf("%d (any already saved will be skipped)", res.Contributions.Added)}
	}
	return c
}

func (s *Server) uploadPage(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.captureSession(r)
	if err != nil {
		return err
	}
	return s.renderUpload(w, r, &uploadData{Programme: p, Session: x}, nil, nil)
}

func (s *Server) renderUpload(w http.ResponseWriter, r *http.Request, d *uploadData, e *Errors, b *Banner) error {
	d.Base = sessionPath(d.Programme, d.Session)
	v := s.view(r, "Upload a capture file: "+d.Session.Title, d)
	v.Back, v.Banner = d.Base, b
	if e != nil {
		v.Errors = e
	}
	return s.render(w, r, "upload", v)
}

// templateCSV and templateXLSX download a session's blank capture file.
func (s *Server) templateCSV(w http.ResponseWriter, r *http.Request) error {
	return s.templateFile(w, r, "csv")
}
func (s *Server) templateXLSX(w http.ResponseWriter, r *http.Request) error {
	return s.templateFile(w, r, "xlsx")
}

func (s *Server) templateFile(w http.ResponseWriter, r *http.Request, format string) error {
	_, x, err := s.captureSession(r)
	if err != nil {
		return err
	}
	t, err := importer.LoadTemplate(r.Context(), s.store, x.ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	write, ctype := t.WriteCSV, "text/csv; charset=utf-8"
	if format == "xlsx" {
		write, ctype = t.WriteXLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	if err := write(&buf); err != nil {
		return fmt.Errorf("web: capture template: %w", err)
	}
	if err := s.record(r, audit.ActionExport, "capture_template", x.ID, x.ProgrammeID); err != nil {
		return err
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="session-`+x.CheckCode+`.`+format+`"`)
	_, err = w.Write(buf.Bytes())
	return err
}

// uploadCheck reads an uploaded file and runs a dry run: nothing is
// saved, the file is kept under a random token for the confirming step.
func (s *Server) uploadCheck(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.captureSession(r)
	if err != nil {
		return err
	}
	d := &uploadData{Programme: p, Session: x}
	data, name, e := readUpload(r, "file")
	if e.Any() {
		return s.renderUpload(w, r, d, e, nil)
	}
	format := captureFormat(name, data)
	res, err := s.importUpload(r, x, data, format, true)
	if e := uploadProblems(d, err); e != nil {
		return s.renderUpload(w, r, d, e, nil)
	}
	if err != nil {
		return err
	}
	if d.Token, err = keepUpload(x.ID, format, data); err != nil {
		return err
	}
	d.Checked, d.FileName = countsOf(res, true), filepath.Base(name)
	return s.renderUpload(w, r, d, nil, nil)
}

// uploadConfirm imports a file checked a moment ago.
func (s *Server) uploadConfirm(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.captureSession(r)
	if err != nil {
		return err
	}
	d := &uploadData{Programme: p, Session: x}
	path, format, ok := keptUpload(x.ID, r.PostFormValue("token"))
	data, rerr := os.ReadFile(path)
	if !ok || rerr != nil {
		e := &Errors{}
		e.Add("file", "The checked file is no longer here. Upload it again.")
		return s.renderUpload(w, r, d, e, nil)
	}
	if handled, err := s.uploadJob(w, r, d, data, format, path); handled {
		return err // a large file imports in the background (page_jobs.go)
	}
	res, err := s.importUpload(r, x, data, format, false)
	if e := uploadProblems(d, err); e != nil {
		return s.renderUpload(w, r, d, e, nil)
	}
	if err != nil {
		return err
	}
	_ = os.Remove(path) // imported; a leftover is swept later
	if err := s.record(r, audit.ActionCreate, audit.ResourceContribution, x.ID, p.ID); err != nil {
		return err
	}
	d.Done = countsOf(res, false)
	return s.renderUpload(w, r, d, nil, &Banner{Success: true, Heading: "File imported"})
}

// readUpload reads one uploaded file, refusing a missing or empty one.
func readUpload(r *http.Request, field string) ([]byte, string, *Errors) {
	e := &Errors{}
	f, h, err := r.FormFile(field)
	if err != nil {
		e.Add(field, "Choose a file to upload.")
		return nil, "", e
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxUploadBytes+1))
	switch {
	case err != nil:
		e.Add(field, "The file could not be read. Try uploading it again.")
	case len(data) > maxUploadBytes:
		e.Add(field, "The file is larger than 20 MB. Split it into one file per session.")
	case len(bytes.TrimSpace(data)) == 0:
		e.Add(field, "The file is empty.")
	}
	return data, h.Filename, e
}

// captureFormat decides how to read an upload: a workbook by its name or
// its zip signature, otherwise CSV (which refuses PDFs and the like).
func captureFormat(name string, data []byte) string {
	if strings.EqualFold(filepath.Ext(name), ".xlsx") || bytes.HasPrefix(data, []byte("PK\x03\x04")) && !strings.EqualFold(filepath.Ext(name), ".csv") {
		return "xlsx"
	}
	return "csv"
}

func (s *Server) importUpload(r *http.Request, x *domain.Session, data []byte, format string, dryRun bool) (*importer.CaptureResult, error) {
	read := importer.ReadCSV
	if format == "xlsx" {
		read = importer.ReadXLSX
	}
	c, err := read(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return s.importCapture(r, x, c, dryRun)
}

// uploadProblems turns a file's problems into the page's errors and a
// table of every problem by row and column; nil if err is not about the
// file.
func uploadProblems(d *uploadData, err error) *Errors {
	var fe *importer.FileError
	if !errors.As(err, &fe) {
		if de, ok := asDomain(err); ok && de.Code == domain.EInvalid {
			e := &Errors{}
			e.Add("file", domain.ErrorMessage(err))
			return e
		}
		return nil
	}
	e := &Errors{}
	e.Add("file", fmt.Sprintf("The file has %d problem%s, so nothing was imported. Correct them and upload it again.", len(fe.Problems), plural(len(fe.Problems))))
	d.Problems = Table{Caption: "Problems in the file", Head: []Cell{{Text: "Where"}, {Text: "Problem"}}}
	for _, p := range fe.Problems {
		d.Problems.Rows = append(d.Problems.Rows, []Cell{{Text: p.Location.String()}, {Text: p.Message}})
	}
	return e
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// uploadDir holds checked files until they are confirmed, readable only by
// the server's user. Files are named by session and a random token, so a
// token works only for the session it was issued in.
func uploadDir() (string, error) {
	dir := filepath.Join(os.TempDir(), "peervoice-uploads")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("web: upload dir: %w", err)
	}
	return dir, nil
}

// keptUploadTTL is how long a checked file waits for its confirmation.
const keptUploadTTL = 24 * time.Hour

func keepUpload(sessionID, format string, data []byte) (string, error) {
	dir, err := uploadDir()
	if err != nil {
		return "", err
	}
	sweepUploads(dir)
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("web: upload token: %w", err)
	}
	token := hex.EncodeToString(b) + "." + format
	if err := os.WriteFile(filepath.Join(dir, sessionID+"-"+token), data, 0o600); err != nil {
		return "", fmt.Errorf("web: keep upload: %w", err)
	}
	return token, nil
}

var tokenRE = regexp.MustCompile(`^[0-9a-f]{32}\.(csv|xlsx)$`)

// keptUpload finds a kept file by session and token.
func keptUpload(sessionID, token string) (path, format string, ok bool) {
	m := tokenRE.FindStringSubmatch(token)
	if m == nil {
		return "", "", false
	}
	dir, err := uploadDir()
	if err != nil {
		return "", "", false
	}
	return filepath.Join(dir, sessionID+"-"+token), m[1], true
}

// sweepUploads removes checked files that were never confirmed.
func sweepUploads(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, en := range entries {
		if info, err := en.Info(); err == nil && time.Since(info.ModTime()) > keptUploadTTL {
			_ = os.Remove(filepath.Join(dir, en.Name()))
		}
	}
}
