package intake

import (
	"context"
	"testing"

	"peervoice/domain"
	"peervoice/privacy/redact"
	"peervoice/privacy/screen"
)

type afterLog struct{ raws map[string]string }

func (a *afterLog) AfterIntake(_ context.Context, c domain.Contribution, raw string, _ screen.Result) error {
	a.raws[c.ID] = raw
	return nil
}

func TestRecorderFinishesOnlyWhatItSaw(t *testing.T) {
	r := NewRecorder(New(redact.Options{}))
	seen := &domain.Contribution{Text: "ring me on 07700 900418"}
	r.Apply(seen)
	flagged := &domain.Contribution{Text: "I've been cutting myself again and nobody knows"}
	r.Apply(flagged)
	if seen.ID == "" || seen.Text == "ring me on 07700 900418" {
		t.Fatalf("not redacted or no ID: %+v", seen)
	}
	other := domain.Contribution{ID: domain.NewID(), Text: "stored earlier"}
	log := &afterLog{raws: map[string]string{}}
	other.Flagged = true // flagged, but not seen by this recorder: not counted
	n, err := r.Finish(context.Background(), log, []domain.Contribution{*seen, *flagged, other})
	want := 1
	if seen.Flagged {
		want++
	}
	if err != nil || !flagged.Flagged || n != want {
		t.Fatalf("flagged = %d (want %d), %v", n, want, err)
	}
	if log.raws[seen.ID] != "ring me on 07700 900418" || len(log.raws) != 2 {
		t.Fatalf("after-intake calls: %v", log.raws)
	}
}
