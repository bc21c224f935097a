package audit

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"peervoice/domain"
)

// Problem names the first way a chain was found broken.
type Problem string

// Problems Verify can report. The chain alone cannot detect entries cut off
// the end of the log, nor a log rewritten from scratch with fresh hashes;
// an Anchor kept outside the database catches both.
const (
	ProblemNone          Problem = ""
	ProblemGap           Problem = "entry missing (deleted)"
	ProblemHash          Problem = "hash mismatch (entry edited)"
	ProblemLink          Problem = "prev_hash does not match the previous entry (entry deleted, inserted or reordered)"
	ProblemAnchorHash    Problem = "hash differs from the anchor (log rewritten)"
	ProblemAnchorMissing Problem = "anchored entry missing (log truncated)"
)

// Report is the outcome of Verify.
type Report struct {
	// Entries is how many entries were read.
	Entries int64 `json:"entries"`
	// LastSeq and HeadHash identify the newest entry. Kept elsewhere as an
	// Anchor, they let a later Verify detect truncation or rewriting.
	LastSeq  int64  `json:"last_seq"`
	HeadHash string `json:"head_hash"`
	// Intact is true when no problem was found.
	Intact bool `json:"intact"`
	// BrokenSeq is the first sequence number at which the chain fails, and
	// Problem and Detail say how.
	BrokenSeq int64   `json:"broken_seq,omitempty"`
	Problem   Problem `json:"problem,omitempty"`
	Detail    string  `json:"detail,omitempty"`
}

// Anchor returns the head of the verified log as an anchor to keep.
func (r Report) Anchor() Anchor { return Anchor{Seq: r.LastSeq, Hash: r.HeadHash} }

// String is the one-line verdict the CLI prints.
func (r Report) String() string {
	if !r.Intact {
		return fmt.Sprintf("audit log BROKEN at seq %d: %s; %s", r.BrokenSeq, r.Problem, r.Detail)
	}
	if r.Entries == 0 {
		return "audit log intact: 0 entries"
	}
	return fmt.Sprintf("audit log intact: %d entries, last seq %d, head hash %s", r.Entries, r.LastSeq, r.HeadHash)
}

// Anchor is an entry's sequence number and hash, noted outside the database
// (printed by `peervoice audit verify`) so that a later check can prove the
// log still holds that entry unchanged.
type Anchor struct {
	Seq  int64
	Hash string
}

// String formats the anchor as SEQ:HASH, the form ParseAnchor reads.
func (a Anchor) String() string { return strconv.FormatInt(a.Seq, 10) + ":" + a.Hash }

var hexHash = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ParseAnchor reads SEQ:HASH.
func ParseAnchor(s string) (Anchor, error) {
	seqText, hash, ok := strings.Cut(strings.TrimSpace(s), ":")
	seq, err := strconv.ParseInt(seqText, 10, 64)
	if !ok || err != nil || seq < 1 || !hexHash.MatchString(hash) {
		return Anchor{}, domain.Errorf(domain.EInvalid, "%q is not an anchor: expected SEQ:HASH, e.g. 1234:%s", s, GenesisHash)
	}
	return Anchor{Seq: seq, Hash: hash}, nil
}

// Verify reads the whole chain in order and recomputes every hash and link.
// It reports the first broken entry: an edited field (hash mismatch), a
// deleted entry (gap in Seq), or a removed, inserted or reordered entry
// (prev_hash link). Each anchor must match the entry with its Seq. An error
// is returned only when the chain cannot be read; a broken chain is a
// Report with Intact false.
func Verify(ctx context.Context, chain ChainReader, anchors ...Anchor) (Report, error) {
	v := newVerifier(anchors)
	if err := chain.AuditChain(ctx, v.check); err != nil {
		return Report{}, fmt.Errorf("audit: verify: %w", err)
	}
	v.finish()
	return v.report, nil
}

// verifier carries the state of one pass over the chain.
type verifier struct {
	report   Report
	prevHash string
	anchors  map[int64]string
}

func newVerifier(anchors []Anchor) *verifier {
	v := &verifier{prevHash: GenesisHash, anchors: map[int64]string{}}
	for _, a := range anchors {
		v.anchors[a.Seq] = a.Hash
	}
	return v
}

// check verifies one entry against the one before it. After a failure it
// keeps counting but records nothing more: the first break is what matters.
func (v *verifier) check(e domain.AuditEvent) error {
	want := v.report.LastSeq + 1
	switch {
	case e.Seq != want:
		v.fail(want, ProblemGap, fmt.Sprintf("expected seq %d after %d, found %d", want, v.report.LastSeq, e.Seq))
	case Hash(e) != e.Hash:
		v.fail(e.Seq, ProblemHash, "its stored hash does not match its contents")
	case e.PrevHash != v.prevHash:
		v.fail(e.Seq, ProblemLink, fmt.Sprintf("prev_hash %s, previous entry's hash %s", short(e.PrevHash), short(v.prevHash)))
	}
	if h, ok := v.anchors[e.Seq]; ok {
		if h != e.Hash {
			v.fail(e.Seq, ProblemAnchorHash, fmt.Sprintf("anchor %s, stored %s", short(h), short(e.Hash)))
		}
		delete(v.anchors, e.Seq)
	}
	v.report.Entries++
	v.report.LastSeq, v.report.HeadHash, v.prevHash = e.Seq, e.Hash, e.Hash
	return nil
}

// finish fails on any anchor whose entry never appeared.
func (v *verifier) finish() {
	missing := int64(0)
	for seq := range v.anchors {
		if missing == 0 || seq < missing {
			missing = seq
		}
	}
	if missing > 0 {
		v.fail(missing, ProblemAnchorMissing, fmt.Sprintf("the log ends at seq %d", v.report.LastSeq))
	}
	v.report.Intact = v.report.Problem == ProblemNone
}

// fail records the first problem found.
func (v *verifier) fail(seq int64, p Problem, detail string) {
	if v.report.Problem != ProblemNone {
		return
	}
	v.report.BrokenSeq, v.report.Problem, v.report.Detail = seq, p, detail
}

// short abbreviates a hash for messages.
func short(h string) string {
	if len(h) > 12 {
		return h[:12] + "…"
	}
	return h
}
