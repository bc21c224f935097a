// Package crypt encrypts data at rest: the raw (pre-review) text of
// contributions and the notes of safeguarding concerns. It uses
// XChaCha20-Poly1305 with a random 24-byte nonce per record, so nonces never
// need coordinating between servers or field laptops, and binds each
// ciphertext to the record it belongs to through the associated data, so a
// value copied into another row does not decrypt. See
// docs/decisions/0004-encryption-at-rest.md.
//
// A sealed value is laid out as
//
//	magic "pv" | version 1 | key ID (4 bytes) | nonce (24 bytes) | ciphertext+tag
//
// The key ID says which key sealed it, so a keyring holding the new and the
// old key reads both while a rotation is under way.
package crypt

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// Layout of a sealed value.
const (
	version   = 1
	idLen     = 4
	headerLen = 2 + 1 + idLen + chacha20poly1305.NonceSizeX
	// Overhead is how many bytes sealing adds to a plaintext.
	Overhead = headerLen + chacha20poly1305.Overhead
)

var magic = []byte("pv")

// Purposes name what a sealed value is; with the record ID they form its
// associated data, so a ciphertext only opens in the row it was made for.
const (
	PurposeRawText = "contributions.raw_text"
	PurposeNotes   = "safeguarding_concerns.notes"
)

// AAD returns the associated data for one record's encrypted column.
func AAD(purpose, recordID string) []byte {
	return []byte(purpose + "/" + recordID)
}

// Errors a caller may want to tell apart.
var (
	// ErrUnknownKey means the value was sealed with a key the keyring lacks.
	ErrUnknownKey = errors.New("crypt: sealed with a key this keyring does not hold")
	// ErrCorrupt means the value is not a sealed value, was changed, or was
	// moved from another record.
	ErrCorrupt = errors.New("crypt: value is corrupt, tampered with or belongs to another record")
)

// IsSealed reports whether b has the layout of a sealed value. It does not
// authenticate it; the store uses it to refuse plaintext.
func IsSealed(b []byte) bool {
	return len(b) >= Overhead && bytes.Equal(b[:2], magic) && b[2] == version
}

// KeyIDOf returns the hex ID of the key that sealed b.
func KeyIDOf(b []byte) (string, error) {
	if !IsSealed(b) {
		return "", ErrCorrupt
	}
	return hex.EncodeToString(b[3 : 3+idLen]), nil
}

// Key is one 256-bit symmetric key and its derived ID.
type Key struct {
	id     [idLen]byte
	secret [chacha20poly1305.KeySize]byte
}

// NewKey makes a fresh random key.
func NewKey() (*Key, error) {
	var secret [chacha20poly1305.KeySize]byte
	if _, err := rand.Read(secret[:]); err != nil {
		return nil, fmt.Errorf("crypt: new key: %w", err)
	}
	return keyFrom(secret), nil
}

// keyFrom derives the key ID from the secret with a domain-separated hash,
// so the ID needs no storage of its own and reveals nothing useful.
func keyFrom(secret [chacha20poly1305.KeySize]byte) *Key {
	k := &Key{secret: secret}
	sum := sha256.Sum256(append([]byte("peervoice key id\x00"), secret[:]...))
	copy(k.id[:], sum[:idLen])
	return k
}

// ID returns the key's ID in hex, as stored in every value it seals.
func (k *Key) ID() string { return hex.EncodeToString(k.id[:]) }

// Keyring seals with its primary key and opens with any key it holds.
type Keyring struct {
	primary *Key
	byID    map[[idLen]byte]*Key
}

// NewKeyring makes a keyring that seals with primary and can also open
// values sealed with the older keys.
func NewKeyring(primary *Key, older ...*Key) *Keyring {
	kr := &Keyring{primary: primary, byID: map[[idLen]byte]*Key{primary.id: primary}}
	for _, k := range older {
		if _, ok := kr.byID[k.id]; !ok {
			kr.byID[k.id] = k
		}
	}
	return kr
}

// PrimaryID returns the ID of the key new values are sealed with.
func (kr *Keyring) PrimaryID() string { return kr.primary.ID() }

// Seal encrypts plaintext for the record named by aad.
func (kr *Keyring) Seal(plaintext, aad []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(kr.primary.secret[:])
	if err != nil {
		return nil, fmt.Errorf("crypt: seal: %w", err)
	}
	out := make([]byte, headerLen, headerLen+len(plaintext)+chacha20poly1305.Overhead)
	copy(out, magic)
	out[2] = version
	copy(out[3:], kr.primary.id[:])
	if _, err := rand.Read(out[3+idLen : headerLen]); err != nil {
		return nil, fmt.Errorf("crypt: nonce: %w", err)
	}
	return aead.Seal(out, out[3+idLen:headerLen], plaintext, aad), nil
}

// Open decrypts a sealed value made for the record named by aad.
func (kr *Keyring) Open(sealed, aad []byte) ([]byte, error) {
	if !IsSealed(sealed) {
		return nil, ErrCorrupt
	}
	var id [idLen]byte
	copy(id[:], sealed[3:3+idLen])
	k, ok := kr.byID[id]
	if !ok {
		return nil, fmt.Errorf("%w (key %s)", ErrUnknownKey, hex.EncodeToString(id[:]))
	}
	aead, err := chacha20poly1305.NewX(k.secret[:])
	if err != nil {
		return nil, fmt.Errorf("crypt: open: %w", err)
	}
	plain, err := aead.Open(nil, sealed[3+idLen:headerLen], sealed[headerLen:], aad)
	if err != nil {
		return nil, ErrCorrupt
	}
	return plain, nil
}

// Rewrap re-seals a value under the primary key. A value already under the
// primary key is returned unchanged with changed false, which makes a
// rotation that is run twice, or resumed, do no extra work.
func (kr *Keyring) Rewrap(sealed, aad []byte) (out []byte, changed bool, err error) {
	id, err := KeyIDOf(sealed)
	if err != nil {
		return nil, false, err
	}
	if id == kr.primary.ID() {
		if _, err := kr.Open(sealed, aad); err != nil {
			return nil, false, err
		}
		return sealed, false, nil
	}
	plain, err := kr.Open(sealed, aad)
	if err != nil {
		return nil, false, err
	}
	out, err = kr.Seal(plain, aad)
	return out, err == nil, err
}
