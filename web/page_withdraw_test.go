package web

import (
	"context"
	"net/http"
	"net/url"
	"peervoice/privacy/suppress"
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

// TestWithdrawalCountOnEveryFindingsPage checks that the overview and each
// findings page state how many withdrew, suppressed below the threshold
// like every other count of people.
func TestWithdrawalCountOnEveryFindingsPage(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("decisionmaker")
	ps := e.participants(e.progA.ID)
	if len(ps) < 6 {
		t.Fatalf("fixture has %d participants, want at least 6", len(ps))
	}
	pages := map[string]func() suppress.Cell{
		"opinions":   func() suppress.Cell { return e.last("opinions").Data.(opinionsData).Withdrawals },
		"debates":    func() suppress.Cell { return e.last("debates").Data.(debatesData).Withdrawals },
		"priorities": func() suppress.Cell { return e.last("priorities").Data.(prioritiesData).Withdrawals },
	}
	check := func(withdrawn int, want suppress.Cell, wantText string) {
		t.Helper()
		for name, got := range pages {
			w := b.get("/programmes/alpha/" + name)
			wantStatus(t, w, http.StatusOK)
			if got() != want || !strings.Contains(w.Body.String(), "Withdrawals: "+wantText) {
				t.Errorf("%d withdrawn: %s page states %+v, want %+v (%q)", withdrawn, name, got(), want, wantText)
			}
		}
		wantStatus(t, b.get("/programmes/alpha"), http.StatusOK)
		reach := e.last("programme").Data.(programmeData).Reach
		if row := reach.Rows[1]; row[0].Text != "Withdrawn" || row[1].Text != wantText {
			t.Errorf("%d withdrawn: overview row %+v, want Withdrawn %q", withdrawn, row, wantText)
		}
	}
	check(0, suppress.Cell{}, "0")
	e.withdraw(ps[0].ID)
	check(1, suppress.Cell{Suppressed: true}, suppress.Hidden)
	for _, p := range ps[1:5] {
		e.withdraw(p.ID)
	}
	check(5, suppress.Cell{Count: 5}, "5")
}
