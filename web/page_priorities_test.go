package web

import (
	"context"
	"encoding/xml"
	"net/http"
	"strings"
	"testing"

	"peervoice/domain"
)

// seedDots has each of alpha's 15 participants place dots at their
// session: everyone puts 3 on Education, the big site 2 on Work, and one
// person 1 on Family, which is too few to show (and the complementary
// suppression may hide another option too).
func (e *env) seedDots() {
	ps := e.participants(e.progA.ID)
	a1 := e.activity(e.sessA1, domain.ActivityDotPriorities, "What matters most")
	a2 := e.activity(e.sessA2, domain.ActivityDotPriorities, "What matters most")
	var vs []domain.DotVote
	for i, p := range ps {
		act := a1
		if i >= 12 {
			act = a2
		}
		vs = append(vs, domain.DotVote{ActivityID: act.ID, ParticipantID: p.ID, Option: "Education", Dots: 3})
		if i < 12 {
			vs = append(vs, domain.DotVote{ActivityID: act.ID, ParticipantID: p.ID, Option: "Work", Dots: 2})
		}
		if i == 0 {
			vs = append(vs, domain.DotVote{ActivityID: act.ID, ParticipantID: p.ID, Option: "Family", Dots: 1})
		}
	}
	e.must(e.db.CreateDotVotes(context.Background(), vs))
}

func TestPrioritiesPageRanksAndHidesSmallOptions(t *testing.T) {
	e := newEnv(t)
	e.seedDots()
	w := e.signedIn("decisionmaker").get("/programmes/alpha/priorities")
	wantStatus(t, w, http.StatusOK)
	d := e.last("priorities").Data.(prioritiesData)
	if d.Empty || len(d.Rankings) != 3 || d.Rankings[0].Title != "All sites" {
		t.Fatalf("rankings %+v", d.Rankings)
	}
	all := d.Rankings[0]
	rows := map[string][]Cell{}
	for _, r := range all.Table.Rows {
		rows[r[0].Text] = r
	}
	if rows["Education"][1].Text != "1" || rows["Education"][2].Text != "45" || len(rows) != 3 {
		t.Fatalf("overall %+v", all.Table.Rows)
	}
	shown := 0
	for _, r := range all.Table.Rows {
		if r[2].Text != "not shown" {
			shown++
		}
	}
	if rows["Family"][2].Text != "not shown" || rows["Family"][1].Text != "not shown" || all.Legend == "" {
		t.Fatalf("Family shown: %+v, legend %q", rows["Family"], all.Legend)
	}
	if all.People != "15" {
		t.Fatalf("people %q", all.People)
	}
	// The chart draws the shown options only and is well-formed XML.
	if err := xml.Unmarshal([]byte(all.Chart), new(struct{})); err != nil {
		t.Fatalf("chart: %v", err)
	}
	if strings.Contains(string(all.Chart), "Family") || strings.Count(string(all.Chart), "<circle") != shown {
		t.Fatalf("chart draws a hidden option or misses one: %s", all.Chart)
	}
	if !strings.Contains(w.Body.String(), "rank among the options shown") {
		t.Fatal("no note that ranks are among the options shown")
	}
}

func TestPrioritiesPageWithNone(t *testing.T) {
	e := newEnv(t)
	wantStatus(t, e.signedIn("coordinator").get("/programmes/alpha/priorities"), http.StatusOK)
	if d := e.last("priorities").Data.(prioritiesData); !d.Empty {
		t.Fatalf("%+v", d)
	}
}
