package web

import (
	"cmp"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"peervoice/audit"
	"peervoice/auth"
	"peervoice/domain"
	"peervoice/policy"
)

// resourceAPIToken names API token issues in the audit log.
const resourceAPIToken = "api_token"

// apiError is an expected API failure with an HTTP status and a safe message.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Message }

var (
	errUnauthenticated = &apiError{http.StatusUnauthorized, "unauthenticated", "Send a valid bearer token in the Authorization header."}
	errTooManyAPI      = &apiError{http.StatusTooManyRequests, "rate_limited", "Too many failed attempts. Wait 15 minutes, then try again."}
	errBadCredentials  = &apiError{http.StatusUnauthorized, "bad_credentials", "The email address, password or code is not right."}
	errTOTPSetup       = &apiError{http.StatusUnauthorized, "totp_setup_required", "Set up two-factor authentication by signing in to the website first."}
)

// handleAPI adapts a handler to JSON errors: {"error":{"code","message"}}.
// Not found and not allowed are the same 404.
func (s *Server) handleAPI(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if err := fn(w, r); err != nil {
			s.apiErrorResponse(w, r, err)
		}
	})
}

func (s *Server) apiErrorResponse(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = &apiError{http.StatusNotFound, domain.ENotFound, "Not found."}
		switch domain.ErrorCode(err) {
		case domain.ENotFound, domain.EForbidden:
		case domain.EInvalid:
			ae = &apiError{http.StatusBadRequest, domain.EInvalid, domain.ErrorMessage(err)}
		default:
			s.log.Error("api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
			ae = &apiError{http.StatusInternalServerError, domain.EInternal, "Something went wrong. It has been logged."}
		}
	}
	if ae.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="peervoice"`)
	}
	writeJSON(w, ae.Status, map[string]any{"error": map[string]string{"code": ae.Code, "message": ae.Message}})
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	return enc.Encode(v)
}

// requireToken checks the bearer token and puts its user in the context.
func (s *Server) requireToken(next handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || token == "" {
			return errUnauthenticated
		}
		t, err := s.accounts.APITokenByHash(r.Context(), auth.HashToken(strings.TrimSpace(token)))
		if domain.ErrorCode(err) == domain.ENotFound {
			return errUnauthenticated
		}
		if err != nil {
			return err
		}
		if !s.now().Before(t.ExpiresAt) {
			return errUnauthenticated
		}
		st, err := s.stateFor(r.Context(), t.UserID)
		if err != nil {
			return err
		}
		return next(w, r.WithContext(withState(r.Context(), st)))
	}
}

// tokenRequest is the body of POST /api/v1/auth/token.
type tokenRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	TOTP     string `json:"totp"`
}

func (s *Server) apiToken(w http.ResponseWriter, r *http.Request) error {
	var req tokenRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10))
	if err := dec.Decode(&req); err != nil || req.Email == "" || req.Password == "" {
		return &apiError{http.StatusBadRequest, domain.EInvalid, `Send JSON with "email" and "password" (and "totp" if your account uses it).`}
	}
	u, err := s.apiCredentials(r, req)
	if err != nil {
		return err
	}
	token, hash, err := auth.NewToken()
	if err != nil {
		return err
	}
	now := s.now()
	t := &auth.APIToken{TokenHash: hash, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(auth.APITokenTTL)}
	if err := s.accounts.CreateAPIToken(r.Context(), t); err != nil {
		return err
	}
	r = r.WithContext(withState(r.Context(), &state{user: u}))
	if err := s.record(r, audit.ActionCreate, resourceAPIToken, "", ""); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]string{"token": token, "expires_at": t.ExpiresAt.UTC().Format(time.RFC3339)})
}

// apiCredentials checks password and, where the account has or needs it,
// the TOTP code, under the same rate limits as the sign-in page.
func (s *Server) apiCredentials(r *http.Request, req tokenRequest) (*domain.User, error) {
	ctx := r.Context()
	stop, err := s.limited(ctx, req.Email, clientAddr(r))
	if err != nil {
		return nil, err
	}
	if stop {
		return nil, errTooManyAPI
	}
	u, err := s.checkPassword(r, req.Email, req.Password)
	if err != nil || u == nil {
		return nil, cmp.Or(err, error(errBadCredentials))
	}
	ms, err := s.store.Memberships(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	if u.TOTPSecret == "" && requiresTOTP(u, ms) {
		return nil, errTOTPSetup
	}
	if u.TOTPSecret == "" {
		return u, nil
	}
	ok, err := s.useTOTP(r, u.ID, u.TOTPSecret, req.TOTP)
	if err != nil || !ok {
		return nil, cmp.Or(err, s.failed(ctx, req.Email, clientAddr(r)), error(errBadCredentials))
	}
	return u, nil
}

// apiProgramme is a programme as the API lists it.
type apiProgramme struct {
	ID        string        `json:"id"`
	Slug      string        `json:"slug"`
	Title     string        `json:"title"`
	StartDate domain.Date   `json:"start_date"`
	EndDate   domain.Date   `json:"end_date"`
	Roles     []domain.Role `json:"roles"`
}

func (s *Server) apiProgrammes(w http.ResponseWriter, r *http.Request) error {
	ps, err := s.visibleProgrammes(r)
	if err != nil {
		return err
	}
	out := make([]apiProgramme, 0, len(ps))
	for _, p := range ps {
		roles := current(r).actor.Roles[p.ID]
		if roles == nil {
			roles = []domain.Role{}
		}
		out = append(out, apiProgramme{ID: p.ID, Slug: p.Slug, Title: p.Title, StartDate: p.StartDate, EndDate: p.EndDate, Roles: roles})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"programmes": out})
}

// pageParams reads limit and offset: limit 1 to 500, default 100.
func pageParams(r *http.Request) (limit, offset int, err error) {
	limit, offset = 100, 0
	q := r.URL.Query()
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > 500 {
			return 0, 0, &apiError{http.StatusBadRequest, domain.EInvalid, "limit must be a whole number from 1 to 500."}
		}
	}
	if v := q.Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, &apiError{http.StatusBadRequest, domain.EInvalid, "offset must be a whole number, 0 or more."}
		}
	}
	return limit, offset, nil
}

// contributionFilter decides what the caller may list: the whole programme,
// or, for a facilitator, one of their own sessions named by ?session=.
func (s *Server) contributionFilter(r *http.Request) (domain.ContributionFilter, error) {
	p, err := s.store.ProgrammeBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return domain.ContributionFilter{}, err
	}
	actor := current(r).actor
	f := domain.ContributionFilter{ProgrammeID: p.ID, SessionID: r.URL.Query().Get("session")}
	if f.SessionID == "" {
		if !policy.Allowed(actor, policy.Read, policy.InProgramme(policy.Contribution, p.ID)) {
			return f, errNotFound
		}
		return f, nil
	}
	if !domain.ValidID(f.SessionID) {
		return f, errNotFound
	}
	sess, err := s.store.Session(r.Context(), f.SessionID)
	if err != nil {
		return f, err
	}
	if sess.ProgrammeID != p.ID || !policy.Allowed(actor, policy.Read, policy.OfSession(policy.Contribution, sess)) {
		return f, errNotFound
	}
	return f, nil
}

func (s *Server) apiContributions(w http.ResponseWriter, r *http.Request) error {
	f, err := s.contributionFilter(r)
	if err != nil {
		return err
	}
	if f.Limit, f.Offset, err = pageParams(r); err != nil {
		return err
	}
	cs, err := s.store.Contributions(r.Context(), f)
	if err != nil {
		return err
	}
	if err := s.record(r, audit.ActionRead, audit.ResourceContribution, f.SessionID, f.ProgrammeID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, listBody(cs, f.Limit, f.Offset))
}

// listBody is a page of items with what a client needs to fetch the next.
func listBody(items []domain.Contribution, limit, offset int) map[string]any {
	if items == nil {
		items = []domain.Contribution{}
	}
	body := map[string]any{"items": items, "limit": limit, "offset": offset}
	if len(items) == limit {
		body["next_offset"] = offset + limit
	}
	return body
}

// apiSafeguarding lists a programme's safeguarding concerns, oldest first,
// through the concerns service, which logs a read of each. A flagged
// contribution without a concern yet gets one first, so none is missed.
func (s *Server) apiSafeguarding(w http.ResponseWriter, r *http.Request) error {
	p, err := s.store.ProgrammeBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	if !s.privacy.ready() || !policy.Allowed(current(r).actor, policy.Read, policy.InProgramme(policy.Safeguarding, p.ID)) {
		return errNotFound
	}
	limit, offset, err := pageParams(r)
	if err != nil {
		return err
	}
	items, err := s.apiConcerns(r, p.ID, limit, offset)
	if err != nil {
		return err
	}
	body := map[string]any{"items": items, "limit": limit, "offset": offset}
	if len(items) == limit {
		body["next_offset"] = offset + limit
	}
	return writeJSON(w, http.StatusOK, body)
}
