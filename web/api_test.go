package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"peervoice/audit"
	"peervoice/auth"
	"peervoice/domain"
)

// apiCall sends a JSON API request with an optional bearer token.
func (e *env) apiCall(method, path, token, body string) (*httptest.ResponseRecorder, map[string]any) {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.RemoteAddr = "198.51.100.7:999"
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	w := httptest.NewRecorder()
	e.srv.ServeHTTP(w, r)
	var out map[string]any
	json.Unmarshal(w.Body.Bytes(), &out)
	return w, out
}

// apiTokenFor makes a bearer token directly in the store.
func (e *env) apiTokenFor(user string) string {
	token, hash, err := auth.NewToken()
	e.must(err)
	now := e.clock.Now()
	e.must(e.db.CreateAPIToken(context.Background(), &auth.APIToken{TokenHash: hash, UserID: e.users[user].ID, CreatedAt: now, ExpiresAt: now.Add(auth.APITokenTTL)}))
	return token
}

func errorCode(body map[string]any) string {
	e, _ := body["error"].(map[string]any)
	code, _ := e["code"].(string)
	msg, _ := e["message"].(string)
	if code != "" && msg == "" {
		return "missing message"
	}
	return code
}

func TestAPITokenIssueAndExpiry(t *testing.T) {
	e := newEnv(t)
	w, body := e.apiCall("POST", "/api/v1/auth/token", "", `{"email":"analyst@example.org","password":"`+testPassword+`"}`)
	wantStatus(t, w, http.StatusOK)
	token, _ := body["token"].(string)
	exp, err := time.Parse(time.RFC3339, body["expires_at"].(string))
	if token == "" || err != nil || !exp.Equal(e.clock.Now().Add(time.Hour)) {
		t.Fatalf("token response %v", body)
	}
	w, _ = e.apiCall("GET", "/api/v1/programmes", token, "")
	wantStatus(t, w, http.StatusOK)
	e.clock.Add(time.Hour)
	w, body = e.apiCall("GET", "/api/v1/programmes", token, "")
	wantStatus(t, w, http.StatusUnauthorized)
	if errorCode(body) != "unauthenticated" || w.Header().Get("WWW-Authenticate") == "" {
		t.Fatalf("expired token: %v", body)
	}
	if es := e.auditEntries(audit.Filter{Resource: resourceAPIToken}); len(es) != 1 || es[0].ActorID != e.users["analyst"].ID {
		t.Fatalf("token issue not audited: %+v", es)
	}
}

func TestAPITokenNeedsTOTPWhereTheAccountHasIt(t *testing.T) {
	e := newEnv(t)
	w, body := e.apiCall("POST", "/api/v1/auth/token", "", `{"email":"coordinator@example.org","password":"`+testPassword+`"}`)
	if w.Code != http.StatusUnauthorized || errorCode(body) != "totp_setup_required" {
		t.Fatalf("coordinator without TOTP: %d %v", w.Code, body)
	}
	secret, _, _ := auth.NewTOTP("coordinator@example.org")
	e.must(e.db.SetTOTPSecret(context.Background(), e.users["coordinator"].ID, secret))
	w, body = e.apiCall("POST", "/api/v1/auth/token", "", `{"email":"coordinator@example.org","password":"`+testPassword+`","totp":"000000"}`)
	if w.Code != http.StatusUnauthorized || errorCode(body) != "bad_credentials" {
		t.Fatalf("wrong code: %d %v", w.Code, body)
	}
	code, _ := auth.TOTPCode(secret, e.clock.Now())
	w, _ = e.apiCall("POST", "/api/v1/auth/token", "", `{"email":"coordinator@example.org","password":"`+testPassword+`","totp":"`+code+`"}`)
	wantStatus(t, w, http.StatusOK)
	w, body = e.apiCall("POST", "/api/v1/auth/token", "", `not json`)
	if w.Code != http.StatusBadRequest || errorCode(body) != domain.EInvalid {
		t.Fatalf("bad body: %d %v", w.Code, body)
	}
}

