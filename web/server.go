// Package web serves peervoice's HTML pages and JSON API. Handlers return
// errors; one place turns them into error pages. Every handler asks the one
// authorisation policy (package policy) before it shows or changes anything.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"peervoice/audit"
	"peervoice/auth"
	"peervoice/domain"
)

// Pinger reports whether the database answers; the store implements it.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Auditor records an entry in the audit log; *audit.Log implements it.
type Auditor interface {
	Record(ctx context.Context, e domain.AuditEvent) error
}

// AuditReader lists audit entries for the audit page; *audit.Log
// implements it.
type AuditReader interface {
	List(ctx context.Context, f audit.Filter) ([]domain.AuditEvent, error)
}

// Options configure a Server. Store, Accounts, DB, Audit and AuditLog are
// required; the *store.DB and *audit.Log serve for all of them.
type Options struct {
	Store    domain.Store
	Accounts auth.Store
	DB       Pinger
	Audit    Auditor
	AuditLog AuditReader
	Logger   *slog.Logger
	// Now is the clock; tests replace it to expire sessions.
	Now func() time.Time
	// Privacy wires the safeguarding queue and redaction review; with its
	// parts nil those pages answer not found.
	Privacy Privacy
}

// Server is the HTTP front of peervoice.
type Server struct {
	store    domain.Store
	accounts auth.Store
	db       Pinger
	audit    Auditor
	auditLog AuditReader
	log      *slog.Logger
	now      func() time.Time
	assets   *assets
	tmpl     *templates
	mux      *http.ServeMux
	handler  http.Handler
	// onRender, set by tests, sees every page's template name and view.
	onRender func(name string, v *View)
	privacy  Privacy
}

// New builds a server and its routes. It fails if a template or the asset
// set is broken, so that problem shows at start-up.
func New(opts Options) (*Server, error) {
	if opts.Store == nil || opts.Accounts == nil || opts.DB == nil || opts.Audit == nil || opts.AuditLog == nil {
		return nil, errors.New("web: Store, Accounts, DB, Audit and AuditLog are required")
	}
	s := &Server{store: opts.Store, accounts: opts.Accounts, db: opts.DB, audit: opts.Audit, auditLog: opts.AuditLog,
		log: opts.Logger, now: opts.Now, mux: http.NewServeMux(), privacy: opts.Privacy}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	var err error
	if s.assets, err = newAssets(); err != nil {
		return nil, err
	}
	if s.tmpl, err = parseTemplates(s.assets); err != nil {
		return nil, err
	}
	for _, rt := range routes {
		s.mux.Handle(rt.Method+" "+rt.Path, s.wrap(rt))
	}
	s.mux.Handle("/", s.handle(func(http.ResponseWriter, *http.Request) error { return errNotFound }))
	s.handler = http.NewCrossOriginProtection().Handler(s.mux)
	return s, nil
}

// securityHeaders are sent with every response. The CSP allows no inline
// script or style and no framing.
var securityHeaders = map[string]string{
	"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
	"X-Content-Type-Options":       "nosniff",
	"X-Frame-Options":              "DENY",
	"Referrer-Policy":              "same-origin",
	"Cross-Origin-Opener-Policy":   "same-origin",
	"Cross-Origin-Resource-Policy": "same-origin",
	"Permissions-Policy":           "camera=(), microphone=(), geolocation=(), payment=()",
}

// ServeHTTP applies the security headers to every response, then refuses
// cross-site unsafe requests (Sec-Fetch-Site and Origin checks) before
// routing.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range securityHeaders {
		h.Set(k, v)
	}
	if r.TLS != nil {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	s.handler.ServeHTTP(w, r)
}

// errNotFound is the one answer to both "not there" and "not yours".
var errNotFound = domain.ErrNotFound

// handle adapts a handler that returns an error to an HTML page.
func (s *Server) handle(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			s.errorPage(w, r, err)
		}
	})
}

// errorPage renders the one error page for an error: not found and
// forbidden alike are 404, so a user cannot tell what exists; anything
// unexpected is a generic 500 and the detail goes only to the log.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, err error) {
	status, name, title := http.StatusNotFound, "not-found", "Page not found"
	switch domain.ErrorCode(err) {
	case domain.ENotFound, domain.EForbidden:
	case domain.EInvalid:
		status, name, title = http.StatusBadRequest, "bad-request", "There is a problem with your request"
	default:
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		status, name, title = http.StatusInternalServerError, "server-error", "Sorry, there is a problem with the service"
	}
	v := s.view(r, title, nil)
	v.Data = domain.ErrorMessage(err)
	if rerr := s.tmpl.render(w, status, name, v); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		http.Error(w, title, status)
	}
}

// render shows a page with status 200, or 422 when the view has errors.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, v *View) error {
	if s.onRender != nil {
		s.onRender(name, v)
	}
	status := http.StatusOK
	if v.Errors.Any() {
		status = http.StatusUnprocessableEntity
	}
	return s.tmpl.render(w, status, name, v)
}

// view starts a View for the current user.
func (s *Server) view(r *http.Request, title string, data any) *View {
	v := &View{Title: title, Errors: &Errors{}, Data: data}
	if st := current(r); st != nil && st.sess != nil {
		v.CSRF = st.sess.CSRF
		if st.sess.MFADone {
			v.User = st.user
			v.Nav = s.nav(r, st)
		}
	}
	return v
}

// record writes an audit entry for the current request. A failure to audit
// fails the request: data must not be read or written unlogged.
func (s *Server) record(r *http.Request, action, resource, resourceID, programmeID string) error {
	e := domain.AuditEvent{At: s.now(), Action: action, Resource: resource, ResourceID: resourceID,
		ProgrammeID: programmeID, Addr: clientAddr(r)}
	if st := current(r); st != nil && st.user != nil {
		e.ActorID = st.user.ID
	}
	if err := s.audit.Record(r.Context(), e); err != nil {
		return fmt.Errorf("web: audit %s %s: %w", action, resource, err)
	}
	return nil
}

// clientAddr is the peer's IP address. peervoice does not trust
// X-Forwarded-For: a proxy in front must be configured to pass the real
// address at the TCP level, or rate limits apply to the proxy.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err := w.Write([]byte("ok\n"))
	return err
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.db.Ping(ctx); err != nil {
		s.log.Error("readyz: database", "err", err)
		http.Error(w, "database unavailable\n", http.StatusServiceUnavailable)
		return nil
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err := w.Write([]byte("ready\n"))
	return err
}

// asDomain finds the domain error in err's chain.
func asDomain(err error) (*domain.Error, bool) {
	var de *domain.Error
	ok := errors.As(err, &de)
	return de, ok
}
