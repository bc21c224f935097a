package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peervoice/crypt"
	"peervoice/domain"
	"peervoice/store"
)

func TestKeyGenerateAndRotate(t *testing.T) {
	f := newPrivacyFixture(t, "")
	dir := t.TempDir()
	oldPath, newPath := filepath.Join(dir, "old.key"), filepath.Join(dir, "new.key")
	for _, p := range []string{oldPath, newPath} {
		c, out, errOut := run(t, nil, "key", "generate", "--out", p)
		if c != 0 || !strings.Contains(out, "Wrote key ") {
			t.Fatalf("generate: %d %q %q", c, out, errOut)
		}
		if info, err := os.Stat(p); err != nil || info.Mode().Perm() != 0o600 {
			t.Fatalf("key file mode: %v %v", info, err)
		}
	}
	if c, _, errOut := run(t, nil, "key", "generate", "--out", oldPath); c != 1 || !strings.Contains(errOut, "never overwritten") {
		t.Fatalf("overwrite: %d %s", c, errOut)
	}
	if c, _, _ := run(t, nil, "key", "generate"); c != 2 {
		t.Fatalf("generate without --out: exit %d", c)
	}

	// Seal a raw text under the old key, then rotate twice.
	oldKey, err := crypt.LoadKeyFile(oldPath)
	mustOK(t, err)
	newKey, err := crypt.LoadKeyFile(newPath)
	mustOK(t, err)
	id := sealFirstContribution(t, f, crypt.NewKeyring(oldKey))
	c, out, errOut := run(t, nil, "--db", f.db, "key", "rotate", "--old", oldPath, "--new", newPath)
	if c != 0 || !strings.Contains(out, "Re-encrypted 1 values under key "+newKey.ID()) {
		t.Fatalf("rotate: %d %q %q", c, out, errOut)
	}
	c, out, _ = run(t, nil, "--db", f.db, "key", "rotate", "--old", oldPath, "--new", newPath)
	if c != 0 || !strings.Contains(out, "Re-encrypted 0 values") || !strings.Contains(out, "1 were already under it") {
		t.Fatalf("second rotate: %d %q", c, out)
	}
	sealed := rawTextOf(t, f.db, id)
	if _, err := crypt.NewKeyring(newKey).Open(sealed, crypt.AAD(crypt.PurposeRawText, id)); err != nil {
		t.Fatalf("after rotation the new key alone cannot read it: %v", err)
	}
	// Rotating back with the wrong old key changes nothing.
	third := filepath.Join(dir, "third.key")
	run(t, nil, "key", "generate", "--out", third)
	c, _, errOut = run(t, nil, "--db", f.db, "key", "rotate", "--old", oldPath, "--new", third)
	if c != 1 || !strings.Contains(errOut, "Nothing was changed") {
		t.Fatalf("wrong old key: %d %q", c, errOut)
	}
}

func sealFirstContribution(t *testing.T, f privacyFixture, kr *crypt.Keyring) string {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, f.db)
	mustOK(t, err)
	defer st.Close()
	cs, err := st.Contributions(ctx, domain.ContributionFilter{ProgrammeID: f.prog.ID})
	mustOK(t, err)
	sealed, err := kr.Seal([]byte("raw words"), crypt.AAD(crypt.PurposeRawText, cs[0].ID))
	mustOK(t, err)
	mustOK(t, st.SetRawText(ctx, cs[0].ID, sealed))
	return cs[0].ID
}

func rawTextOf(t *testing.T, db, id string) []byte {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	mustOK(t, err)
	defer st.Close()
	b, err := st.RawText(context.Background(), id)
	mustOK(t, err)
	return b
}
