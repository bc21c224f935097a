package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupCommand(t *testing.T) {
	f := newPrivacyFixture(t, "")
	out := filepath.Join(t.TempDir(), "copy.db")
	c, stdout, errOut := runIn(t, "", nil, "--db", f.db, "backup", "--out", out)
	if c != 0 || !strings.Contains(stdout, "Wrote a copy of the database to "+out) || !strings.Contains(stdout, "keep the key file") {
		t.Fatalf("backup: %d %q %q", c, stdout, errOut)
	}
	if c, _, _ := runIn(t, "", nil, "--db", out, "withdraw", f.codes[0], "--programme", "pilot", "--yes"); c != 0 {
		t.Fatalf("the copy is not a working database: exit %d", c)
	}
	if c, _, errOut := runIn(t, "", nil, "--db", f.db, "backup", "--out", out); c != 1 || !strings.Contains(errOut, "already exists") {
		t.Fatalf("backup over an existing file: %d %q", c, errOut)
	}
	if c, _, _ := runIn(t, "", nil, "--db", f.db, "backup"); c != 2 {
		t.Fatalf("backup without --out: exit %d, want 2", c)
	}
}
