package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestWithdrawByCodeWithConfirmation(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("coordinator")
	known := e.participants(e.progA.ID)[0].Code
	unknown := e.unusedCode(e.progA.ID)
	for code, words := range map[string]string{
		unknown:        "No participant in this programme has the code " + unknown,
		mistype(known): "does not pass its check",
		"":             "Enter the participant's code",
	} {
		wantStatus(t, b.post("/programmes/alpha/withdraw", url.Values{"code": {code}}), http.StatusUnprocessableEntity)
		e.wantFieldError("withdraw", "code", words)
	}
	// The first step only asks; nothing changes.
	wantStatus(t, b.post("/programmes/alpha/withdraw", url.Values{"code": {strings.ToLower(known)}}), http.StatusOK)
	d := e.last("withdraw").Data.(withdrawData)
	if !d.Confirm || !d.BeforeCutoff || d.Code != known || !strings.Contains(d.Consequence, "deleted for good") {
		t.Fatalf("confirmation: %+v", d)
	}
	p, _ := e.db.ParticipantByCode(context.Background(), e.progA.ID, known)
	if p.WithdrawnAt != nil {
		t.Fatal("withdrawn before confirming")
	}
	wantStatus(t, b.post("/programmes/alpha/withdraw", url.Values{"code": {known}, "confirm": {"yes"}}), http.StatusOK)
	if v := e.last("withdraw"); v.Banner == nil || !strings.Contains(v.Banner.Text, "deleted") {
		t.Fatalf("banner: %+v", v.Banner)
	}
	p, _ = e.db.ParticipantByCode(context.Background(), e.progA.ID, known)
	if p.WithdrawnAt == nil {
		t.Fatal("not withdrawn")
	}
	wantStatus(t, b.post("/programmes/alpha/withdraw", url.Values{"code": {known}}), http.StatusUnprocessableEntity)
	e.wantFieldError("withdraw", "code", "already withdrew")
}

func TestWithdrawAfterCutoffWording(t *testing.T) {
	e := newEnv(t)
	p := *e.progA
	p.WithdrawalCutoff = "2026-10-01" // the clock is 5 October
	e.must(e.db.UpdateProgramme(context.Background(), &p))
	b := e.signedIn("coordinator")
	code := e.participants(e.progA.ID)[1].Code
	wantStatus(t, b.post("/programmes/alpha/withdraw", url.Values{"code": {code}}), http.StatusOK)
	d := e.last("withdraw").Data.(withdrawData)
	if d.BeforeCutoff || !strings.Contains(d.Consequence, "cut-off (1 October 2026) has passed") {
		t.Fatalf("after cut-off: %+v", d)
	}
	wantStatus(t, b.post("/programmes/alpha/withdraw", url.Values{"code": {code}, "confirm": {"yes"}}), http.StatusOK)
	if v := e.last("withdraw"); v.Banner == nil || !strings.Contains(v.Banner.Text, "after the cut-off") {
		t.Fatalf("banner: %+v", v.Banner)
	}
	wantStatus(t, e.signedIn("analyst").post("/programmes/alpha/withdraw", url.Values{"code": {code}}), http.StatusNotFound)
}
