package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"peervoice/bench/import/gen"
	"peervoice/store"
)

// captureFixture makes a database holding one delivered session.
func captureFixture(t *testing.T) (string, *gen.Fixture) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pv.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fx, err := gen.Setup(context.Background(), db, "cli", 5, 4)
	if err != nil {
		t.Fatal(err)
	}
	return path, fx
}

func TestImportCSVCommand(t *testing.T) {
	db, fx := captureFixture(t)
	dir := t.TempDir()
	tpl := filepath.Join(dir, "template.csv")
	code, _, errOut := run(t, nil, "--db", db, "template", "csv", "--session", fx.Session.ID, "--out", tpl)
	if code != 0 || !strings.Contains(errOut, fx.Session.CheckCode) {
		t.Fatalf("template csv: %d %s", code, errOut)
	}
	raw, err := os.ReadFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	first := fx.Participants[0].Code
	filled := strings.Replace(string(raw), "statement_vote,,,"+first+",,,S1,,,,", "statement_vote,,,"+first+",,,S1,a,,,", 1) +
		"contribution,A1,,T3,,,,,,,\"Call me on 07700 900456, the phones are broken\"\n"
	file := filepath.Join(dir, "session.csv")
	if err := os.WriteFile(file, []byte(filled), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, nil, "--db", db, "import", "csv", file, "--session", fx.Session.ID)
	if code != 0 || !strings.Contains(out, "contributions         1 added") || !strings.Contains(out, "statement votes       1 added") {
		t.Fatalf("import csv: %d\n%s\n%s", code, out, errOut)
	}
	if strings.Contains(errOut, "redacting") {
		t.Fatal("a progress bar was drawn on a stderr that is not a terminal")
	}
	code, out, _ = run(t, nil, "--db", db, "import", "csv", file, "--session", fx.Session.ID, "--progress")
	if code != 0 || !strings.Contains(out, "contributions         0 added      0 updated      1 already there") {
		t.Fatalf("re-import: %d\n%s", code, out)
	}
}

func TestImportCSVCommandRefusesBadFiles(t *testing.T) {
	db, fx := captureFixture(t)
	file := filepath.Join(t.TempDir(), "bad.csv")
	bad := fx.Header() + "contribution,A1,,,,,,,,,fine\nstatement_vote,,,T2,,,S1,a,,,\n"
	if err := os.WriteFile(file, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, nil, "--db", db, "import", "csv", file, "--session", fx.Session.ID)
	if code != 1 || !strings.Contains(errOut, "row 6, column participant: a team cannot vote") || !strings.Contains(errOut, "nothing was imported") {
		t.Fatalf("bad file: %d %s", code, errOut)
	}
	code, _, errOut = run(t, nil, "--db", db, "import", "csv", file)
	if code != 2 || !strings.Contains(errOut, "--session") {
		t.Fatalf("missing --session: %d %s", code, errOut)
	}
	code, out, _ := run(t, nil, "--db", db, "stats", "--json")
	if code != 0 || !strings.Contains(out, `"contributions": 0`) {
		t.Fatalf("the refused file left contributions: %s", out)
	}
}

func TestImportXLSXCommand(t *testing.T) {
	db, fx := captureFixture(t)
	dir := t.TempDir()
	tpl := filepath.Join(dir, "template.xlsx")
	code, _, errOut := run(t, nil, "--db", db, "template", "xlsx", "--session", fx.Session.ID, "--out", tpl)
	if code != 0 {
		t.Fatalf("template xlsx: %d %s", code, errOut)
	}
	f, err := excelize.OpenFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr("Statement votes", "B5", "d"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellInt("Dots", "C5", 6); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr("Dots", "B5", "More family visits"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, nil, "--db", db, "import", "xlsx", tpl, "--session", fx.Session.ID)
	if code != 0 || !strings.Contains(out, "statement votes       1 added") || !strings.Contains(out, "dot votes             1 added") {
		t.Fatalf("import xlsx: %d\n%s\n%s", code, out, errOut)
	}
	code, _, errOut = run(t, nil, "--db", db, "import", "xlsx", tpl, "--session", "0190aaaa-0000-7000-8000-000000000000")
	if code != 1 || !strings.Contains(errOut, "not found") && !strings.Contains(errOut, "session") {
		t.Fatalf("unknown session: %d %s", code, errOut)
	}
}
