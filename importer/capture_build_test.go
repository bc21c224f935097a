package importer_test

import (
	"context"
	"testing"

	"peervoice/importer"
	"peervoice/store"
)

// TestBuiltCaptureImportsLikeAFile: rows added by hand are checked,
// placed and made idempotent exactly as a file's rows are.
func TestBuiltCaptureImportsLikeAFile(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.DB) {
		fx := setup(t, s)
		ctx := context.Background()
		build := func(who string) *importer.Capture {
			c := importer.NewCapture("web", fx.Session.ID, fx.Session.CheckCode)
			c.Add(importer.Row{Kind: importer.KindContribution, Activity: "A1", Text: "More education"}, importer.Location{Row: 1})
			c.Add(importer.Row{Kind: importer.KindContribution, Activity: "A1", Participant: who, Text: "Family days"}, importer.Location{Row: 7})
			c.Add(importer.Row{Kind: importer.KindStatementVote, Participant: code(fx, 1), Statement: "S2", Vote: "d"}, importer.Location{Row: 9})
			return c
		}
		opts := importer.CaptureOptions{SessionID: fx.Session.ID, Pipeline: pipeline}
		before := stats(t, s)
		_, err := importer.ImportCapture(ctx, s, build(badCheck(code(fx, 0))), opts)
		fe := fileError(t, err)
		if len(fe.Problems) != 1 || fe.Problems[0].Row != 7 || fe.Problems[0].Column != "participant" {
			t.Fatalf("problems: %v", fe)
		}
		if stats(t, s) != before {
			t.Fatal("a refused capture wrote something")
		}
		res, err := importer.ImportCapture(ctx, s, build(code(fx, 0)), opts)
		must(t, err)
		if res.Contributions.Added != 2 || res.StatementVotes.Added != 1 {
			t.Fatalf("first import: %+v", res)
		}
		res, err = importer.ImportCapture(ctx, s, build(code(fx, 0)), opts)
		must(t, err)
		if res.Contributions.Added != 0 || res.Contributions.Skipped != 2 || res.StatementVotes.Skipped != 1 {
			t.Fatalf("second import: %+v", res)
		}
		// A capture built for another session is refused.
		wrong := importer.NewCapture("web", fx.Session.ID, "ZZZZZ")
		wrong.Add(importer.Row{Kind: importer.KindContribution, Activity: "A1", Text: "x"}, importer.Location{Row: 1})
		_, err = importer.ImportCapture(ctx, s, wrong, opts)
		wantProblem(t, fileError(t, err), 0, "check code", "wrong session")
	})
}
