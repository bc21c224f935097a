package main

import (
	"context"
	"errors"
	"fmt"

	"peervoice/crypt"
)

func init() {
	register("key", "encryption key: key generate --out FILE | key rotate --old FILE --new FILE", runKey)
}

func runKey(ctx context.Context, app *App, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "generate":
			return app.keyGenerate(args[1:])
		case "rotate":
			return app.keyRotate(ctx, args[1:])
		}
	}
	return fmt.Errorf("%w: peervoice key generate --out FILE, or peervoice key rotate --old FILE --new FILE", errUsage)
}

func (app *App) keyGenerate(args []string) error {
	fs := app.newFlags("key generate")
	out := fs.String("out", "", "file to write the new key to (created with mode 0600; never overwritten)")
	if pos, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *out == "" {
		return fmt.Errorf("%w: peervoice key generate --out FILE", errUsage)
	}
	k, err := crypt.NewKey()
	if err != nil {
		return err
	}
	if err := crypt.WriteKeyFile(*out, k); err != nil {
		return err
	}
	fmt.Fprintf(app.Stdout, "Wrote key %s to %s (readable by you only).\n"+
		"Use it with key_file = %q in peervoice.toml, or PEERVOICE_KEY_FILE=%s.\n"+
		"Keep a copy somewhere safe and apart from the database backups: without it, raw text and safeguarding notes cannot be read.\n",
		k.ID(), *out, *out, *out)
	return nil
}

// keyRotate re-encrypts every encrypted value under the new key in one
// transaction. Run it again after a failure or to check: values already
// under the new key are left alone.
func (app *App) keyRotate(ctx context.Context, args []string) error {
	fs := app.newFlags("key rotate")
	oldPath := fs.String("old", "", "the key file in use now")
	newPath := fs.String("new", "", "the key file to move to (make it with key generate)")
	if pos, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *oldPath == "" || *newPath == "" {
		return fmt.Errorf("%w: peervoice key rotate --old FILE --new FILE", errUsage)
	}
	kr, err := crypt.LoadKeyring(*newPath, *oldPath)
	if err != nil {
		return err
	}
	db, err := app.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	changed, unchanged, err := db.Rewrap(ctx, kr.Rewrap)
	if errors.Is(err, crypt.ErrUnknownKey) {
		return fmt.Errorf("%w. Nothing was changed: give the key that value was encrypted with as --old", err)
	}
	if err != nil {
		return fmt.Errorf("key rotate: nothing was changed: %w", err)
	}
	fmt.Fprintf(app.Stdout, "Re-encrypted %d values under key %s; %d were already under it.\n"+
		"Now point key_file (or PEERVOICE_KEY_FILE) at %s and restart the server. Keep %s until backups made before today have expired.\n",
		changed, kr.PrimaryID(), unchanged, *newPath, *oldPath)
	return nil
}

// keyring loads the configured key, or returns nil when none is configured:
// then raw text is not kept and safeguarding notes cannot be written.
func (app *App) keyring() (*crypt.Keyring, error) {
	if app.Config.KeyFile == "" {
		return nil, nil
	}
	return crypt.LoadKeyring(app.Config.KeyFile)
}
