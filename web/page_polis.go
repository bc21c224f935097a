package web

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/importer"
	"peervoice/policy"
	"peervoice/polis"
)

// polisData is the Polis import page.
type polisData struct {
	Programmes []Option
	Form       polisForm
}

// polisForm is what the Polis import form sends besides its files.
type polisForm struct {
	Programme, Name string
}

// polisFiles are the export's files, by form field; summary is optional.
var polisFiles = []struct{ Field, Name string }{
	{"comments", polis.CommentsFile}, {"votes", polis.VotesFile},
	{"participants", polis.ParticipantsVotesFile}, {"summary", polis.SummaryFile},
}

// mayImportPolis is who may import: those who may set up a programme.
func mayImportPolis(r *http.Request) error {
	if !policy.MayCreateProgramme(current(r).actor) {
		return errNotFound
	}
	return nil
}

func (s *Server) polisImportPage(w http.ResponseWriter, r *http.Request) error {
	if err := mayImportPolis(r); err != nil {
		return err
	}
	return s.renderPolis(w, r, polisForm{}, nil)
}

func (s *Server) renderPolis(w http.ResponseWriter, r *http.Request, f polisForm, e *Errors) error {
	ps, err := s.store.Programmes(r.Context())
	if err != nil {
		return err
	}
	d := polisData{Form: f, Programmes: []Option{{Value: "", Text: "A new programme"}}}
	for _, p := range ps {
		if policy.Allowed(current(r).actor, policy.Write, policy.InProgramme(policy.Programme, p.ID)) {
			d.Programmes = append(d.Programmes, Option{Value: p.Slug, Text: p.Title})
		}
	}
	v := s.view(r, "Import a Polis conversation", d)
	v.Back = "/programmes"
	if e != nil {
		v.Errors = e
	}
	return s.render(w, r, "polis-import", v)
}

func (s *Server) polisImport(w http.ResponseWriter, r *http.Request) error {
	if err := mayImportPolis(r); err != nil {
		return err
	}
	f := polisForm{Programme: strings.TrimSpace(r.PostFormValue("programme")), Name: strings.TrimSpace(r.PostFormValue("name"))}
	e := &Errors{}
	if f.Programme != "" && !s.mayWriteProgramme(r, f.Programme) {
		e.Add("programme", "Choose a programme you coordinate, or a new programme.")
	}
	dir, err := os.MkdirTemp("", "peervoice-polis-")
	if err != nil {
		return fmt.Errorf("web: polis import: %w", err)
	}
	defer os.RemoveAll(dir)
	name := s.receivePolis(r, dir, e)
	if e.Any() {
		return s.renderPolis(w, r, f, e)
	}
	return s.importPolisDir(w, r, dir, firstOf(f.Name, name), f)
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (s *Server) mayWriteProgramme(r *http.Request, slug string) bool {
	p, err := s.store.ProgrammeBySlug(r.Context(), slug)
	return err == nil && policy.Allowed(current(r).actor, policy.Write, policy.InProgramme(policy.Programme, p.ID))
}

// receivePolis writes the uploaded export into dir, from a zip of the
// folder or the separate files, and returns a name for a new programme.
func (s *Server) receivePolis(r *http.Request, dir string, e *Errors) string {
	if data, name, ze := readUpload(r, "zip"); !ze.Any() {
		if err := unzipPolis(data, dir); err != nil {
			e.Add("zip", domain.ErrorMessage(err))
		}
		return strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	if _, _, err := r.FormFile("comments"); err != nil {
		e.Add("zip", "Choose a zip of the Polis export folder, or its comments, votes and participants-votes files.")
		return ""
	}
	for _, pf := range polisFiles {
		data, _, fe := readUpload(r, pf.Field)
		switch {
		case fe.Any() && pf.Field == "summary":
		case fe.Any():
			e.Add(pf.Field, "Choose the export's "+pf.Name+" file.")
		default:
			if err := os.WriteFile(filepath.Join(dir, pf.Name), data, 0o600); err != nil {
				e.Add(pf.Field, "The file could not be kept. Try again.")
			}
		}
	}
	return "polis-import"
}

func (s *Server) importPolisDir(w http.ResponseWriter, r *http.Request, dir, name string, f polisForm) error {
	e := &Errors{}
	ex, err := polis.ReadDir(dir)
	if err != nil {
		e.Add("zip", "The export cannot be read, so nothing was imported: "+err.Error())
		return s.renderPolis(w, r, f, e)
	}
	var res *importer.PolisResult
	err = s.store.InTx(r.Context(), func(tx domain.Store) error {
		if res, err = importer.ImportPolis(r.Context(), tx, ex, importer.PolisOptions{Programme: f.Programme, Name: name}); err != nil {
			return err
		}
		if !res.Created || current(r).user.IsAdmin {
			return nil
		}
		// The importer becomes the new programme's coordinator, as when
		// setting one up by hand.
		return tx.AddMembership(r.Context(), domain.Membership{UserID: current(r).user.ID, ProgrammeID: res.Programme.ID, Role: domain.RoleCoordinator})
	})
	if err != nil {
		if domain.ErrorCode(err) != domain.EInvalid {
			return err
		}
		e.Add("zip", domain.ErrorMessage(err))
		return s.renderPolis(w, r, f, e)
	}
	if err := s.record(r, audit.ActionCreate, "polis_import", res.Programme.ID, res.Programme.ID); err != nil {
		return err
	}
	return redirectTo(w, r, "/programmes/"+res.Programme.Slug)
}

// Limits on a zip of a Polis export: the largest real export is under a
// megabyte, so these leave ample room while stopping a zip bomb.
const (
	maxZipEntries   = 50
	maxUnzippedFile = 100 << 20
	maxUnzipped     = 200 << 20
)

// unzipPolis writes the export's CSV files from a zip into dir. It refuses
// names that climb out (../) or are absolute, links, and anything that
// unpacks beyond the limits; other files (a README) are skipped.
func unzipPolis(data []byte, dir string) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return domain.Errorf(domain.EInvalid, "The file is not a zip archive, or it is damaged.")
	}
	if len(zr.File) > maxZipEntries {
		return domain.Errorf(domain.EInvalid, "The zip holds %d files; a Polis export has four.", len(zr.File))
	}
	var total int64
	seen := map[string]bool{}
	for _, zf := range zr.File {
		want, err := polisEntry(zf)
		if err != nil {
			return err
		}
		if want == "" {
			continue
		}
		if seen[want] {
			return domain.Errorf(domain.EInvalid, "The zip holds %s twice.", want)
		}
		seen[want] = true
		n, err := extract(zf, filepath.Join(dir, want), maxUnzipped-total)
		if err != nil {
			return err
		}
		total += n
	}
	return nil
}

