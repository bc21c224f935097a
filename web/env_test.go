package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"peervoice/audit"
	"peervoice/auth"
	"peervoice/domain"
	"peervoice/store"
)

// testPassword is every fixture user's password; hashing it once keeps the
// suite fast.
const testPassword = "correct horse battery staple"

var testHash = sync.OnceValue(func() string {
	h, err := auth.HashPassword(testPassword)
	if err != nil {
		panic(err)
	}
	return h
})

// clock is a settable time source for session expiry tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is a server on a fresh SQLite database with two programmes.
type env struct {
	t     *testing.T
	srv   *Server
	db    *store.DB
	log   *audit.Log
	clock *clock
	logs  *strings.Builder
	// fixture
	progA, progB        *domain.Programme
	sessA1, sessA2      *domain.Session // led by fac1, fac2 in A
	sessB1              *domain.Session // led by fac1 in B (same person, other programme)
	users               map[string]*domain.User
	rendered            []rendered
	contribA1, flaggedA string
}

type rendered struct {
	name string
	view *View
}

// newEnv is a server on a fresh SQLite database with the fixture.
func newEnv(t *testing.T) *env {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return newEnvOn(t, db)
}

// newEnvOn is a server on db with the fixture.
func newEnvOn(t *testing.T, db *store.DB) *env {
	t.Helper()
	e := &env{t: t, db: db, clock: &clock{t: time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC)},
		logs: &strings.Builder{}, users: map[string]*domain.User{}}
	e.srv, e.log = e.newServer(db)
	e.seed()
	return e
}

// newServer makes another server on a database, sharing the env's clock.
func (e *env) newServer(db *store.DB) (*Server, *audit.Log) {
	log := audit.New(db)
	srv, err := New(Options{Store: db, Accounts: db, DB: db, Audit: log, AuditLog: log, Now: e.clock.Now,
		Logger: slog.New(slog.NewTextHandler(e.logs, nil)), Privacy: e.privacy(db, log)})
	if err != nil {
		e.t.Fatal(err)
	}
	srv.onRender = func(name string, v *View) { e.rendered = append(e.rendered, rendered{name, v}) }
	return srv, log
}

func (e *env) must(err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
}

// seed builds programmes A and B. Facilitator 1 leads a session in each;
// facilitator 2 leads one in A.
func (e *env) seed() {
	ctx := context.Background()
	fac1 := &domain.Facilitator{Name: "Fac One", Email: "fac1@example.org"}
	fac2 := &domain.Facilitator{Name: "Fac Two", Email: "fac2@example.org"}
	e.must(e.db.CreateFacilitator(ctx, fac1))
	e.must(e.db.CreateFacilitator(ctx, fac2))
	e.progA, e.sessA1, e.sessA2 = e.programme("alpha", fac1, fac2)
	e.progB, e.sessB1, _ = e.programme("bravo", fac1, fac2)
	cs := []domain.Contribution{
		{ProgrammeID: e.progA.ID, SessionID: e.sessA1.ID, Text: "More time in education would help", Review: domain.ReviewApproved},
		{ProgrammeID: e.progA.ID, SessionID: e.sessA1.ID, Text: "A disclosure that needs the safeguarding lead", Flagged: true},
		{ProgrammeID: e.progA.ID, SessionID: e.sessA2.ID, Text: "Staff should listen more"},
		{ProgrammeID: e.progB.ID, SessionID: e.sessB1.ID, Text: "Bravo only"},
	}
	_, err := e.db.CreateContributions(ctx, cs)
	e.must(err)
	e.contribA1, e.flaggedA = cs[0].Text, cs[1].Text
	for _, u := range []struct {
		key     string
		role    domain.Role
		prog    *domain.Programme
		facID   string
		isAdmin bool
	}{
		{"admin", "", nil, "", true},
		{"coordinator", domain.RoleCoordinator, e.progA, "", false},
		{"facilitator", domain.RoleFacilitator, e.progA, fac1.ID, false},
		{"facilitator2", domain.RoleFacilitator, e.progA, fac2.ID, false},
		{"analyst", domain.RoleAnalyst, e.progA, "", false},
		{"safeguarding", domain.RoleSafeguardingLead, e.progA, "", false},
		{"decisionmaker", domain.RoleDecisionMaker, e.progA, "", false},
		{"coordinatorB", domain.RoleCoordinator, e.progB, "", false},
	} {
		e.user(u.key, u.role, u.prog, u.facID, u.isAdmin)
	}
}

func (e *env) programme(slug string, lead, other *domain.Facilitator) (*domain.Programme, *domain.Session, *domain.Session) {
	ctx := context.Background()
	p := &domain.Programme{Slug: slug, Title: "Programme " + slug, StartDate: "2026-09-01", EndDate: "2026-12-31",
		TargetParticipants: 40, TargetSites: 2, TargetSessions: 4, SuppressionThreshold: 5, RetentionDays: 365}
	e.must(e.db.CreateProgramme(ctx, p, nil))
	big := &domain.Site{ProgrammeID: p.ID, Name: "HMP Big " + slug, Type: domain.SiteCatC}
	small := &domain.Site{ProgrammeID: p.ID, Name: "HMP Small " + slug, Type: domain.SiteCatC}
	e.must(e.db.CreateSite(ctx, big))
	e.must(e.db.CreateSite(ctx, small))
	// Twelve participants at one site and three at the other: the three
	// must show as suppressed, and so must something else in the breakdown.
	for i := range 15 {
		site := big.ID
		if i >= 12 {
			site = small.ID
		}
		pt := &domain.Participant{ProgrammeID: p.ID, SiteID: site, Consent: domain.Consent{TakePart: true},
			Code: domain.NewCode(func(n int) int { return (i*7 + len(slug)) % n }, domain.CodePayloadLen)}
		e.must(e.db.CreateParticipant(ctx, pt))
	}
	s1 := &domain.Session{ProgrammeID: p.ID, SiteID: big.ID, Title: "Session one " + slug, Date: "2026-09-10", StartTime: "09:30",
		LeadFacilitatorID: lead.ID, Status: domain.SessionDelivered}
	s2 := &domain.Session{ProgrammeID: p.ID, SiteID: small.ID, Title: "Session two " + slug, Date: "2026-09-11", StartTime: "09:30",
		LeadFacilitatorID: other.ID, Status: domain.SessionPlanned}
	e.must(e.db.CreateSession(ctx, s1))
	e.must(e.db.CreateSession(ctx, s2))
	return p, s1, s2
}

