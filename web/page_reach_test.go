package web

import (
	"net/http"
	"testing"
)

func TestReachAgainstTargetsPerSiteSuppressed(t *testing.T) {
	e := newEnv(t)
	wantStatus(t, e.signedIn("decisionmaker").get("/programmes/alpha/reach"), http.StatusOK)
	d := e.last("reach").Data.(reachData)
	overall := cellTexts(d.Overall.Rows)
	if overall["Participants"] != "15" || overall["Sites"] != "2" || overall["Sessions delivered"] != "1" {
		t.Fatalf("overall: %v", overall)
	}
	if d.Progress != "15 of 40 participants reached (37%)." {
		t.Fatalf("progress %q", d.Progress)
	}
	// 12 at Big, 3 at Small: the 3 is hidden, and so is another cell so the total cannot give it away.
	big, small, total := rowStarting(d.BySite.Rows, "HMP Big alpha"), rowStarting(d.BySite.Rows, "HMP Small alpha"), rowStarting(d.BySite.Rows, "Total")
	if small[4].Text != "not shown" || big[4].Text == "12" && total[4].Text == "15" || d.Legend == "" {
		t.Fatalf("by site: %v | %v | %v", big, small, total)
	}
	if big[2].Text != "1" || small[3].Text != "1" || total[2].Text != "1" || total[3].Text != "1" {
		t.Fatalf("sessions by site: %v %v %v", big, small, total)
	}
	// With four left, even the overall count and the progress line are hidden.
	for _, pt := range e.participants(e.progA.ID)[4:] {
		e.withdraw(pt.ID)
	}
	e.signedIn("coordinator").get("/programmes/alpha/reach")
	d = e.last("reach").Data.(reachData)
	if cellTexts(d.Overall.Rows)["Participants"] != "not shown" || d.Progress != "" {
		t.Fatalf("small reach shown: %v %q", d.Overall.Rows, d.Progress)
	}
	wantStatus(t, e.signedIn("coordinatorB").get("/programmes/alpha/reach"), http.StatusNotFound)
}
