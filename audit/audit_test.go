package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"peervoice/domain"
)

// sliceChain is a chain held in memory, for testing Verify's logic apart
// from any database (the store tests run it against both engines).
type sliceChain []domain.AuditEvent

func (c sliceChain) AuditChain(ctx context.Context, fn func(domain.AuditEvent) error) error {
	for _, e := range c {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// buildChain links n events the way the store does.
func buildChain(n int) sliceChain {
	c := make(sliceChain, n)
	prev := GenesisHash
	base := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := range c {
		e := domain.AuditEvent{Seq: int64(i + 1), At: base.Add(time.Duration(i) * time.Minute),
			ActorID: "user-" + string(rune('a'+i%5)), Action: ActionRead, Resource: ResourceContribution,
			ResourceID: "c" + string(rune('0'+i%10)), ProgrammeID: "prog", Addr: "10.0.0.1", PrevHash: prev}
		e.Hash = Hash(e)
		prev, c[i] = e.Hash, e
	}
	return c
}

func TestHashKnownAnswer(t *testing.T) {
	e := domain.AuditEvent{Seq: 7, At: time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC), ActorID: "u1",
		Action: "read", Resource: "contribution", ResourceID: "c9", ProgrammeID: "p2", Addr: "192.0.2.1",
		PrevHash: GenesisHash}
	// Written out by hand, so a change to the encoding fails here.
	canonical := "18:peervoice-audit-v1,1:7,27:2026-01-02T03:04:05.000006Z,2:u1,4:read,12:contribution,2:c9,2:p2,9:192.0.2.1,64:" + GenesisHash + ","
	sum := sha256.Sum256([]byte(canonical))
	if got, want := Hash(e), hex.EncodeToString(sum[:]); got != want {
		t.Fatalf("Hash = %s, want %s", got, want)
	}
}

func TestHashIsUnambiguous(t *testing.T) {
	a := domain.AuditEvent{Seq: 1, ActorID: "ab", Action: "c", Resource: "r", PrevHash: GenesisHash}
	b := a
	b.ActorID, b.Action = "a", "bc"
	if Hash(a) == Hash(b) {
		t.Fatal("moving a byte across a field boundary did not change the hash")
	}
	c := a
	c.ActorID, c.Action = "ab,1:c", ""
	if Hash(a) == Hash(c) {
		t.Fatal("a field containing the separator collided with two fields")
	}
}

func TestHashCoversEveryField(t *testing.T) {
	base := buildChain(1)[0]
	edits := map[string]func(*domain.AuditEvent){
		"seq":          func(e *domain.AuditEvent) { e.Seq++ },
		"at":           func(e *domain.AuditEvent) { e.At = e.At.Add(time.Microsecond) },
		"actor_id":     func(e *domain.AuditEvent) { e.ActorID += "x" },
		"action":       func(e *domain.AuditEvent) { e.Action = ActionUpdate },
		"resource":     func(e *domain.AuditEvent) { e.Resource = ResourceSafeguarding },
		"resource_id":  func(e *domain.AuditEvent) { e.ResourceID = "" },
		"programme_id": func(e *domain.AuditEvent) { e.ProgrammeID = "other" },
		"addr":         func(e *domain.AuditEvent) { e.Addr = "10.0.0.2" },
		"prev_hash":    func(e *domain.AuditEvent) { e.PrevHash = strings.Repeat("1", 64) },
	}
	for name, edit := range edits {
		e := base
		edit(&e)
		if Hash(e) == base.Hash {
			t.Errorf("changing %s did not change the hash", name)
		}
	}
}

func TestHashIgnoresZoneAndSubMicrosecond(t *testing.T) {
	e := buildChain(1)[0]
	e.At = time.Date(2026, 6, 1, 12, 0, 0, 123456789, time.UTC)
	shifted := e
	shifted.At = Normalise(e.At).In(time.FixedZone("BST", 3600))
	if Hash(e) != Hash(shifted) {
		t.Fatal("the same instant in another zone, or without its nanoseconds, hashed differently")
	}
	if got := Normalise(e.At); got.Nanosecond() != 123456000 || got.Location() != time.UTC {
		t.Fatalf("Normalise = %v", got)
	}
}

func verifyOK(t *testing.T, c ChainReader, anchors ...Anchor) Report {
	t.Helper()
	r, err := Verify(context.Background(), c, anchors...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestVerifyIntact(t *testing.T) {
	c := buildChain(50)
	r := verifyOK(t, c, Anchor{Seq: 20, Hash: c[19].Hash}, Anchor{Seq: 50, Hash: c[49].Hash})
	if !r.Intact || r.Entries != 50 || r.LastSeq != 50 || r.HeadHash != c[49].Hash || r.Problem != ProblemNone {
		t.Fatalf("report %+v", r)
	}
	if !strings.Contains(r.String(), "intact: 50 entries, last seq 50, head hash "+c[49].Hash) {
		t.Fatalf("String() = %q", r.String())
	}
	if empty := verifyOK(t, sliceChain{}); !empty.Intact || empty.Entries != 0 {
		t.Fatalf("empty log: %+v", empty)
	}
}

// wantBroken checks Verify reports the given problem at the given seq.
func wantBroken(t *testing.T, r Report, seq int64, p Problem) {
	t.Helper()
	if r.Intact || r.BrokenSeq != seq || r.Problem != p {
		t.Fatalf("got intact=%v broken at %d (%s: %s), want broken at %d (%s)", r.Intact, r.BrokenSeq, r.Problem, r.Detail, seq, p)
	}
	if !strings.HasPrefix(r.String(), "audit log BROKEN at seq ") {
		t.Fatalf("String() = %q", r.String())
	}
}

func TestVerifyFindsTampering(t *testing.T) {
	cases := map[string]struct {
		tamper func(sliceChain) sliceChain
		seq    int64
		p      Problem
	}{
		"edited field": {func(c sliceChain) sliceChain { c[16].ActorID = "someone-else"; return c }, 17, ProblemHash},
		"edited time":  {func(c sliceChain) sliceChain { c[4].At = c[4].At.Add(time.Hour); return c }, 5, ProblemHash},
		"deleted middle": {func(c sliceChain) sliceChain {
			return append(c[:9:9], c[10:]...)
		}, 10, ProblemGap},
		"deleted first": {func(c sliceChain) sliceChain { return c[1:] }, 1, ProblemGap},
		"deleted and renumbered": {func(c sliceChain) sliceChain {
			out := append(c[:9:9], c[10:]...)
			for i := 9; i < len(out); i++ {
				out[i].Seq = int64(i + 1)
				out[i].Hash = Hash(out[i]) // even with hashes recomputed, the link breaks
			}
			return out
		}, 10, ProblemLink},
		"reordered": {func(c sliceChain) sliceChain {
			c[5], c[6] = c[6], c[5]
			c[5].Seq, c[6].Seq = 6, 7
			return c
		}, 6, ProblemHash},
		"inserted": {func(c sliceChain) sliceChain {
			fake := c[2]
			fake.Seq, fake.ActorID = 4, "intruder"
			fake.Hash = Hash(fake)
			out := append(c[:3:3], fake)
			for _, e := range c[3:] {
				e.Seq++
				out = append(out, e)
			}
			return out
		}, 4, ProblemLink},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			wantBroken(t, verifyOK(t, tc.tamper(buildChain(30))), tc.seq, tc.p)
		})
	}
}

func TestVerifyAnchorsCatchTruncationAndRewrite(t *testing.T) {
	c := buildChain(30)
	anchor := Anchor{Seq: 30, Hash: c[29].Hash}
	truncated := c[:27]
	if r := verifyOK(t, truncated); !r.Intact {
		t.Fatalf("a truncated tail is not detectable without an anchor, yet got %+v", r)
	}
	wantBroken(t, verifyOK(t, truncated, anchor), 30, ProblemAnchorMissing)

	rewritten := buildChain(30)
	rewritten[0].Addr = "203.0.113.9"
	prev := GenesisHash
	for i := range rewritten {
		rewritten[i].PrevHash = prev
		rewritten[i].Hash = Hash(rewritten[i])
		prev = rewritten[i].Hash
	}
	if r := verifyOK(t, rewritten); !r.Intact {
		t.Fatalf("a consistently rewritten chain verifies on its own, yet got %+v", r)
	}
	wantBroken(t, verifyOK(t, rewritten, Anchor{Seq: 12, Hash: c[11].Hash}), 12, ProblemAnchorHash)
}

func TestVerifyReportsReadErrors(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := Verify(context.Background(), failingChain{boom})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
}

type failingChain struct{ err error }

func (f failingChain) AuditChain(context.Context, func(domain.AuditEvent) error) error { return f.err }

func TestParseAnchor(t *testing.T) {
	h := strings.Repeat("ab", 32)
	a, err := ParseAnchor(" 42:" + h + "\n")
	if err != nil || a.Seq != 42 || a.Hash != h || a.String() != "42:"+h {
		t.Fatalf("ParseAnchor = %+v, %v", a, err)
	}
	for _, bad := range []string{"", "42", "x:" + h, "0:" + h, "-3:" + h, "42:" + h[:63], "42:" + strings.ToUpper(h)} {
		if _, err := ParseAnchor(bad); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("ParseAnchor(%q) err = %v, want invalid", bad, err)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := domain.AuditEvent{ActorID: "u", Action: ActionRead, Resource: ResourceSafeguarding, Addr: "::1"}
	if err := Validate(ok); err != nil {
		t.Fatal(err)
	}
	bad := map[string]domain.AuditEvent{
		"action":      {Resource: "x"},
		"resource":    {Action: "read", Resource: "  "},
		"addr":        {Action: "read", Resource: "x", Addr: strings.Repeat("a", 513)},
		"actor_id":    {Action: "read", Resource: "x", ActorID: "a\x00b"},
		"resource_id": {Action: "read", Resource: "x", ResourceID: "\xff"},
	}
	for field, e := range bad {
		var de *domain.Error
		if err := Validate(e); !errors.As(err, &de) || de.Code != domain.EInvalid || de.Fields[field] == "" {
			t.Errorf("%s: err = %v", field, err)
		}
	}
}

func TestFilterPageSize(t *testing.T) {
	for limit, want := range map[int]int{0: DefaultLimit, -5: DefaultLimit, 7: 7, MaxLimit + 1: MaxLimit} {
		if got := (Filter{Limit: limit}).PageSize(); got != want {
			t.Errorf("PageSize(%d) = %d, want %d", limit, got, want)
		}
	}
}
