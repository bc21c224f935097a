package web

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peervoice/domain"
	"peervoice/polis"
)

// polisDir is the smallest of the real Polis exports kept for tests.
const polisDir = "../../shared/data/polis-open-data/london.youth.policing"

// zipOf zips files (name → content), each entry made by the header hook.
func zipOf(t *testing.T, files map[string]string, hdr func(*zip.FileHeader)) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate}
		if hdr != nil {
			hdr(h)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// realExport reads the test export's files.
func realExport(t *testing.T) map[string]string {
	out := map[string]string{}
	for _, pf := range polisFiles {
		b, err := os.ReadFile(filepath.Join(polisDir, pf.Name))
		if os.IsNotExist(err) && pf.Field == "summary" {
			continue
		}
		if err != nil {
			t.Skipf("Polis test data missing: %v", err)
		}
		out[pf.Name] = string(b)
	}
	return out
}

func TestUnzipPolisRefusesUnsafeArchives(t *testing.T) {
	ok := map[string]string{"export/comments.csv": "a", "export/votes.csv": "b", "export/participants-votes.csv": "c", "export/README.md": "skip"}
	dir := t.TempDir()
	if err := unzipPolis(zipOf(t, ok, nil), dir); err != nil {
		t.Fatalf("a good zip: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "votes.csv")); string(b) != "b" {
		t.Fatalf("votes.csv not unpacked: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err == nil {
		t.Fatal("other files should be skipped")
	}
	symlink := func(h *zip.FileHeader) { h.SetMode(os.ModeSymlink | 0o777) }
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"climb":     {zipOf(t, map[string]string{"../comments.csv": "a"}, nil), "outside its folder"},
		"deep":      {zipOf(t, map[string]string{"x/../../votes.csv": "a"}, nil), "outside its folder"},
		"absolute":  {zipOf(t, map[string]string{"/etc/comments.csv": "a"}, nil), "absolute path"},
		"windows":   {zipOf(t, map[string]string{`C:\comments.csv`: "a"}, nil), "absolute path"},
		"symlink":   {zipOf(t, map[string]string{"comments.csv": "/etc/passwd"}, symlink), "a link"},
		"bomb":      {zipOf(t, map[string]string{"votes.csv": strings.Repeat("0", maxUnzippedFile+1)}, nil), "unpacks to more than"},
		"not a zip": {[]byte("comments.csv,votes.csv"), "not a zip archive"},
		"twice":     {zipOf(t, map[string]string{"a/votes.csv": "1", "b/votes.csv": "2"}, nil), "twice"},
	} {
		err := unzipPolis(c.data, t.TempDir())
		if err == nil || !strings.Contains(domain.ErrorMessage(err), c.want) || domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("%s: got %v, want %q", name, err, c.want)
		}
	}
}

// TestUnzipPolisCountsRealBytes: a zip whose header understates an
// entry's size is refused, not believed (archive/zip's own size check or
// the byte count in extract, whichever trips first).
func TestUnzipPolisCountsRealBytes(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "votes.csv", Method: zip.Deflate})
	w.Write([]byte(strings.Repeat("0", maxUnzippedFile+10)))
	zw.Close()
	data := buf.Bytes()
	// Rewrite the central directory's uncompressed size to claim 10 bytes.
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f := zr.File[0]
	f.UncompressedSize64 = 10
	_, err = extract(f, filepath.Join(t.TempDir(), "votes.csv"), maxUnzipped)
	if err == nil {
		t.Fatal("an understated size was believed")
	}
}

