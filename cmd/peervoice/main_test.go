package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// run calls Main as the binary would be called and returns its exit code,
// stdout and stderr.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &stdout, &stderr, func(k string) string { return env[k] })
	return code, stdout.String(), stderr.String()
}

func TestDemoStatsProgrammesSessions(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	env := map[string]string{"PEERVOICE_DEMO_PASSWORD": "a demo password for tests"}
	code, out, errOut := run(t, env, "--db", db, "demo")
	if code != 0 || !strings.Contains(out, "admin@demo.test") || !strings.Contains(out, "decisionmaker@demo.test") {
		t.Fatalf("demo: code %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = run(t, env, "--db", db, "stats", "--json")
	var st map[string]int
	if code != 0 || json.Unmarshal([]byte(out), &st) != nil {
		t.Fatalf("stats: %d %s", code, out)
	}
	if st["sites"] != 7 || st["participants"] != 110 || st["contributions"] < 600 || st["statements"] < 30 ||
		st["sessions"] < 18 || st["facilitators"] < 4 || st["votes"] == 0 || st["programmes"] != 1 {
		t.Fatalf("stats: %v", st)
	}
	code, _, errOut = run(t, env, "--db", db, "demo")
	if code != 1 || !strings.Contains(errOut, "already loaded") {
		t.Fatalf("second demo: code %d, %s", code, errOut)
	}
	code, out, _ = run(t, nil, "--db", db, "stats", "--json")
	var again map[string]int
	json.Unmarshal([]byte(out), &again)
	if again["contributions"] != st["contributions"] {
		t.Fatal("second demo changed the data")
	}
	code, out, _ = run(t, nil, "--db", db, "programmes", "--json")
	var ps []map[string]string
	if code != 0 || json.Unmarshal([]byte(out), &ps) != nil || len(ps) != 1 || ps[0]["slug"] == "" || ps[0]["id"] == "" || ps[0]["title"] == "" {
		t.Fatalf("programmes: %s", out)
	}
	code, out, _ = run(t, nil, "--db", db, "sessions", "--programme", ps[0]["slug"], "--json")
	var ss []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &ss) != nil || len(ss) != st["sessions"] {
		t.Fatalf("sessions: %s", out)
	}
	code, _, errOut = run(t, nil, "--db", db, "sessions", "--programme", "nope")
	if code != 1 || !strings.Contains(errOut, "not found") {
		t.Fatalf("unknown programme: %d %s", code, errOut)
	}
}

func TestDemoGeneratesPasswordWhenUnset(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	code, out, _ := run(t, nil, "--db", db, "demo")
	if code != 0 || !regexp.MustCompile(`Password for all of them: \S{20}\n`).MatchString(out) {
		t.Fatalf("demo without password: %d\n%s", code, out)
	}
}

func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "pv.toml")
	os.WriteFile(conf, []byte("db = \""+filepath.Join(dir, "file.db")+"\"\n"), 0o600)
	flagDB, envDB := filepath.Join(dir, "flag.db"), filepath.Join(dir, "env.db")
	cases := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--config", conf, "--db", flagDB}, map[string]string{"PEERVOICE_DB": envDB}, flagDB},
		{[]string{"--config", conf}, map[string]string{"PEERVOICE_DB": envDB, "DATABASE_URL": "postgres://ignored"}, envDB},
		{[]string{"--config", conf}, map[string]string{"DATABASE_URL": envDB}, envDB},
		{[]string{"--config", conf}, nil, filepath.Join(dir, "file.db")},
	}
	for _, c := range cases {
		app := &App{Stderr: io.Discard, Getenv: func(k string) string { return c.env[k] }}
		if _, err := app.parseGlobal(c.args); err != nil {
			t.Fatal(err)
		}
		if app.Config.DB != c.want {
			t.Errorf("%v %v: db = %s, want %s", c.args, c.env, app.Config.DB, c.want)
		}
	}
	app := &App{Stderr: io.Discard, Getenv: func(string) string { return "" }}
	if _, err := app.parseGlobal([]string{"--config", filepath.Join(dir, "missing.toml")}); err == nil {
		t.Error("a missing explicit config file was accepted")
	}
}

func TestBadDatabaseFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(path, []byte("shopping list\n"), 0o600)
	code, _, errOut := run(t, nil, "--db", path, "stats")
	if code != 1 || !strings.Contains(errOut, "not a SQLite database") {
		t.Fatalf("code %d: %s", code, errOut)
	}
}

func TestUnknownCommandAndUsage(t *testing.T) {
	code, _, errOut := run(t, nil, "frobnicate")
	if code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Fatalf("code %d: %s", code, errOut)
	}
	code, out, _ := run(t, nil)
	if code != 0 || !strings.Contains(out, "serve") || !strings.Contains(out, "demo") {
		t.Fatalf("usage: %s", out)
	}
	code, _, errOut = run(t, nil, "sessions", "--json")
	if code != 2 || !strings.Contains(errOut, "--programme") {
		t.Fatalf("missing flag: %d %s", code, errOut)
	}
}

// syncBuffer lets a test read what a running server has printed so far.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServer runs `peervoice serve` on a free port and returns its base URL.
func startServer(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan int)
	go func() {
		done <- Main(ctx, append(args, "serve", "--addr", "127.0.0.1:0"), strings.NewReader(""), &out, &errOut, func(k string) string { return env[k] })
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d: %s", code, errOut.String())
		}
	})
	re := regexp.MustCompile(`running at (http://[0-9.:]+)/`)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
	}
	t.Fatalf("server did not start: %s %s", out.String(), errOut.String())
	return ""
}

func TestServeHealthAndReady(t *testing.T) {
	base := startServer(t, nil, "--db", filepath.Join(t.TempDir(), "x.db"))
	for _, path := range []string{"/healthz", "/readyz", "/"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: security headers missing", path)
		}
	}
}
