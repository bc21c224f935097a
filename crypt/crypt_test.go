package crypt

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func newKeyring(t *testing.T) *Keyring {
	t.Helper()
	k, err := NewKey()
	if err != nil {
		t.Fatal(err)
	}
	return NewKeyring(k)
}

func TestSealOpenRoundTrip(t *testing.T) {
	kr := newKeyring(t)
	for _, text := range []string{"", "I told my key worker about the debt", strings.Repeat("é\U0001F600", 5000)} {
		sealed, err := kr.Seal([]byte(text), AAD(PurposeRawText, "c1"))
		if err != nil {
			t.Fatal(err)
		}
		if len(sealed) != len(text)+Overhead || !IsSealed(sealed) {
			t.Fatalf("sealed length %d for %d bytes", len(sealed), len(text))
		}
		if len(text) > 8 && bytes.Contains(sealed, []byte(text[:8])) {
			t.Fatal("plaintext visible in the sealed value")
		}
		got, err := kr.Open(sealed, AAD(PurposeRawText, "c1"))
		if err != nil || string(got) != text {
			t.Fatalf("open = %q, %v", got, err)
		}
	}
}

func TestNoncesDiffer(t *testing.T) {
	kr := newKeyring(t)
	a, _ := kr.Seal([]byte("same"), AAD(PurposeNotes, "x"))
	b, _ := kr.Seal([]byte("same"), AAD(PurposeNotes, "x"))
	if bytes.Equal(a, b) {
		t.Fatal("two seals of the same text are identical: nonce reused")
	}
}

func TestTamperAndWrongRecordRefused(t *testing.T) {
	kr := newKeyring(t)
	sealed, _ := kr.Seal([]byte("disclosure"), AAD(PurposeNotes, "n1"))
	for i := headerLen - 24; i < len(sealed); i++ { // every nonce, body and tag byte
		bad := bytes.Clone(sealed)
		bad[i] ^= 0x01
		if _, err := kr.Open(bad, AAD(PurposeNotes, "n1")); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("flipping byte %d: err = %v, want ErrCorrupt", i, err)
		}
	}
	if _, err := kr.Open(sealed, AAD(PurposeNotes, "n2")); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("moved to another record: err = %v", err)
	}
	if _, err := kr.Open(sealed, AAD(PurposeRawText, "n1")); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("moved to another column: err = %v", err)
	}
	if _, err := kr.Open([]byte("plain text"), AAD(PurposeNotes, "n1")); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("plaintext: err = %v", err)
	}
	if _, err := kr.Open(sealed[:len(sealed)-1], AAD(PurposeNotes, "n1")); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("truncated: err = %v", err)
	}
}

func TestWrongKeyRefused(t *testing.T) {
	a, b := newKeyring(t), newKeyring(t)
	sealed, _ := a.Seal([]byte("secret"), AAD(PurposeRawText, "c"))
	_, err := b.Open(sealed, AAD(PurposeRawText, "c"))
	if !errors.Is(err, ErrUnknownKey) || !strings.Contains(err.Error(), a.PrimaryID()) {
		t.Fatalf("err = %v, want ErrUnknownKey naming %s", err, a.PrimaryID())
	}
	// A key whose ID is forged to match still cannot open it.
	forged := NewKeyring(&Key{id: a.primary.id, secret: b.primary.secret})
	if _, err := forged.Open(sealed, AAD(PurposeRawText, "c")); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("forged key ID: err = %v", err)
	}
}

func TestRotation(t *testing.T) {
	old, _ := NewKey()
	neu, _ := NewKey()
	before := NewKeyring(old)
	sealed, _ := before.Seal([]byte("raw words"), AAD(PurposeRawText, "c9"))
	during := NewKeyring(neu, old)
	re, changed, err := during.Rewrap(sealed, AAD(PurposeRawText, "c9"))
	if err != nil || !changed {
		t.Fatalf("rewrap: changed=%v err=%v", changed, err)
	}
	if id, _ := KeyIDOf(re); id != neu.ID() {
		t.Fatalf("rewrapped under %s, want %s", id, neu.ID())
	}
	again, changed, err := during.Rewrap(re, AAD(PurposeRawText, "c9"))
	if err != nil || changed || !bytes.Equal(again, re) {
		t.Fatalf("second rewrap should be a no-op: changed=%v err=%v", changed, err)
	}
	after := NewKeyring(neu)
	got, err := after.Open(re, AAD(PurposeRawText, "c9"))
	if err != nil || string(got) != "raw words" {
		t.Fatalf("new key alone: %q, %v", got, err)
	}
	if _, err := after.Open(sealed, AAD(PurposeRawText, "c9")); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("old value under new keyring: %v", err)
	}
}

func TestKeyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pv.key")
	k, _ := NewKey()
	if err := WriteKeyFile(path, k); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", info.Mode().Perm())
	}
	if err := WriteKeyFile(path, k); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("overwrite: %v", err)
	}
	kr, err := LoadKeyring(path)
	if err != nil || kr.PrimaryID() != k.ID() {
		t.Fatalf("load: %v", err)
	}
	if _, err := LoadKeyring("", ""); !errors.Is(err, ErrNoKey) {
		t.Fatalf("no paths: %v", err)
	}
	bad := filepath.Join(dir, "bad.key")
	os.WriteFile(bad, []byte("-----BEGIN PRIVATE KEY-----\n"), 0o600)
	if _, err := LoadKeyFile(bad); err == nil || !strings.Contains(err.Error(), "not a peervoice key file") {
		t.Fatalf("wrong kind: %v", err)
	}
	os.WriteFile(bad, []byte(keyPrefix+"c2hvcnQ=\n"), 0o600)
	if _, err := LoadKeyFile(bad); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("short key: %v", err)
	}
}

func BenchmarkSeal1KB(b *testing.B) {
	k, _ := NewKey()
	kr := NewKeyring(k)
	text := bytes.Repeat([]byte("a"), 1024)
	b.SetBytes(1024)
	for b.Loop() {
		kr.Seal(text, AAD(PurposeRawText, "c"))
	}
}
