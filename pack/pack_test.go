package pack

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"peervoice/demo"
	"peervoice/domain"
	"peervoice/store"
)

// demoStore opens a SQLite store in a temporary directory with the demo
// programme loaded.
func demoStore(t testing.TB) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "pack.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := demo.Load(ctx, db, demo.Options{}); err != nil {
		t.Fatal(err)
	}
	return db
}

// demoSessions returns the demo programme's sessions.
func demoSessions(t testing.TB, db *store.DB) []domain.Session {
	t.Helper()
	ctx := context.Background()
	p, err := db.ProgrammeBySlug(ctx, demo.Slug)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := db.Sessions(ctx, p.ID)
	if err != nil || len(ss) == 0 {
		t.Fatalf("sessions: %v (%d)", err, len(ss))
	}
	return ss
}

// tool finds a poppler command. Outside CI a missing tool skips the test
// loudly; in CI it fails, so the PDF checks never silently stop running.
func tool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not installed in CI: install poppler-utils (apt-get install -y poppler-utils)", name)
	}
	t.Skipf("SKIPPING: %s is not installed; run apt-get install -y poppler-utils to check the PDF", name)
	return ""
}

// renderFile renders d to a PDF file in a temporary directory.
func renderFile(t *testing.T, d *Data) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", buf.Bytes()[:min(20, buf.Len())])
	}
	path := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdfPages extracts the text of each page with pdftotext.
func pdfPages(t *testing.T, path string) []string {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext"), "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// squash collapses runs of white space, since pdftotext -layout pads
// columns and wraps long lines.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
