package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peervoice/store"
)

// TestHelperProcessMain is not a test: it lets a test run the real Main in
// a child process it can kill (PEERVOICE_CHILD_ARGS holds the arguments).
func TestHelperProcessMain(t *testing.T) {
	args := os.Getenv("PEERVOICE_CHILD_ARGS")
	if args == "" {
		t.Skip("only runs as a child process")
	}
	os.Exit(Main(context.Background(), strings.Split(args, "\x1f"), os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

func child(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcessMain$")
	cmd.Env = append(os.Environ(), "PEERVOICE_CHILD_ARGS="+strings.Join(args, "\x1f"))
	return cmd
}

// bigCapture writes a capture file of n contributions for the fixture's
// session, using the template's own header rows.
func bigCapture(t *testing.T, db, sessionID string, n int) string {
	dir := t.TempDir()
	tpl := filepath.Join(dir, "template.csv")
	if code, _, errOut := run(t, nil, "--db", db, "template", "csv", "--session", sessionID, "--out", tpl); code != 0 {
		t.Fatalf("template: %s", errOut)
	}
	raw, err := os.ReadFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(raw), "\n", 5)
	header := strings.Split(lines[3], ",")
	var b strings.Builder
	b.WriteString(strings.Join(lines[:4], "\n") + "\n")
	for i := range n {
		row := make([]string, len(header))
		for c, h := range header {
			switch h {
			case "kind":
				row[c] = "contribution"
			case "activity":
				row[c] = "A1"
			case "text":
				row[c] = fmt.Sprintf("Line %d: the kiosk on the wing was broken again so visits could not be booked", i)
			}
		}
		b.WriteString(strings.Join(row, ",") + "\n")
	}
	file := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

// killWhileWriting starts the import in a child process and kills it
// (SIGKILL) the given time after its progress bar says it is writing.
func killWhileWriting(t *testing.T, args []string, after time.Duration) {
	t.Helper()
	cmd := child(args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	writing := make(chan struct{})
	go func() {
		buf := make([]byte, 4096)
		var seen strings.Builder
		signalled := false
		for {
			n, err := stderr.Read(buf)
			seen.Write(buf[:n])
			if !signalled && strings.Contains(seen.String(), "writing") {
				close(writing)
				signalled = true
			}
			if err != nil {
				if !signalled {
					close(writing)
				}
				return
			}
		}
	}()
	<-writing
	time.Sleep(after)
	cmd.Process.Kill()
	cmd.Wait()
}

func contributionCount(t *testing.T, db string) int {
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var ok string
	if err := s.SQL().QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity check: %q %v", ok, err)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st.Contributions
}

// TestKillDuringImportIsAllOrNothing is checklist item 21: SIGKILL the
// import at several points, then check the database is intact and holds
// all of the file or none of it; a retry then completes, and another
// retry adds nothing.
func TestKillDuringImportIsAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	db, fx := captureFixture(t)
	const rows = 20_000
	file := bigCapture(t, db, fx.Session.ID, rows)
	args := []string{"--db", db, "import", "csv", file, "--session", fx.Session.ID}
	for _, after := range []time.Duration{0, 100 * time.Millisecond, 250 * time.Millisecond} {
		killWhileWriting(t, append(args, "--progress"), after)
		n := contributionCount(t, db)
		t.Logf("killed %v into writing: %d rows kept", after, n)
		if n != 0 && n != rows {
			t.Fatalf("killed %v into writing: %d of %d rows kept", after, n, rows)
		}
	}
	for range 2 {
		if out, err := child(args...).CombinedOutput(); err != nil {
			t.Fatalf("retry: %v\n%s", err, out)
		}
		if n := contributionCount(t, db); n != rows {
			t.Fatalf("after retry: %d rows, want %d", n, rows)
		}
	}
}
