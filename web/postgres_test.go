package web

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"peervoice/store"
)

// openPostgres opens a fresh schema on PEERVOICE_TEST_POSTGRES, dropped at
// cleanup. Outside CI an unset or unreachable server skips loudly; in CI it
// fails, as the store's contract suite does.
func openPostgres(t *testing.T) (*store.DB, string) {
	t.Helper()
	base := os.Getenv("PEERVOICE_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("PEERVOICE_TEST_POSTGRES is not set in CI")
		}
		t.Skip("SKIPPING PostgreSQL: set PEERVOICE_TEST_POSTGRES=postgres://... to run the web tests on it")
	}
	ctx := context.Background()
	// A plain connection: migrating the base schema here would tie the
	// shared test database to whatever migrations this checkout has.
	admin, err := sql.Open("pgx", base)
	if err == nil {
		err = admin.PingContext(ctx)
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("PostgreSQL unreachable in CI: %v", err)
		}
		t.Skipf("SKIPPING PostgreSQL, unreachable: %v", err)
	}
	schema := fmt.Sprintf("pvweb_%d_%d", os.Getpid(), rand.IntN(1_000_000_000))
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	dsn := base + sep + "search_path=" + schema
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, dsn
}

// TestTwoServersShareSessionsOnPostgres is two serve processes on one
// PostgreSQL: a sign-in on one works on the other, a sign-out on either
// ends it on both, and the rate limit counts attempts made at both.
func TestTwoServersShareSessionsOnPostgres(t *testing.T) {
	db1, dsn := openPostgres(t)
	e := newEnvOn(t, db1)
	db2, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db2.Close() })
	srv2, _ := e.newServer(db2)
	one := e.anonymous()
	wantStatus(t, one.post("/sign-in", credentials("analyst@example.org", testPassword)), http.StatusSeeOther)
	two := &browser{e: e, cookie: one.cookie}
	srv1 := e.srv
	e.srv = srv2
	wantStatus(t, two.get("/programmes/alpha"), http.StatusOK)
	ws := e.last("programme").User
	if ws == nil || ws.Email != "analyst@example.org" {
		t.Fatal("server two did not recognise the session")
	}
	csrf := e.sessionCSRF(two.cookie)
	two.csrf = csrf
	wantStatus(t, two.post("/sign-out", nil), http.StatusSeeOther)
	e.srv = srv1
	wantStatus(t, one.get("/programmes"), http.StatusSeeOther)

	for i := range maxAccountFailures {
		if i%2 == 1 {
			e.srv = srv2
		} else {
			e.srv = srv1
		}
		e.anonymous().post("/sign-in", credentials("analyst@example.org", "wrong password"))
	}
	wantStatus(t, e.anonymous().post("/sign-in", credentials("analyst@example.org", testPassword)), http.StatusTooManyRequests)
}

// TestInvitationAndTOTPOnPostgres runs the flows that use transactions and
// the accounts tables on PostgreSQL.
func TestInvitationAndTOTPOnPostgres(t *testing.T) {
	db, _ := openPostgres(t)
	e := newEnvOn(t, db)
	admin := e.signedIn("admin")
	wantStatus(t, admin.post("/users/invite", url.Values{"email": {"pg@example.org"}, "role": {"admin"}}), http.StatusOK)
	path := strings.TrimPrefix(e.last("invite").Data.(inviteData).Link, "http://example.com")
	b := e.anonymous()
	wantStatus(t, b.post(path, url.Values{"name": {"Pat Gres"}, "password": {"elephant table marble"}, "confirm_password": {"elephant table marble"}}), http.StatusSeeOther)
	wantStatus(t, b.post("/sign-in", credentials("pg@example.org", "elephant table marble")), http.StatusSeeOther)
	b.csrf = e.sessionCSRF(b.cookie)
	wantStatus(t, b.get("/sign-in/totp/set-up"), http.StatusOK)
	w, _ := e.apiCall("GET", "/api/v1/programmes/alpha/safeguarding", e.apiTokenFor("safeguarding"), "")
	wantStatus(t, w, http.StatusOK)
}
