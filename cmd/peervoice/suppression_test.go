package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"peervoice/domain"
	"peervoice/store"
)

// smallCountsDB is a programme (threshold 5) whose every count of people is
// small: 3 people debate a motion, 2 place dots, and 2 of 12 vote the
// reverse of the rest on ten statement cards.
func smallCountsDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "small.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	p := &domain.Programme{Slug: "small", Title: "Small numbers", StartDate: "2026-09-01", EndDate: "2026-12-31",
		TargetParticipants: 40, TargetSites: 1, TargetSessions: 1, SuppressionThreshold: 5, RetentionDays: 365}
	must(db.CreateProgramme(ctx, p, nil))
	site := &domain.Site{ProgrammeID: p.ID, Name: "HMP Small", Type: domain.SiteCatC}
	must(db.CreateSite(ctx, site))
	fac := &domain.Facilitator{Name: "Fac", Email: "fac@example.org"}
	must(db.CreateFacilitator(ctx, fac))
	sess := &domain.Session{ProgrammeID: p.ID, SiteID: site.ID, Title: "Session", Date: "2026-09-10", StartTime: "09:30",
		LeadFacilitatorID: fac.ID, Status: domain.SessionDelivered}
	must(db.CreateSession(ctx, sess))
	var ps []domain.Participant
	for i := range 12 {
		pt := &domain.Participant{ProgrammeID: p.ID, SiteID: site.ID, Consent: domain.Consent{TakePart: true},
			Code: domain.NewCode(func(n int) int { return (i*7 + 3) % n }, domain.CodePayloadLen)}
		must(db.CreateParticipant(ctx, pt))
		ps = append(ps, *pt)
	}
	seedSmall(t, db, sess, ps, must)
	return path
}

func seedSmall(t *testing.T, db *store.DB, sess *domain.Session, ps []domain.Participant, must func(error)) {
	ctx := context.Background()
	deb := &domain.Activity{SessionID: sess.ID, Kind: domain.ActivityDebate, Title: "Peer mentors should run inductions", Minutes: 30}
	dots := &domain.Activity{SessionID: sess.ID, Kind: domain.ActivityDotPriorities, Title: "What matters most", Minutes: 30}
	must(db.CreateActivity(ctx, deb))
	must(db.CreateActivity(ctx, dots))
	var dvs []domain.DebateVote
	for i, p := range ps[:3] {
		before := domain.PositionAgainst
		if i == 2 {
			before = domain.PositionUndecided
		}
		dvs = append(dvs, domain.DebateVote{ActivityID: deb.ID, ParticipantID: p.ID, Phase: domain.PhaseBefore, Position: before, Count: 1},
			domain.DebateVote{ActivityID: deb.ID, ParticipantID: p.ID, Phase: domain.PhaseAfter, Position: domain.PositionFor, Count: 1})
	}
	must(db.CreateDebateVotes(ctx, dvs))
	must(db.CreateDotVotes(ctx, []domain.DotVote{{ActivityID: dots.ID, ParticipantID: ps[0].ID, Option: "Education", Dots: 3},
		{ActivityID: dots.ID, ParticipantID: ps[1].ID, Option: "Education", Dots: 3}, {ActivityID: dots.ID, ParticipantID: ps[1].ID, Option: "Work", Dots: 1}}))
	var votes []domain.Vote
	for si := range 10 {
		st := domain.Statement{ProgrammeID: sess.ProgrammeID, Text: fmt.Sprintf("Statement %d", si+1)}
		must(db.CreateStatement(ctx, &st))
		for pi, p := range ps {
			v := domain.Agree
			if (pi < 2) != (si < 5) {
				v = domain.Disagree
			}
			votes = append(votes, domain.Vote{StatementID: st.ID, ParticipantID: p.ID, Value: v})
		}
	}
	must(db.PutVotes(ctx, votes))
}

// peopleKey matches JSON keys whose numbers count people or their votes.
// Ranks, shares, p-values, coordinates and ids are not counts of people.
var peopleKey = regexp.MustCompile(`(?i)^(count|participants?|people|members?|size|votes?|voters?|dots|total|n_?success|n_?trials|included|for|against|undecided)$`)

// smallNumber finds a stand-alone 1 to 4 in prose: "2 people", "3 of 5".
var smallNumber = regexp.MustCompile(`(^|[^0-9.])[1-4]([^0-9.%]|$)`)

// jsonLeaks lists every count of people in a command's JSON that is not a
// suppressed cell: a bare number under a people key, a published cell
// under the threshold, or a small number in a sentence.
func jsonLeaks(t *testing.T, out string, threshold int) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("not JSON: %v\n%.300s", err, out)
	}
	var leaks []string
	var walk func(v any, path, key string)
	walk = func(v any, path, key string) {
		switch x := v.(type) {
		case map[string]any:
			if sup, ok := x["Suppressed"].(bool); ok {
				if n, _ := x["Count"].(float64); !sup && n >= 1 && int(n) < threshold {
					leaks = append(leaks, fmt.Sprintf("%s: published cell %v", path, n))
				}
				return
			}
			for k, el := range x {
				walk(el, path+"."+k, k)
			}
		case []any:
			for i, el := range x {
				walk(el, fmt.Sprintf("%s[%d]", path, i), key)
			}
		case float64:
			if peopleKey.MatchString(key) {
				leaks = append(leaks, fmt.Sprintf("%s: raw count %v", path, x))
			}
		case string:
			if strings.EqualFold(key, "sentence") && smallNumber.MatchString(x) {
				leaks = append(leaks, fmt.Sprintf("%s: small number in %q", path, x))
			}
		}
	}
	walk(v, "$", "")
	return leaks
}

// TestAnalyseJSONIsSuppressed runs the aggregate analyses on the
// small-count programme and checks no count under the threshold is
// printed unsuppressed.
func TestAnalyseJSONIsSuppressed(t *testing.T) {
	db := smallCountsDB(t)
	for _, args := range [][]string{
		{"analyse", "debates", "--programme", "small", "--json"},
		{"analyse", "priorities", "--programme", "small", "--json"},
	} {
		code, out, errOut := run(t, nil, append([]string{"--db", db}, args...)...)
		if code != 0 {
			t.Fatalf("%v: %d %s", args, code, errOut)
		}
		if !strings.Contains(out, `"Suppressed": true`) && !strings.Contains(out, `"suppressed": true`) {
			t.Errorf("%v: nothing suppressed on a programme of small counts:\n%s", args, out)
		}
		for _, l := range jsonLeaks(t, out, 5) {
			t.Errorf("%v: %s", args, l)
		}
	}
}

// TestJSONLeakCheckerBites plants each kind of leak the test must catch.
func TestJSONLeakCheckerBites(t *testing.T) {
	out := `{"groups":[{"id":0,"size":12}],"rank":2,"Dots":{"Count":3,"Suppressed":false},
	"People":{"Count":0,"Suppressed":true},"sentence":"After the debate, 2 more people were for the motion (p = 0.25)."}`
	leaks := jsonLeaks(t, out, 5)
	if len(leaks) != 3 {
		t.Fatalf("want size, Dots and the sentence flagged, got %q", leaks)
	}
}
