package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"peervoice/domain"
)

// activity adds an activity to a session.
func (e *env) activity(s *domain.Session, kind domain.ActivityKind, title string) *domain.Activity {
	a := &domain.Activity{SessionID: s.ID, Kind: kind, Title: title, Minutes: 30}
	e.must(e.db.CreateActivity(context.Background(), a))
	return a
}

// seedDebates holds one motion at both of alpha's sessions with linked
// votes: at the big site 5 of 12 are for before and all 12 after; at the
// small site all 3 people move from against to for.
func (e *env) seedDebates() {
	ps := e.participants(e.progA.ID)
	var big, small []domain.DebateVote
	a1 := e.activity(e.sessA1, domain.ActivityDebate, "Prisons should run more peer-led courses")
	a2 := e.activity(e.sessA2, domain.ActivityDebate, "Prisons should run more peer-led courses")
	pair := func(act *domain.Activity, p domain.Participant, before, after domain.DebatePosition) []domain.DebateVote {
		return []domain.DebateVote{{ActivityID: act.ID, ParticipantID: p.ID, Phase: domain.PhaseBefore, Position: before, Count: 1},
			{ActivityID: act.ID, ParticipantID: p.ID, Phase: domain.PhaseAfter, Position: after, Count: 1}}
	}
	for i, p := range ps[:12] {
		before, after := domain.PositionAgainst, domain.PositionFor
		if i < 5 {
			before = domain.PositionFor
		}
		big = append(big, pair(a1, p, before, after)...)
	}
	for _, p := range ps[12:] {
		small = append(small, pair(a2, p, domain.PositionAgainst, domain.PositionFor)...)
	}
	e.must(e.db.CreateDebateVotes(context.Background(), big))
	e.must(e.db.CreateDebateVotes(context.Background(), small))
}

func TestDebatesPagePoolsThenShowsSessions(t *testing.T) {
	e := newEnv(t)
	e.seedDebates()
	w := e.signedIn("decisionmaker").get("/programmes/alpha/debates")
	wantStatus(t, w, http.StatusOK)
	d := e.last("debates").Data.(debatesData)
	if len(d.Motions) != 1 || d.Motions[0].Pooled == nil || len(d.Motions[0].Sessions) != 2 {
		t.Fatalf("motions %+v", d.Motions)
	}
	pooled := d.Motions[0].Pooled
	// 5 for of 15 before, 15 after, paired.
	if !strings.Contains(pooled.Sentence, "15 of 15 agreed with the motion, up from 5") || pooled.PValue == "" ||
		pooled.Test != "exact McNemar test" || pooled.BeforeBar == "" || pooled.AfterBar == "" {
		t.Fatalf("pooled %+v", pooled)
	}
	big, small := d.Motions[0].Sessions[0], d.Motions[0].Sessions[1]
	if !strings.Contains(big.Heading, "HMP Big alpha") || !strings.Contains(big.Sentence, "12 of 12 agreed with the motion, up from 5") {
		t.Fatalf("big site %+v", big)
	}
	// Three people at the small site: nothing about them is stated.
	if !small.Suppressed || small.PValue != "" || small.AfterBar != "" || strings.Contains(small.Sentence, "of 3") {
		t.Fatalf("small site %+v", small)
	}
	if cellTexts(small.Votes.Rows)["After"] != "not shown" || d.Legend == "" {
		t.Fatalf("small site votes %+v, legend %q", small.Votes.Rows, d.Legend)
	}
	// Pooled and big site have two bars each; the small site none.
	if body := w.Body.String(); strings.Count(body, `<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true"`) != 4 {
		t.Fatal("bars missing or not hidden from screen readers")
	}
}

func TestDebatesPageWithNone(t *testing.T) {
	e := newEnv(t)
	wantStatus(t, e.signedIn("facilitator").get("/programmes/alpha/debates"), http.StatusOK)
	if d := e.last("debates").Data.(debatesData); len(d.Motions) != 0 {
		t.Fatalf("motions %+v", d.Motions)
	}
}
