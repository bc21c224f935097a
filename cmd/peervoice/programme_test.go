package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"peervoice/demo"
)

func TestProgrammeCreateAndShow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	code, out, errOut := run(t, nil, "--db", db, "programme", "create", "--template", "hmpps", "--slug", "hmpps-2027",
		"--title", "HMPPS strategy 2027", "--start", "2027-01-04", "--end", "2027-03-31", "--target-sessions", "14",
		"--withdrawal-cutoff", "2027-02-28", "--threshold", "6")
	if code != 0 || !strings.Contains(out, `Created the programme "hmpps-2027"`) || !strings.Contains(out, "6 strategic areas") {
		t.Fatalf("create: %d %q %q", code, out, errOut)
	}
	code, out, _ = run(t, nil, "--db", db, "programme", "show", "hmpps-2027", "--json")
	var got struct {
		Programme map[string]any `json:"programme"`
		Areas     []struct {
			Name      string   `json:"name"`
			Questions []string `json:"questions"`
		} `json:"areas"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil {
		t.Fatalf("show --json: %d %s", code, out)
	}
	p := got.Programme
	if p["template"] != "hmpps_strategy" || p["suppression_threshold"] != 6.0 || p["target_sessions"] != 14.0 ||
		p["target_participants"] != 110.0 || p["withdrawal_cutoff"] != "2027-02-28" || p["commissioner"] == "" {
		t.Fatalf("programme: %v", p)
	}
	if len(got.Areas) != 6 || got.Areas[5].Name != demo.Areas[5].Name || len(got.Areas[5].Questions) != len(demo.Areas[5].Questions) {
		t.Fatalf("areas: %+v", got.Areas)
	}
	code, out, _ = run(t, nil, "--db", db, "programme", "show", "hmpps-2027")
	if code != 0 || !strings.Contains(out, "6. Meeting User Needs [needs]") || !strings.Contains(out, "Threshold:     6") {
		t.Fatalf("show: %d\n%s", code, out)
	}
}

func TestProgrammeCreateReportsEachBadFlag(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	code, _, errOut := run(t, nil, "--db", db, "programme", "create", "--template", "youth", "--slug", "Youth Commission",
		"--title", "Youth", "--start", "2026-09-31", "--end", "2026-08-01", "--threshold", "2", "--target-participants", "-4")
	for _, want := range []string{
		"--threshold: The suppression threshold must be 3 or more.",
		"--slug: Use lower-case letters",
		`--start: "2026-09-31" is not a date in the form YYYY-MM-DD.`,
		"--target-participants: Enter a whole number",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	code, out, _ := run(t, nil, "--db", db, "programmes", "--json")
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Fatalf("a bad create stored something: %s", out)
	}
}

func TestProgrammeCreateRefusesDuplicateSlugAndUnknownTemplate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	args := []string{"--db", db, "programme", "create", "--template", "blank", "--slug", "pilot", "--title", "Pilot",
		"--start", "2026-01-01", "--end", "2026-02-01"}
	if code, out, errOut := run(t, nil, args...); code != 0 || !strings.Contains(out, "0 strategic areas") {
		t.Fatalf("first create: %d %s %s", code, out, errOut)
	}
	code, _, errOut := run(t, nil, args...)
	if code != 2 || !strings.Contains(errOut, `--slug: A programme with the slug "pilot" already exists.`) {
		t.Fatalf("duplicate: %d %s", code, errOut)
	}
	code, _, errOut = run(t, nil, "--db", db, "programme", "create", "--template", "police", "--slug", "x")
	if code != 2 || !strings.Contains(errOut, `--template: "police" is not a programme template`) {
		t.Fatalf("unknown template: %d %s", code, errOut)
	}
	code, _, errOut = run(t, nil, "--db", db, "programme", "show", "nope")
	if code != 1 || !strings.Contains(errOut, "not found") {
		t.Fatalf("show unknown: %d %s", code, errOut)
	}
}
