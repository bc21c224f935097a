package dataset

import (
	"context"
	"path/filepath"
	"testing"

	"peervoice/analysis/debate"
	"peervoice/demo"
	"peervoice/domain"
	"peervoice/store"
)

func TestPoolByMotionKeepsPairsAndSumsTallies(t *testing.T) {
	a := Debate{Motion: "M", SessionTitle: "one", Pairs: []debate.Pair{{Participant: "p1", Before: debate.Against, After: debate.For}},
		Before: debate.Counts{Against: 1}, After: debate.Counts{For: 1}}
	b := Debate{Motion: "M", SessionTitle: "two", Pairs: []debate.Pair{{Participant: "p2", Before: debate.For, After: debate.For}},
		Before: debate.Counts{For: 1}, After: debate.Counts{For: 1}}
	c := Debate{Motion: "Only once", Before: debate.Counts{For: 3}, After: debate.Counts{For: 4}}
	pooled := PoolByMotion([]Debate{a, b, c})
	if len(pooled) != 1 {
		t.Fatalf("pooled %d motions, want 1 (a motion held once is not pooled)", len(pooled))
	}
	p := pooled[0]
	if p.SessionTitle != "All sessions (2)" || len(p.Pairs) != 2 || p.Before != (debate.Counts{For: 1, Against: 1}) || p.After.For != 2 {
		t.Fatalf("pooled: %+v", p)
	}
	tally := Debate{Motion: "M", Before: debate.Counts{For: 5}, After: debate.Counts{For: 6}}
	if mixed := PoolByMotion([]Debate{a, tally}); mixed[0].Paired() {
		t.Fatal("a motion with a tally-only session must not claim to be paired")
	}
}

func TestLoadOpinionsLeavesOutWithdrawnAndLabelsByCode(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sum, err := demo.Load(ctx, db, demo.Options{PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	before, err := LoadOpinions(ctx, db, sum.Programme.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Input.Statements) != len(demo.Statements) || before.Statements["S1"] != demo.Statements[0].Text {
		t.Fatalf("statements: %d, S1 = %q", len(before.Input.Statements), before.Statements["S1"])
	}
	ps, _ := db.Participants(ctx, sum.Programme.ID)
	if domain.CheckCode(before.Input.Participants[0]) != nil {
		t.Fatalf("participant label %q is not a code", before.Input.Participants[0])
	}
	if _, err := db.SQL().Exec(`UPDATE participants SET withdrawn_at = '2026-11-01T00:00:00.000000Z' WHERE id = ?`, ps[0].ID); err != nil {
		t.Fatal(err)
	}
	after, err := LoadOpinions(ctx, db, sum.Programme.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Input.Participants) != len(before.Input.Participants)-1 || len(after.Input.Votes) >= len(before.Input.Votes) {
		t.Fatalf("withdrawn participant still in the analysis: %d → %d participants", len(before.Input.Participants), len(after.Input.Participants))
	}
	for _, code := range after.Input.Participants {
		if code == ps[0].Code {
			t.Fatal("withdrawn participant's code is still listed")
		}
	}
}
