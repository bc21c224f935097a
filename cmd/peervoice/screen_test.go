package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runScreenCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), append([]string{"screen"}, args...),
		strings.NewReader(stdin), &stdout, &stderr, func(string) string { return "" })
	return code, stdout.String(), stderr.String()
}

func TestScreenCommandOneObjectPerLine(t *testing.T) {
	in := "i want to kill myself\n\nI'd die for a coffee\nmy padmate keeps hitting me\n"
	code, out, errOut := runScreenCmd(t, in)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d output lines for 4 input lines:\n%s", len(lines), out)
	}
	if lines[1] != `{"flag":false,"categories":[],"reasons":[]}` {
		t.Errorf("empty line gave %s", lines[1])
	}
	wantFlag := []bool{true, false, false, true}
	for i, line := range lines {
		var res struct {
			Flag       bool     `json:"flag"`
			Categories []string `json:"categories"`
			Reasons    []string `json:"reasons"`
		}
		if err := json.Unmarshal([]byte(line), &res); err != nil {
			t.Fatalf("line %d not JSON: %v", i, err)
		}
		if res.Flag != wantFlag[i] || res.Categories == nil || res.Reasons == nil {
			t.Errorf("line %d = %s, want flag %v with arrays", i, line, wantFlag[i])
		}
	}
}

func TestScreenCommandEvalMeetsTargets(t *testing.T) {
	code, out, errOut := runScreenCmd(t, "", "--eval", "../../privacy/screen/testdata/main.tsv")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	for _, want := range []string{"recall:", "false-flag rate:", "per-category recall:", "self_harm", "targets: met"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
}

func TestScreenCommandErrors(t *testing.T) {
	if code, _, _ := runScreenCmd(t, "", "--eval", "no/such/file.tsv"); code != 1 {
		t.Errorf("missing eval file: exit %d, want 1", code)
	}
	if code, _, _ := runScreenCmd(t, "", "--bogus"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	if code, _, _ := runScreenCmd(t, "", "stray"); code != 2 {
		t.Errorf("positional argument: exit %d, want 2", code)
	}
}

func TestScreenCommandRulesOnly(t *testing.T) {
	code, out, errOut := runScreenCmd(t, "", "--rules-only", "--eval", "../../privacy/screen/testdata/main.tsv")
	if code != 0 || !strings.Contains(out, "recall:") {
		t.Fatalf("exit %d, stderr %s, out %s", code, errOut, out)
	}
}

func TestScreenCommandLOSO(t *testing.T) {
	dir := t.TempDir()
	set := "1\tself_harm\ti keep cutting my arms\n1\tself_harm\tcutting again tonight\n" +
		"0\t-\tthe gym is open on sunday\n0\t-\tgym kit needs washing\n"
	for _, name := range []string{"main.tsv", "blindx.tsv", "skipme.tsv"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(set), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runScreenCmd(t, "", "--loso", dir, "--exclude", "skipme")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if !strings.Contains(out, "| blindx | 2/2 |") || strings.Contains(out, "skipme") || strings.Contains(out, "| main |") {
		t.Errorf("loso table should hold out blindx only:\n%s", out)
	}
	if code, _, _ := runScreenCmd(t, "", "--loso", dir, "--learner", "forest"); code != 2 {
		t.Errorf("unknown learner: exit %d, want 2", code)
	}
}