func TestPolisImportFromZipAndExportBack(t *testing.T) {
	e := newEnv(t)
	files := realExport(t)
	zipped := map[string]string{}
	for n, c := range files {
		zipped["london.youth.policing/"+n] = c
	}
	b := e.signedIn("coordinator")
	wantStatus(t, b.get("/programmes/polis/import"), http.StatusOK)
	w := b.upload("/programmes/polis/import", nil, map[string][2]string{"zip": {"london.youth.policing.zip", string(zipOf(t, zipped, nil))}})
	wantStatus(t, w, http.StatusSeeOther)
	loc := w.Header().Get("Location")
	p, err := e.db.ProgrammeBySlug(context.Background(), strings.TrimPrefix(loc, "/programmes/"))
	if err != nil {
		t.Fatalf("new programme at %s: %v", loc, err)
	}
	// The importer coordinates the new programme, so the redirect works.
	wantStatus(t, b.get(loc), http.StatusOK)
	want, err := polis.ReadDir(polisDir)
	e.must(err)
	st, err := e.db.Statements(context.Background(), p.ID)
	e.must(err)
	if len(st) != len(want.Comments) {
		t.Fatalf("%d statements, want %d", len(st), len(want.Comments))
	}
	// Export: the four files and the attribution.
	w = b.get(loc + "/export/polis")
	wantStatus(t, w, http.StatusOK)
	zr, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
	e.must(err)
	got := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		e.must(err)
		b, _ := io.ReadAll(rc)
		got[f.Name] = string(b)
	}
	for _, name := range []string{"comments.csv", "votes.csv", "participants-votes.csv", "summary.csv", "ATTRIBUTION.md"} {
		if got[name] == "" {
			t.Errorf("export lacks %s", name)
		}
	}
	if !strings.Contains(got["ATTRIBUTION.md"], "CC BY 4.0") {
		t.Error("attribution missing its licence")
	}
	// Votes survive the round trip.
	dir := t.TempDir()
	for n, c := range got {
		e.must(os.WriteFile(filepath.Join(dir, n), []byte(c), 0o600))
	}
	back, err := polis.ReadDir(dir)
	e.must(err)
	if len(back.LatestVotes()) != len(want.LatestVotes()) {
		t.Fatalf("%d votes back, want %d", len(back.LatestVotes()), len(want.LatestVotes()))
	}
	// Separate files into the same programme add nothing new.
	sep := map[string][2]string{"comments": {"comments.csv", files["comments.csv"]}, "votes": {"votes.csv", files["votes.csv"]},
		"participants": {"participants-votes.csv", files["participants-votes.csv"]}}
	wantStatus(t, b.upload("/programmes/polis/import", map[string]string{"programme": p.Slug}, sep), http.StatusSeeOther)
	st2, err := e.db.Statements(context.Background(), p.ID)
	e.must(err)
	if len(st2) != len(st) {
		t.Fatalf("re-import added %d statements", len(st2)-len(st))
	}
}

func TestPolisImportRefusesBadUploads(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("coordinator")
	before, err := e.db.Programmes(context.Background())
	e.must(err)
	bad := zipOf(t, map[string]string{"../comments.csv": "x"}, nil)
	wantStatus(t, b.upload("/programmes/polis/import", nil, map[string][2]string{"zip": {"x.zip", string(bad)}}), http.StatusUnprocessableEntity)
	if msg := e.last("polis-import").Errors.Get("zip"); !strings.Contains(msg, "outside its folder") {
		t.Fatalf("zip error: %q", msg)
	}
	broken := zipOf(t, map[string]string{"comments.csv": "not,a,polis,file\n", "votes.csv": "x", "participants-votes.csv": "y"}, nil)
	wantStatus(t, b.upload("/programmes/polis/import", nil, map[string][2]string{"zip": {"x.zip", string(broken)}}), http.StatusUnprocessableEntity)
	if msg := e.last("polis-import").Errors.Get("zip"); !strings.Contains(msg, "comments.csv") {
		t.Fatalf("read error: %q", msg)
	}
	// Into a programme the user does not coordinate: refused.
	wantStatus(t, b.upload("/programmes/polis/import", map[string]string{"programme": "bravo"}, map[string][2]string{"zip": {"x.zip", string(broken)}}), http.StatusUnprocessableEntity)
	if e.last("polis-import").Errors.Get("programme") == "" {
		t.Fatal("importing into another's programme was not refused")
	}
	after, err := e.db.Programmes(context.Background())
	e.must(err)
	if len(after) != len(before) {
		t.Fatal("a refused import created a programme")
	}
}
