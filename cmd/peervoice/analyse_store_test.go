package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demoDB loads the demo into a fresh database and returns its path.
func demoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := run(t, map[string]string{"PEERVOICE_DEMO_PASSWORD": "a demo password for tests"}, "--db", db, "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	return db
}

func TestAnalyseOpinionsOnDemo(t *testing.T) {
	db := demoDB(t)
	code, out, errOut := run(t, nil, "--db", db, "analyse", "opinions", "--programme", "hmpps-long-term-strategy")
	if code != 0 {
		t.Fatalf("%d %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 50 || rows[0][0] != "participant" || rows[0][1] != "group" {
		t.Fatalf("csv: %v %q", err, out[:min(len(out), 200)])
	}
	groups := map[string]int{}
	for _, r := range rows[1:] {
		groups[r[1]]++
	}
	if len(groups) < 2 {
		t.Fatalf("one group only: %v", groups)
	}
	code, out, _ = run(t, nil, "--db", db, "analyse", "opinions", "--programme", "hmpps-long-term-strategy", "--format", "json")
	var res struct {
		K      int `json:"k"`
		Groups []struct {
			Representative []any `json:"representative"`
		} `json:"groups"`
		Statements map[string]string `json:"statements"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.K < 2 || len(res.Statements) != 44 || len(res.Groups[0].Representative) == 0 {
		t.Fatalf("json: k=%d, %d statements", res.K, len(res.Statements))
	}
}

func TestAnalyseDebatesAndPrioritiesOnDemo(t *testing.T) {
	db := demoDB(t)
	code, out, errOut := run(t, nil, "--db", db, "analyse", "debates", "--programme", "hmpps-long-term-strategy")
	if code != 0 || !strings.Contains(out, "After the debate,") || !strings.Contains(out, "exact McNemar test") {
		t.Fatalf("debates: %d %s %s", code, out, errOut)
	}
	code, out, errOut = run(t, nil, "--db", db, "analyse", "priorities", "--programme", "hmpps-long-term-strategy")
	if code != 0 || !strings.HasPrefix(out, "Overall (") || !strings.Contains(out, "95% interval") {
		t.Fatalf("priorities: %d %s %s", code, out, errOut)
	}
}

func TestImportPolisThenAnalyse(t *testing.T) {
	dir := "../../../shared/data/polis-open-data/london.youth.policing"
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("shared Polis data missing: %v", err)
	}
	db := filepath.Join(t.TempDir(), "p.db")
	code, out, errOut := run(t, nil, "--db", db, "import", "polis", dir)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	slug := lines[len(lines)-1]
	if code != 0 || slug != "london-youth-policing" {
		t.Fatalf("import: %d %q %s", code, out, errOut)
	}
	code, out, _ = run(t, nil, "--db", db, "analyse", "opinions", "--programme", slug)
	if code != 0 || !strings.HasPrefix(out, "participant,group\n") || len(strings.Split(strings.TrimSpace(out), "\n")) < 16 {
		t.Fatalf("opinions: %s", out)
	}
	// Polis participants are labelled with their Polis IDs, which are numbers.
	second := strings.Split(strings.Split(out, "\n")[1], ",")[0]
	if strings.Trim(second, "0123456789") != "" {
		t.Fatalf("participant %q is not a Polis ID", second)
	}
	outDir := t.TempDir()
	code, _, errOut = run(t, nil, "--db", db, "export", "polis", "--programme", slug, "--out", outDir)
	if code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	for _, f := range []string{"comments.csv", "votes.csv", "participants-votes.csv"} {
		if _, err := os.Stat(filepath.Join(outDir, f)); err != nil {
			t.Fatalf("export missing %s", f)
		}
	}
	code, _, errOut = run(t, nil, "--db", db, "import", "polis", filepath.Join(t.TempDir(), "nothing"))
	if code == 0 || !strings.Contains(errOut, "comments.csv") {
		t.Fatalf("missing folder: %d %s", code, errOut)
	}
}
