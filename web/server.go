// Package web serves peervoice's HTML pages and JSON API. Handlers return
// errors; one place turns them into error pages.
package web

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"peervoice/domain"
)

// Pinger reports whether the database answers; the store implements it.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Options configure a Server.
type Options struct {
	Store  domain.Store
	DB     Pinger
	Logger *slog.Logger
}

// Server is the HTTP front of peervoice.
type Server struct {
	store  domain.Store
	db     Pinger
	log    *slog.Logger
	mux    *http.ServeMux
	landin *template.Template
}

// New builds a server and its routes.
func New(opts Options) *Server {
	s := &Server{store: opts.Store, db: opts.DB, log: opts.Logger, mux: http.NewServeMux()}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.landin = template.Must(template.New("landing").Parse(landingHTML))
	s.routes()
	return s
}

func (s *Server) routes() {
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /readyz", s.readyz)
	s.mux.Handle("GET /{$}", s.handle(s.landing))
}

// ServeHTTP applies the security headers to every response.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	s.mux.ServeHTTP(w, r)
}

// handle adapts a handler that returns an error.
func (s *Server) handle(fn func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			s.error(w, r, err)
		}
	})
}

func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	switch domain.ErrorCode(err) {
	case domain.ENotFound, domain.EForbidden:
		http.Error(w, "Page not found", http.StatusNotFound)
	case domain.EInvalid:
		http.Error(w, domain.ErrorMessage(err), http.StatusBadRequest)
	default:
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		http.Error(w, "Sorry, there is a problem with the service. It has been logged.", http.StatusInternalServerError)
	}
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.db.Ping(ctx); err != nil {
		s.log.Error("readyz: database", "err", err)
		http.Error(w, "database unavailable\n", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ready\n"))
}

func (s *Server) landing(w http.ResponseWriter, r *http.Request) error {
	ps, err := s.store.Programmes(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return s.landin.Execute(w, ps)
}

const landingHTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>peervoice</title></head>
<body><main><h1>peervoice</h1>
<p>Peer-led engagement with people in prison and on probation.</p>
<h2>Programmes</h2>
<ul>{{range .}}<li>{{.Title}}</li>{{else}}<li>No programmes yet.</li>{{end}}</ul>
</main></body></html>`
