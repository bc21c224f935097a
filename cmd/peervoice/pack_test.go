package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestPackWritesPDFForSessionPrefixOrCheckCode(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	if code, _, errOut := run(t, map[string]string{"PEERVOICE_DEMO_PASSWORD": "a demo password for tests"}, "--db", db, "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	_, out, _ := run(t, nil, "--db", db, "sessions", "--programme", "hmpps-long-term-strategy", "--json")
	var ss []struct {
		ID, Title string
		CheckCode string `json:"check_code"`
	}
	if err := json.Unmarshal([]byte(out), &ss); err != nil || len(ss) < 2 {
		t.Fatalf("sessions: %v %s", err, out)
	}
	for i, ref := range []string{ss[1].ID[len(ss[1].ID)-7:], ss[1].CheckCode, ss[1].ID} {
		pdf := filepath.Join(dir, "pack"+string(rune('a'+i))+".pdf")
		code, _, errOut := run(t, nil, "--db", db, "pack", "--session", ref, "--out", pdf)
		if code != 0 || !strings.Contains(errOut, ss[1].CheckCode) {
			t.Fatalf("pack --session %s: %d %s", ref, code, errOut)
		}
		b, err := os.ReadFile(pdf)
		if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
			t.Fatalf("%s is not a PDF: %v", pdf, err)
		}
		if text := pdfText(t, pdf); !strings.Contains(text, ss[1].Title) || !strings.Contains(text, ss[1].ID) {
			t.Fatalf("pack for %s lacks its title or ID", ref)
		}
	}
	code, out, errOut := run(t, nil, "--db", db, "pack", "--session", ss[0].CheckCode, "--out", "-")
	if code != 0 || !strings.HasPrefix(out, "%PDF-") || !strings.Contains(errOut, ss[0].CheckCode) {
		t.Fatalf("pack to stdout: %d %q", code, errOut)
	}
}

func TestPackErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	out := filepath.Join(t.TempDir(), "p.pdf")
	code, _, errOut := run(t, nil, "--db", db, "pack", "--out", out)
	if code != 2 || !strings.Contains(errOut, "--session") {
		t.Fatalf("no session: %d %s", code, errOut)
	}
	code, _, errOut = run(t, nil, "--db", db, "pack", "--session", "abcdef", "--out", out)
	if code != 1 || !strings.Contains(errOut, "No session ID") {
		t.Fatalf("unknown session: %d %s", code, errOut)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("a failed pack left a file behind")
	}
}

// pdfText extracts a PDF's text, or skips loudly without poppler outside CI.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not installed in CI: install poppler-utils")
		}
		t.Skip("SKIPPING: pdftotext is not installed; apt-get install -y poppler-utils")
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
