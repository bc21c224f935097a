// Package audit keeps peervoice's append-only, tamper-evident audit log:
// who read or wrote contribution-level or safeguarding data, what, when and
// from where. Each entry carries the SHA-256 of its own canonical encoding,
// which includes the previous entry's hash, so editing, deleting or
// reordering a stored entry breaks the chain and Verify reports where.
//
// What the chain cannot show on its own: entries cut off the end of the
// log (the shorter chain is still valid), and a log rewritten from some
// entry onwards with every later hash recomputed (the hash is unkeyed, so
// anyone with write access can do it). Both are caught by an Anchor, the
// newest seq and hash printed by `peervoice audit verify`, kept outside the
// database and passed back to Verify later.
//
// The package depends only on domain. The store imports it for Hash, so the
// store computes each entry's hash inside the same locked transaction that
// reads the previous one.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"peervoice/domain"
)

// GenesisHash is the PrevHash of the first entry: 64 zeros.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// TimeFormat is the fixed, UTC, microsecond-precision form in which At is
// hashed and stored. Anything finer than a microsecond is dropped, so an
// entry read back from either engine hashes exactly as it did when written.
const TimeFormat = "2006-01-02T15:04:05.000000Z"

// hashVersion starts every encoding, so that a future change of fields or
// format can never produce the same bytes as this one.
const hashVersion = "peervoice-audit-v1"

// Hash returns the hex SHA-256 of e's canonical encoding. The encoding
// covers every field except Hash itself, each written as its byte length,
// a colon, the bytes and a comma (a netstring), so no two different events
// encode alike however their fields are split.
func Hash(e domain.AuditEvent) string {
	sum := sha256.Sum256(encode(e))
	return hex.EncodeToString(sum[:])
}

// encode is the canonical byte form of e without its Hash.
func encode(e domain.AuditEvent) []byte {
	fields := []string{
		hashVersion,
		strconv.FormatInt(e.Seq, 10),
		FormatTime(e.At),
		e.ActorID, e.Action, e.Resource, e.ResourceID, e.ProgrammeID, e.Addr,
		e.PrevHash,
	}
	buf := make([]byte, 0, 256)
	for _, f := range fields {
		buf = strconv.AppendInt(buf, int64(len(f)), 10)
		buf = append(buf, ':')
		buf = append(buf, f...)
		buf = append(buf, ',')
	}
	return buf
}

// FormatTime formats t as stored and hashed: UTC, TimeFormat.
func FormatTime(t time.Time) string {
	return t.UTC().Format(TimeFormat)
}

// Normalise returns t as it will read back from the store: UTC, truncated
// to the microsecond.
func Normalise(t time.Time) time.Time {
	return t.UTC().Truncate(time.Microsecond)
}
