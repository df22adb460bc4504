package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// copyPublic copies public/ under fixed names. It may not shadow what the
// build writes: the pages are rendered (index.html, NAME/index.html), and
// assets/ holds hashed files that are cached forever.
func (b *builder) copyPublic() error {
	public := filepath.Join(b.opts.Web, "public")
	for _, reserved := range append([]string{AssetsDir, ManifestName}, b.pages...) {
		if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(reserved))); err == nil {
			return fmt.Errorf("%s: public/ may not contain %s, which the build writes", filepath.Join(public, reserved), reserved)
		}
	}
	if err := copyTree(public, b.opts.Out); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

func mustRel(base, target string) string {
	rel, err := filepath.Rel(base, target)
	if err != nil {
		return target
	}
	return rel
}

func copyTree(src, dst string) error {
	if _, err := os.Stat(src); err != nil {
		return err
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dst, mustRel(src, p))
		if strings.HasPrefix(d.Name(), ".") && p != src {
			// Dotfiles (.DS_Store, .env, .git) never ship.
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
