package main

import (
	"bytes"
	"context"
	"encoding/json"
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