func TestAPITokenRateLimited(t *testing.T) {
	e := newEnv(t)
	for range maxAccountFailures {
		e.apiCall("POST", "/api/v1/auth/token", "", `{"email":"analyst@example.org","password":"wrong password"}`)
	}
	w, body := e.apiCall("POST", "/api/v1/auth/token", "", `{"email":"analyst@example.org","password":"`+testPassword+`"}`)
	if w.Code != http.StatusTooManyRequests || errorCode(body) != "rate_limited" {
		t.Fatalf("%d %v", w.Code, body)
	}
}

func TestAPIContributionsPagedAndAudited(t *testing.T) {
	e := newEnv(t)
	token := e.apiTokenFor("analyst")
	w, body := e.apiCall("GET", "/api/v1/programmes/alpha/contributions?limit=1", token, "")
	wantStatus(t, w, http.StatusOK)
	items := body["items"].([]any)
	if len(items) != 1 || body["next_offset"] != float64(1) {
		t.Fatalf("page 1: %v", body)
	}
	_, body = e.apiCall("GET", "/api/v1/programmes/alpha/contributions?limit=1&offset=1", token, "")
	if items := body["items"].([]any); len(items) != 1 {
		t.Fatalf("page 2: %v", body)
	}
	_, body = e.apiCall("GET", "/api/v1/programmes/alpha/contributions", token, "")
	for _, it := range body["items"].([]any) {
		if it.(map[string]any)["flagged"] == true {
			t.Fatal("a flagged contribution reached an analyst")
		}
	}
	if n := len(body["items"].([]any)); n != 2 {
		t.Fatalf("%d unflagged contributions in alpha, want 2", n)
	}
	if es := e.auditEntries(audit.Filter{Resource: audit.ResourceContribution, ActorID: e.users["analyst"].ID}); len(es) != 3 {
		t.Fatalf("%d audit entries for 3 reads", len(es))
	}
	w, body = e.apiCall("GET", "/api/v1/programmes/alpha/contributions?limit=0", token, "")
	if w.Code != http.StatusBadRequest || errorCode(body) != domain.EInvalid {
		t.Fatalf("limit=0: %d %v", w.Code, body)
	}
}

func TestAPISafeguardingOnlyForLead(t *testing.T) {
	e := newEnv(t)
	w, body := e.apiCall("GET", "/api/v1/programmes/alpha/safeguarding", e.apiTokenFor("safeguarding"), "")
	wantStatus(t, w, http.StatusOK)
	items := body["items"].([]any)
	if len(items) != 1 {
		t.Fatalf("safeguarding items %v", items)
	}
	// The flagged contribution's concern, opened by the screen.
	item := items[0].(map[string]any)
	if item["contribution_text"] != e.flaggedA || item["status"] != "raised" || item["raised_by"] != "screen" || item["clock"] == nil {
		t.Fatalf("safeguarding item %v", item)
	}
	es := e.auditEntries(audit.Filter{Resource: audit.ResourceSafeguarding, Action: audit.ActionRead})
	if len(es) != 1 || es[0].ProgrammeID != e.progA.ID || es[0].ActorID != e.users["safeguarding"].ID || es[0].ResourceID != item["id"] {
		t.Fatalf("safeguarding read not audited: %+v", es)
	}
	for _, u := range []string{"coordinator", "analyst", "decisionmaker", "facilitator"} {
		w, body := e.apiCall("GET", "/api/v1/programmes/alpha/safeguarding", e.apiTokenFor(u), "")
		if w.Code != http.StatusNotFound || errorCode(body) != domain.ENotFound {
			t.Errorf("%s: %d %v", u, w.Code, body)
		}
	}
}

func TestAPIProgrammesListsWhatCallerMaySee(t *testing.T) {
	e := newEnv(t)
	_, body := e.apiCall("GET", "/api/v1/programmes", e.apiTokenFor("facilitator"), "")
	ps := body["programmes"].([]any)
	if len(ps) != 1 || ps[0].(map[string]any)["slug"] != "alpha" || ps[0].(map[string]any)["roles"].([]any)[0] != "facilitator" {
		t.Fatalf("facilitator's programmes %v", body)
	}
	w, body := e.apiCall("GET", "/api/v1/programmes", "", "")
	if w.Code != http.StatusUnauthorized || errorCode(body) != "unauthenticated" {
		t.Fatalf("no token: %d %v", w.Code, body)
	}
}
