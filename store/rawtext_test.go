package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"peervoice/crypt"
	"peervoice/domain"
	"peervoice/retention"
)

func sealRaw(t *testing.T, kr *crypt.Keyring, id, text string) []byte {
	t.Helper()
	b, err := kr.Seal([]byte(text), crypt.AAD(crypt.PurposeRawText, id))
	must(t, err)
	return b
}

func TestRawTextRoundTripAndPurge(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "raw-one")
		c := addContribution(t, s, f, domain.Contribution{Text: "[NAME] said the wing is unsafe"})
		kr := testKeyring(t)

		wantCode(t, s.SetRawText(ctx, c.ID, []byte("Dave Smith said the wing is unsafe")), domain.EInvalid)
		_, err := s.RawText(ctx, c.ID)
		wantCode(t, err, domain.ENotFound)
		wantCode(t, s.SetRawText(ctx, domain.NewID(), sealRaw(t, kr, "x", "y")), domain.ENotFound)

		must(t, s.SetRawText(ctx, c.ID, sealRaw(t, kr, c.ID, "Dave Smith said the wing is unsafe")))
		sealed, err := s.RawText(ctx, c.ID)
		must(t, err)
		plain, err := kr.Open(sealed, crypt.AAD(crypt.PurposeRawText, c.ID))
		if err != nil || string(plain) != "Dave Smith said the wing is unsafe" {
			t.Fatalf("raw text: %q %v", plain, err)
		}
		must(t, s.PurgeRawText(ctx, c.ID))
		_, err = s.RawText(ctx, c.ID)
		wantCode(t, err, domain.ENotFound)
		ds, err := s.Deletions(ctx)
		must(t, err)
		if len(ds) != 1 || ds[0].Kind != retention.RawText || ds[0].RecordID != c.ID || ds[0].ProgrammeID != f.prog.ID {
			t.Fatalf("deletions: %+v", ds)
		}
		// The redacted contribution itself is untouched.
		cs, err := s.Contributions(ctx, domain.ContributionFilter{ProgrammeID: f.prog.ID})
		must(t, err)
		if len(cs) != 1 || cs[0].Text != c.Text {
			t.Fatalf("contribution after purge: %+v", cs)
		}
	})
}

func TestRewrapRotatesEveryColumnOnce(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "raw-rotate")
		oldKey, _ := crypt.NewKey()
		newKey, _ := crypt.NewKey()
		old := crypt.NewKeyring(oldKey)
		var ids []string
		for i := range 3 {
			c := addContribution(t, s, f, domain.Contribution{Text: "redacted " + string(rune('a'+i))})
			must(t, s.SetRawText(ctx, c.ID, sealRaw(t, old, c.ID, "raw "+c.Text)))
			ids = append(ids, c.ID)
		}
		r := newConcern(f, "")
		r.SealedNotes, _ = old.Seal([]byte("lead's notes"), crypt.AAD(crypt.PurposeNotes, r.ID))
		must(t, s.CreateConcern(ctx, r))

		both := crypt.NewKeyring(newKey, oldKey)
		changed, unchanged, err := s.Rewrap(ctx, both.Rewrap)
		must(t, err)
		if changed != 4 || unchanged != 0 {
			t.Fatalf("first rotation: changed %d unchanged %d, want 4 and 0", changed, unchanged)
		}
		changed, unchanged, err = s.Rewrap(ctx, both.Rewrap)
		must(t, err)
		if changed != 0 || unchanged != 4 {
			t.Fatalf("second rotation: changed %d unchanged %d, want 0 and 4", changed, unchanged)
		}
		onlyNew := crypt.NewKeyring(newKey)
		for _, id := range ids {
			sealed, err := s.RawText(ctx, id)
			must(t, err)
			if _, err := onlyNew.Open(sealed, crypt.AAD(crypt.PurposeRawText, id)); err != nil {
				t.Fatalf("raw text %s after rotation: %v", id, err)
			}
		}
		got, err := s.Concern(ctx, r.ID)
		must(t, err)
		if notes, err := onlyNew.Open(got.SealedNotes, crypt.AAD(crypt.PurposeNotes, r.ID)); err != nil || string(notes) != "lead's notes" {
			t.Fatalf("notes after rotation: %q %v", notes, err)
		}
	})
}

func TestRewrapIsAllOrNothing(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *DB) {
		ctx := context.Background()
		f := newFixture(t, s, "raw-atomic")
		oldKey, _ := crypt.NewKey()
		newKey, _ := crypt.NewKey()
		stranger, _ := crypt.NewKey()
		good := addContribution(t, s, f, domain.Contribution{Text: "first"})
		must(t, s.SetRawText(ctx, good.ID, sealRaw(t, crypt.NewKeyring(oldKey), good.ID, "raw first")))
		bad := addContribution(t, s, f, domain.Contribution{Text: "second"})
		must(t, s.SetRawText(ctx, bad.ID, sealRaw(t, crypt.NewKeyring(stranger), bad.ID, "raw second")))

		_, _, err := s.Rewrap(ctx, crypt.NewKeyring(newKey, oldKey).Rewrap)
		if !errors.Is(err, crypt.ErrUnknownKey) {
			t.Fatalf("err = %v, want ErrUnknownKey", err)
		}
		sealed, err := s.RawText(ctx, good.ID)
		must(t, err)
		if id, _ := crypt.KeyIDOf(sealed); id != oldKey.ID() {
			t.Fatalf("a failed rotation left %s under key %s; want it rolled back to %s", good.ID, id, oldKey.ID())
		}
	})
}

// BenchmarkRewrap10k measures a key rotation over 10,000 sealed raw texts
// of about 200 bytes on SQLite, the one transaction that blocks writers.
func BenchmarkRewrap10k(b *testing.B) {
	ctx := context.Background()
	s := openSQLite(b)
	p := &domain.Programme{Slug: "bench", Title: "Bench", StartDate: "2026-01-01", EndDate: "2026-03-31", SuppressionThreshold: 5, RetentionDays: 365}
	must(b, s.CreateProgramme(ctx, p, nil))
	keys := make([]*crypt.Key, 2)
	for i := range keys {
		keys[i], _ = crypt.NewKey()
	}
	cs := make([]domain.Contribution, 10_000)
	for i := range cs {
		cs[i] = domain.Contribution{ProgrammeID: p.ID, Text: "[NAME] said the wing is not safe at night and staff do not come"}
	}
	_, err := s.CreateContributions(ctx, cs)
	must(b, err)
	kr := crypt.NewKeyring(keys[0])
	for _, c := range cs {
		sealed, _ := kr.Seal([]byte(strings.Repeat("Dave Smith said the wing is not safe ", 5)), crypt.AAD(crypt.PurposeRawText, c.ID))
		must(b, s.SetRawText(ctx, c.ID, sealed))
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		// Alternate keys so every iteration re-encrypts all 10,000.
		ring := crypt.NewKeyring(keys[(i+1)%2], keys[i%2])
		if changed, _, err := s.Rewrap(ctx, ring.Rewrap); err != nil || changed != len(cs) {
			b.Fatalf("changed %d, %v", changed, err)
		}
	}
}