func (e *env) user(key string, role domain.Role, p *domain.Programme, facID string, isAdmin bool) *domain.User {
	ctx := context.Background()
	u := &domain.User{Email: key + "@example.org", Name: "User " + key, PasswordHash: testHash(), IsAdmin: isAdmin, FacilitatorID: facID}
	e.must(e.db.CreateUser(ctx, u))
	if p != nil {
		e.must(e.db.AddMembership(ctx, domain.Membership{UserID: u.ID, ProgrammeID: p.ID, Role: role}))
	}
	e.users[key] = u
	return u
}

// browser is a cookie-carrying client of the env's server.
type browser struct {
	e      *env
	cookie string
	csrf   string
}

// signedIn returns a browser with a full session for the user, made
// directly in the store (the sign-in flow has its own tests).
func (e *env) signedIn(key string) *browser {
	e.t.Helper()
	e.ensureTOTP(key)
	token, hash, err := auth.NewToken()
	e.must(err)
	now := e.clock.Now()
	ws := &auth.WebSession{TokenHash: hash, UserID: e.users[key].ID, CSRF: "csrf-" + key, MFADone: true, CreatedAt: now, LastSeenAt: now}
	e.must(e.db.CreateWebSession(context.Background(), ws))
	return &browser{e: e, cookie: token, csrf: ws.CSRF}
}

// ensureTOTP gives an admin or coordinator a TOTP secret, as any of them
// who is fully signed in has.
func (e *env) ensureTOTP(key string) {
	u := e.users[key]
	ms, err := e.db.Memberships(context.Background(), u.ID)
	e.must(err)
	if u.TOTPSecret != "" || !requiresTOTP(u, ms) {
		return
	}
	u.TOTPSecret, _, err = auth.NewTOTP(u.Email)
	e.must(err)
	e.must(e.db.SetTOTPSecret(context.Background(), u.ID, u.TOTPSecret))
}

func (e *env) anonymous() *browser { return &browser{e: e} }

// do sends a request and keeps any new session cookie.
func (b *browser) do(method, path string, form url.Values, header ...string) *httptest.ResponseRecorder {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	r := httptest.NewRequest(method, path, body)
	r.RemoteAddr = "192.0.2.10:4567"
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	if b.cookie != "" {
		r.AddCookie(&http.Cookie{Name: cookieName, Value: b.cookie})
	}
	w := httptest.NewRecorder()
	b.e.srv.ServeHTTP(w, r)
	for _, c := range w.Result().Cookies() {
		if c.Name == cookieName {
			b.cookie = c.Value
		}
	}
	return w
}

func (b *browser) get(path string) *httptest.ResponseRecorder { return b.do("GET", path, nil) }

// post sends a form with the session's CSRF token.
func (b *browser) post(path string, form url.Values) *httptest.ResponseRecorder {
	if form == nil {
		form = url.Values{}
	}
	if b.csrf != "" && form.Get("csrf") == "" {
		form.Set("csrf", b.csrf)
	}
	return b.do("POST", path, form)
}

// last returns the view most recently rendered with the given template.
func (e *env) last(name string) *View {
	e.t.Helper()
	for i := len(e.rendered) - 1; i >= 0; i-- {
		if e.rendered[i].name == name {
			return e.rendered[i].view
		}
	}
	e.t.Fatalf("template %q was not rendered", name)
	return nil
}

// auditEntries returns the log, newest first.
func (e *env) auditEntries(f audit.Filter) []domain.AuditEvent {
	es, err := e.log.List(context.Background(), f)
	e.must(err)
	return es
}

func wantStatus(t *testing.T, w *httptest.ResponseRecorder, want int) {
	t.Helper()
	if w.Code != want {
		t.Fatalf("status %d, want %d; body: %.400s", w.Code, want, w.Body.String())
	}
}

func (e *env) participants(programmeID string) []domain.Participant {
	ps, err := e.db.Participants(context.Background(), programmeID)
	e.must(err)
	return ps
}

// withdraw marks a participant withdrawn; the store has no method for it
// yet, so the test writes the column directly.
func (e *env) withdraw(participantID string) {
	_, err := e.db.SQL().Exec(`UPDATE participants SET withdrawn_at = ? WHERE id = ?`, "2026-10-01T00:00:00.000000Z", participantID)
	e.must(err)
}

// sessionCSRF reads the CSRF token of the session behind a cookie.
func (e *env) sessionCSRF(cookie string) string {
	ws, err := e.db.WebSession(context.Background(), auth.HashToken(cookie))
	e.must(err)
	return ws.CSRF
}
