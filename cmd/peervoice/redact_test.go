package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runRedactMain(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr,
		func(string) string { return "" })
	return code, stdout.String(), stderr.String()
}

func TestRedactCommand(t *testing.T) {
	in := "me and jamie got moved\n\nmy number is A1234BC, ring 07700 900123\nback in 2019 at HMP Brixton"
	code, out, errOut := runRedactMain(t, in, "redact")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := "me and [NAME] got moved\n\nmy number is [PRISON_NUMBER], ring [PHONE]\nback in 2019 at HMP Brixton"
	if out != want {
		t.Errorf("got %q\nwant %q", out, want)
	}
}

// TestRedactCommandKeepsLineCount feeds awkward input: blank lines, CRLF,
// a very long line and no final newline.
func TestRedactCommandKeepsLineCount(t *testing.T) {
	lines := []string{"", "kyle said hi\r", strings.Repeat("jamie 07700 900123 ", 8000), "", "end"}
	in := strings.Join(lines, "\n")
	code, out, _ := runRedactMain(t, in, "redact")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if got, want := strings.Count(out, "\n"), strings.Count(in, "\n"); got != want {
		t.Errorf("output has %d newlines, input %d", got, want)
	}
	if strings.Contains(out, "jamie") || strings.Contains(out, "kyle") {
		t.Error("a name survived")
	}
}

func TestRedactCommandAllowDeny(t *testing.T) {
	code, out, _ := runRedactMain(t, "jamie met smudge\n", "redact", "--allow", "jamie", "--deny", "smudge")
	if code != 0 || out != "jamie met [NAME]\n" {
		t.Errorf("exit %d, got %q", code, out)
	}
}

func TestRedactCommandEval(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lab.txt")
	data := "# comment\nme and {NAME:jamie} in <<HMP Brixton>>\nring {PHONE:07700 900123}\n"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runRedactMain(t, "", "redact", "--eval", path)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"lines: 2", "names recall       1.000", "must-keep intact   1.000 (1/1)"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestRedactCommandUsage(t *testing.T) {
	if code, _, _ := runRedactMain(t, "", "redact", "extra"); code != 2 {
		t.Errorf("positional argument: exit %d, want 2", code)
	}
	if code, _, _ := runRedactMain(t, "", "redact", "--eval", "/nonexistent/file"); code != 1 {
		t.Errorf("missing eval file: exit %d, want 1", code)
	}
}
