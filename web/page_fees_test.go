package web

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestFeesLedgerAndPayrollCSV(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("coordinator")
	fac1 := e.sessA1.LeadFacilitatorID
	for _, c := range []struct {
		v            url.Values
		field, words string
	}{
		{url.Values{"facilitator_id": {fac1}, "kind": {"fee"}, "amount": {"seventy"}, "date": {"2026-09-10"}}, "amount", "pounds and pence"},
		{url.Values{"facilitator_id": {fac1}, "kind": {"fee"}, "amount": {"0"}, "date": {"2026-09-10"}}, "amount", "between £0.01"},
		{url.Values{"kind": {"fee"}, "amount": {"75"}, "date": {"2026-09-10"}}, "facilitator_id", "Choose the facilitator"},
		{url.Values{"facilitator_id": {fac1}, "kind": {"bonus"}, "amount": {"75"}, "date": {"2026-09-10"}}, "kind", "fee or expense"},
		{url.Values{"facilitator_id": {fac1}, "kind": {"fee"}, "amount": {"75"}, "date": {"2026-09-10"}, "session_id": {e.sessB1.ID}}, "session_id", "programme's sessions"},
	} {
		wantStatus(t, b.post("/programmes/alpha/fees", c.v), http.StatusUnprocessableEntity)
		e.wantFieldError("fees", c.field, c.words)
	}
	for _, v := range []url.Values{
		{"facilitator_id": {fac1}, "kind": {"fee"}, "amount": {"£75"}, "date": {"2026-09-10"}, "session_id": {e.sessA1.ID}, "description": {"Sessional fee"}},
		{"facilitator_id": {fac1}, "kind": {"expense"}, "amount": {"12.4"}, "date": {"2026-09-10"}, "description": {"=HYPERLINK(\"x\")"}},
	} {
		wantStatus(t, b.post("/programmes/alpha/fees", v), http.StatusSeeOther)
	}
	wantStatus(t, b.get("/programmes/alpha/fees"), http.StatusOK)
	d := e.last("fees").Data.(feesData)
	if len(d.Ledger.Rows) != 2 || len(d.Totals.Rows) != 1 || d.Totals.Rows[0][3].Text != "87.40" || d.Ledger.Rows[0][3].Text != "Session one alpha" {
		t.Fatalf("ledger %+v totals %+v", d.Ledger.Rows, d.Totals.Rows)
	}
	w := b.get("/programmes/alpha/fees.csv")
	wantStatus(t, w, http.StatusOK)
	rows, err := csv.NewReader(strings.NewReader(w.Body.String())).ReadAll()
	e.must(err)
	if len(rows) != 3 || rows[1][1] != "Fac One" || rows[1][2] != "fac1@example.org" || rows[1][6] != "75.00" || rows[2][6] != "12.40" {
		t.Fatalf("csv: %q", rows)
	}
	if rows[2][5] != `'=HYPERLINK("x")` {
		t.Fatalf("formula not defused: %q", rows[2][5])
	}
	// Bravo's coordinator sees none of it.
	wantStatus(t, e.signedIn("coordinatorB").get("/programmes/alpha/fees.csv"), http.StatusNotFound)
}
