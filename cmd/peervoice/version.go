package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func init() {
	register("version", "print the version", func(ctx context.Context, app *App, args []string) error {
		fs := app.newFlags("version")
		if _, err := parseFlags(fs, args); err != nil {
			return err
		}
		rev := ""
		if info, ok := debug.ReadBuildInfo(); ok {
			for _, s := range info.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					rev = " (" + s.Value[:12] + ")"
				}
			}
		}
		_, err := fmt.Fprintf(app.Stdout, "peervoice %s%s\n", version, rev)
		return err
	})
}
