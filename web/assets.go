package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"sort"
	"strings"
)

// assetFiles holds app.css, app.js and, once `make deps` has run,
// govuk/ (copied from node_modules by scripts/assets.sh). The all: prefix
// keeps the pattern valid when govuk/ is absent, as in a fresh clone.
//
//go:embed all:assets
var assetFiles embed.FS

// assets serves the embedded files under a URL that carries a checksum of
// their content, so browsers may cache them for ever and still see a new
// release at once.
type assets struct {
	fs  fs.FS
	sum string
}

func newAssets() (*assets, error) {
	sub, err := fs.Sub(assetFiles, "assets")
	if err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	sum, err := checksum(sub)
	if err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	return &assets{fs: sub, sum: sum}, nil
}

// checksum hashes every file's path and content, in a fixed order.
func checksum(fsys fs.FS) (string, error) {
	var paths []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// URL is the checksummed address of an asset.
func (a *assets) URL(name string) string {
	return "/assets/" + a.sum + "/" + name
}

// has reports whether an asset is embedded.
func (a *assets) has(name string) bool {
	info, err := fs.Stat(a.fs, name)
	return err == nil && !info.IsDir()
}

// serve answers GET /assets/{sum}/{path...}. An old checksum or a directory
// is not found: there is no listing and nothing stale is served as new.
func (a *assets) serve(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("path")
	if r.PathValue("sum") != a.sum || strings.HasSuffix(name, "/") || !a.has(name) {
		return errNotFound
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeFileFS(w, r, a.fs, name)
	return nil
}
