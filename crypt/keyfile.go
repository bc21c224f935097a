package crypt

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"golang.org/x/crypto/chacha20poly1305"
)

// keyPrefix starts every key file, so a file of the wrong kind (a TLS key,
// a password) is refused with a clear message instead of being used.
const keyPrefix = "peervoice-key-v1:"

// Encode returns the key file text for k: one line, prefix then base64.
func (k *Key) Encode() string {
	return keyPrefix + base64.StdEncoding.EncodeToString(k.secret[:]) + "\n"
}

// ParseKey reads a key from key file text.
func ParseKey(text string) (*Key, error) {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, keyPrefix) {
		return nil, errors.New("crypt: not a peervoice key file (it should start with " + keyPrefix + "); make one with 'peervoice key generate'")
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(text, keyPrefix))
	if err != nil || len(raw) != chacha20poly1305.KeySize {
		return nil, errors.New("crypt: the key in the key file is damaged: it should be 32 bytes in base64")
	}
	var secret [chacha20poly1305.KeySize]byte
	copy(secret[:], raw)
	return keyFrom(secret), nil
}

// LoadKeyFile reads a key from a file, as named by key_file or
// PEERVOICE_KEY_FILE.
func LoadKeyFile(path string) (*Key, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("crypt: read key file: %w", err)
	}
	k, err := ParseKey(string(b))
	if err != nil {
		return nil, fmt.Errorf("%w (%s)", err, path)
	}
	return k, nil
}

// WriteKeyFile writes k to a new file readable by its owner only. It
// refuses to overwrite an existing file: losing a key loses the data.
func WriteKeyFile(path string, k *Key) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("crypt: %s already exists; a key file is never overwritten, choose another name", path)
	}
	if err != nil {
		return fmt.Errorf("crypt: create key file: %w", err)
	}
	if _, err := f.WriteString(k.Encode()); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("crypt: write key file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("crypt: sync key file: %w", err)
	}
	return f.Close()
}

// LoadKeyring builds a keyring from key files: the first seals, all open.
// With no paths it returns ErrNoKey, which callers treat as "raw text is
// not kept".
func LoadKeyring(paths ...string) (*Keyring, error) {
	var keys []*Key
	for _, p := range paths {
		if p == "" {
			continue
		}
		k, err := LoadKeyFile(p)
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, ErrNoKey
	}
	return NewKeyring(keys[0], keys[1:]...), nil
}

// ErrNoKey means no key file is configured. The server then keeps redacted
// text only and refuses anything that would need encrypting.
var ErrNoKey = errors.New("crypt: no key file is configured (set key_file or PEERVOICE_KEY_FILE)")
