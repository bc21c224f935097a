package web

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net/http"
	"time"

	"peervoice/audit"
	"peervoice/auth"
	"peervoice/domain"
	"peervoice/policy"
)

// cookieName is the session cookie. It holds a random token; the database
// holds only its SHA-256.
const cookieName = "pv_session"

// touchEvery limits how often a session's last-seen time is written: the
// idle timeout is 30 minutes, so a minute's slack is harmless and saves a
// write per request.
const touchEvery = time.Minute

// errBadCSRF refuses a form that did not come from this session's pages.
var errBadCSRF = domain.Errorf(domain.EInvalid, "This form has expired or did not come from peervoice. Go back, reload the page and try again.")

// state is who is making the request.
type state struct {
	sess        *auth.WebSession // nil for API requests
	user        *domain.User
	memberships []domain.Membership
	actor       policy.Actor
}

type stateKey struct{}

func withState(ctx context.Context, st *state) context.Context {
	return context.WithValue(ctx, stateKey{}, st)
}

// current returns the request's signed-in state, or nil.
func current(r *http.Request) *state {
	st, _ := r.Context().Value(stateKey{}).(*state)
	return st
}

// validCSRF compares the form's token with the session's in constant time.
func (st *state) validCSRF(r *http.Request) bool {
	got := r.PostFormValue("csrf")
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(st.sess.CSRF)) == 1
}

// needsTOTP reports whether the user's roles demand a second factor:
// admins and coordinators, whose accounts can reach everything in a
// programme.
func (st *state) needsTOTP() bool { return requiresTOTP(st.user, st.memberships) }

func requiresTOTP(u *domain.User, ms []domain.Membership) bool {
	if u.IsAdmin {
		return true
	}
	for _, m := range ms {
		if m.Role == domain.RoleCoordinator {
			return true
		}
	}
	return false
}

// canManageUsers reports whether the user may see the users page at all.
func (st *state) canManageUsers() bool {
	if policy.Allowed(st.actor, policy.Read, policy.Resource{Kind: policy.Users}) {
		return true
	}
	for pid := range st.actor.Roles {
		if policy.Allowed(st.actor, policy.Read, policy.InProgramme(policy.Members, pid)) {
			return true
		}
	}
	return false
}

// loadSession finds the session named by the cookie. An unknown, expired or
// orphaned session is ended and the request continues as anonymous.
func (s *Server) loadSession(w http.ResponseWriter, r *http.Request) (*state, error) {
	c, err := r.Cookie(cookieName)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	ctx := r.Context()
	ws, err := s.accounts.WebSession(ctx, auth.HashToken(c.Value))
	if domain.ErrorCode(err) == domain.ENotFound {
		clearCookie(w, r)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	now := s.now()
	if ws.Expired(now) {
		clearCookie(w, r)
		return nil, s.accounts.DeleteWebSession(ctx, ws.TokenHash)
	}
	st, err := s.stateFor(ctx, ws.UserID)
	if err != nil {
		return nil, err
	}
	st.sess = ws
	return st, s.touch(ctx, ws, now)
}

// stateFor loads a user and their roles.
func (s *Server) stateFor(ctx context.Context, userID string) (*state, error) {
	u, err := s.accounts.UserByID(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("web: session user: %w", err)
	}
	ms, err := s.store.Memberships(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	return &state{user: u, memberships: ms, actor: policy.NewActor(u, ms)}, nil
}

// touch moves the idle deadline on.
func (s *Server) touch(ctx context.Context, ws *auth.WebSession, now time.Time) error {
	if now.Sub(ws.LastSeenAt) < touchEvery {
		return nil
	}
	ws.LastSeenAt = now
	return s.accounts.UpdateWebSession(ctx, ws)
}

// startSession creates a fresh session for a user (never reusing a token
// from before sign-in, which would allow session fixation) and sets the
// cookie.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, userID string, mfaDone bool) (*auth.WebSession, error) {
	if old := current(r); old != nil && old.sess != nil {
		if err := s.accounts.DeleteWebSession(r.Context(), old.sess.TokenHash); err != nil {
			return nil, err
		}
	}
	token, hash, err := auth.NewToken()
	if err != nil {
		return nil, err
	}
	csrf, _, err := auth.NewToken()
	if err != nil {
		return nil, err
	}
	now := s.now()
	ws := &auth.WebSession{TokenHash: hash, UserID: userID, CSRF: csrf, MFADone: mfaDone, CreatedAt: now, LastSeenAt: now}
	if err := s.accounts.CreateWebSession(r.Context(), ws); err != nil {
		return nil, err
	}
	http.SetCookie(w, sessionCookie(r, token, 0))
	return ws, nil
}

// sessionCookie is HttpOnly and SameSite=Lax always, and Secure whenever
// the request came over TLS. It has no expiry: the server decides.
func sessionCookie(r *http.Request, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: cookieName, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode}
}

func clearCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, sessionCookie(r, "", -1))
}

// signOut ends the session on the server, not just in the browser.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) error {
	st := current(r)
	if err := s.accounts.DeleteWebSession(r.Context(), st.sess.TokenHash); err != nil {
		return err
	}
	if err := s.record(r, audit.ActionDelete, resourceWebSession, "", ""); err != nil {
		return err
	}
	clearCookie(w, r)
	http.Redirect(w, r, "/sign-in?signed-out=1", http.StatusSeeOther)
	return nil
}
