package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"peervoice/domain"
)

func TestAreasEditAndAdd(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("coordinator")
	ctx := context.Background()
	// Alpha starts with no areas: the first is required.
	wantStatus(t, b.post("/programmes/alpha/areas", url.Values{}), http.StatusUnprocessableEntity)
	e.wantFieldError("areas", "new_name", "first strategic area")
	wantStatus(t, b.post("/programmes/alpha/areas", url.Values{"new_name": {"Use of Data"}, "new_questions": {"What data is kept?\n\n  Who sees it?  "}}), http.StatusSeeOther)
	areas, err := e.db.Areas(ctx, e.progA.ID)
	e.must(err)
	if len(areas) != 1 || areas[0].Key != "use_of_data" || len(areas[0].Questions) != 2 || areas[0].Questions[1] != "Who sees it?" {
		t.Fatalf("areas: %+v", areas)
	}
	wantStatus(t, b.get("/programmes/alpha/areas"), http.StatusOK)
	if d := e.last("areas").Data.(areasData); len(d.Areas) != 1 || d.Areas[0].Questions != "What data is kept?\nWho sees it?" {
		t.Fatalf("areas form: %+v", d.Areas)
	}
	// Rename the first and add a second with a clashing name.
	wantStatus(t, b.post("/programmes/alpha/areas", url.Values{"area-0-name": {"Data"}, "area-0-questions": {"What is recorded about you?"},
		"new_name": {"Use of data"}}), http.StatusSeeOther)
	areas, _ = e.db.Areas(ctx, e.progA.ID)
	if len(areas) != 2 || areas[0].Name != "Data" || areas[0].Questions[0] != "What is recorded about you?" || areas[1].Key != "use_of_data_2" {
		t.Fatalf("after edit: %+v", areas)
	}
	wantStatus(t, b.post("/programmes/alpha/areas", url.Values{"area-0-name": {""}, "area-1-name": {"Use of data"}}), http.StatusUnprocessableEntity)
	e.wantFieldError("areas", "area-0-name", "Enter the name")
}

func TestAreaKey(t *testing.T) {
	existing := []domain.StrategicArea{{Key: "safety"}}
	for name, want := range map[string]string{"Safety": "safety_2", "Meeting User Needs": "meeting_user_needs", "2nd chances!": "nd_chances", "???": "area"} {
		if got := areaKey(name, existing); got != want {
			t.Errorf("areaKey(%q) = %q, want %q", name, got, want)
		}
	}
}