// polisEntry checks one zip entry and returns the export file it is, or
// "" for a file to skip.
func polisEntry(zf *zip.File) (string, error) {
	name := zf.Name
	if strings.Contains(name, "\\") || strings.HasPrefix(name, "/") || filepath.IsAbs(name) || strings.Contains(name, ":") {
		return "", domain.Errorf(domain.EInvalid, "The zip holds %q, an absolute path: it is not a Polis export.", truncateText(name, 60))
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return "", domain.Errorf(domain.EInvalid, "The zip holds %q, which points outside its folder: it is not a Polis export.", truncateText(name, 60))
		}
	}
	if zf.Mode()&os.ModeSymlink != 0 || (!zf.Mode().IsRegular() && !zf.Mode().IsDir()) {
		return "", domain.Errorf(domain.EInvalid, "The zip holds %q, which is a link, not a file.", truncateText(name, 60))
	}
	if zf.Mode().IsDir() || strings.Count(strings.TrimSuffix(name, "/"), "/") > 1 {
		return "", nil
	}
	base := filepath.Base(name)
	for _, pf := range polisFiles {
		if base == pf.Name {
			return pf.Name, nil
		}
	}
	return "", nil
}

// extract writes one entry, counting the bytes actually unpacked: the
// sizes a zip declares can lie.
func extract(zf *zip.File, path string, budget int64) (int64, error) {
	limit := min(int64(maxUnzippedFile), budget)
	tooBig := domain.Errorf(domain.EInvalid, "%s unpacks to more than %d MB: the zip is not a Polis export.", zf.Name, limit>>20)
	if zf.UncompressedSize64 > uint64(limit) {
		return 0, tooBig
	}
	rc, err := zf.Open()
	if err != nil {
		return 0, domain.Errorf(domain.EInvalid, "%s cannot be unpacked: the zip is damaged.", zf.Name)
	}
	defer rc.Close()
	out, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return 0, fmt.Errorf("web: unzip %s: %w", zf.Name, err)
	}
	defer out.Close()
	n, err := io.Copy(out, io.LimitReader(rc, limit+1))
	switch {
	case n > limit:
		return n, tooBig
	case err != nil:
		return n, domain.Errorf(domain.EInvalid, "%s cannot be unpacked: the zip is damaged or truncated.", zf.Name)
	}
	return n, nil
}

func truncateText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// polisAttribution goes into every export of a programme imported from
// Polis: the data is CC BY 4.0 and the licence asks for attribution.
const polisAttribution = `# Polis data attribution

This export contains data gathered using the Polis software (compdemocracy.org/polis), sub-licensed
under CC BY 4.0 with Attribution to The Computational Democracy Project. Keep this attribution with
any copy of the data.
`

// polisExport downloads a programme's statements and votes as a zip of a
// Polis export folder.
func (s *Server) polisExport(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Write, policy.Programme)
	if err != nil {
		return err
	}
	ex, err := importer.ExportPolis(r.Context(), s.store, p.ID)
	if err != nil {
		return err
	}
	data, err := zipPolis(ex, p.Template == "polis_import")
	if err != nil {
		return err
	}
	if err := s.record(r, audit.ActionExport, "polis_export", p.ID, p.ID); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="`+p.Slug+`-polis.zip"`)
	_, err = w.Write(data)
	return err
}

// zipPolis writes the export with polis.WriteDir, so the files are exactly
// what the CLI writes, then zips the folder.
func zipPolis(ex *polis.Export, attribution bool) ([]byte, error) {
	dir, err := os.MkdirTemp("", "peervoice-polis-export-")
	if err != nil {
		return nil, fmt.Errorf("web: polis export: %w", err)
	}
	defer os.RemoveAll(dir)
	if err := polis.WriteDir(dir, ex); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, pf := range polisFiles {
		b, err := os.ReadFile(filepath.Join(dir, pf.Name))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("web: polis export: %w", err)
		}
		if err := addZipFile(zw, pf.Name, b); err != nil {
			return nil, err
		}
	}
	if attribution {
		if err := addZipFile(zw, "ATTRIBUTION.md", []byte(polisAttribution)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("web: polis export: %w", err)
	}
	return buf.Bytes(), nil
}

func addZipFile(zw *zip.Writer, name string, b []byte) error {
	f, err := zw.Create(name)
	if err == nil {
		_, err = f.Write(b)
	}
	if err != nil {
		return fmt.Errorf("web: polis export: zip %s: %w", name, err)
	}
	return nil
}
