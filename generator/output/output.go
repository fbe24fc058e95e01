// Package output is the only code that writes a built site. A new site
// (Dir) is written into a fresh folder beside the destination and swapped
// in only when the build is complete, so that a failed or killed build
// never leaves a half-written site: the destination holds the old site or
// the new one, whole. A change to a built site (Change) stages the files
// whose bytes differ beside it and renames them into place at the end.
package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"gazette/generator/lock"
)

// Errors a Dir returns for paths it will not write.
var (
	ErrWrittenTwice = errors.New("output path already written")
	ErrBadPath      = errors.New("output path not allowed")
)

// maxName is the longest file or folder name most file systems accept.
const maxName = 255

// Dir is a site being written. Its methods are safe for concurrent use.
type Dir struct {
	dest string // the destination, replaced on Commit
	tmp  string // where the new site is written

	// Discard, when set, disposes of the old site after Commit, given
	// its folder (a hidden one beside the destination, which the next
	// Create removes if it is still there); by default Commit removes it.
	Discard func(dir string) error

	mu      sync.Mutex
	written map[string]bool
	dirs    map[string]bool
}

// Create starts a new site for dest in a temporary folder beside it, on the
// same file system so that Commit can rename it into place. Temporary
// folders left by builds that were killed are removed first.
func Create(dest string) (*Dir, error) {
	dest = filepath.Clean(dest)
	parent, base := filepath.Split(dest)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	if st, err := os.Stat(dest); err == nil && !st.IsDir() {
		return nil, fmt.Errorf("output %s: exists and is not a folder", dest)
	}
	removeStale(parent, base)
	tmp, err := os.MkdirTemp(parent, tmpPrefix(base))
	if err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Dir{dest: dest, tmp: tmp, written: map[string]bool{}, dirs: map[string]bool{".": true}}, nil
}

func tmpPrefix(base string) string { return ".gazette-" + base + "-" }

// removeStale removes the folders that builds killed before they finished
// left beside the destination base in parent. A folder whose lock is held
// (lock.Folder) is an old site that a process of its own is removing
// (Discard): it is left to it, rather than deleted here alongside it,
// which made a build started right after a whole build of a big site
// wait for that whole deletion.
func removeStale(parent, base string) {
	stale, _ := filepath.Glob(filepath.Join(parent, tmpPrefix(base)+"*"))
	for _, s := range stale {
		held, err := lock.Folder(s)
		if errors.Is(err, lock.ErrHeld) {
			continue
		}
		os.RemoveAll(s)
		held.Close()
	}
}

// Path returns where Dir writes the file rel while the build runs.
func (d *Dir) Path(rel string) string { return filepath.Join(d.tmp, filepath.FromSlash(rel)) }

// Write writes data to the slash-separated path rel below the site root. It
// refuses a path that leaves the site, has a name a file system would
// refuse, or was already written by this build.
func (d *Dir) Write(rel string, data []byte) error {
	if err := checkPath(rel); err != nil {
		return err
	}
	d.mu.Lock()
	if d.written[rel] {
		d.mu.Unlock()
		return fmt.Errorf("%s: %w", rel, ErrWrittenTwice)
	}
	d.written[rel] = true
	dir := pathDir(rel)
	haveDir := d.dirs[dir]
	d.mu.Unlock()
	p := d.Path(rel)
	if !haveDir {
		// Two writers may both create the folder; MkdirAll allows that.
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		d.mu.Lock()
		d.dirs[dir] = true
		d.mu.Unlock()
	}
	return os.WriteFile(p, data, 0o644)
}

func pathDir(rel string) string {
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		return rel[:i]
	}
	return "."
}

// checkPath accepts a clean, relative, slash-separated path whose every
// name is short enough and holds no NUL, backslash or colon.
func checkPath(rel string) error {
	if rel == "" || strings.HasPrefix(rel, "/") || strings.HasSuffix(rel, "/") {
		return fmt.Errorf("%q: %w", rel, ErrBadPath)
	}
	for _, name := range strings.Split(rel, "/") {
		if name == "" || name == "." || name == ".." || len(name) > maxName || strings.ContainsAny(name, "\x00\\:") {
			return fmt.Errorf("%q: %w", rel, ErrBadPath)
		}
	}
	return nil
}

// Count returns how many files have been written.
func (d *Dir) Count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.written)
}

// Commit puts the new site in place of the old one, atomically where the
// system can exchange two folders, and removes the old one (see Discard).
func (d *Dir) Commit() error {
	if _, err := os.Lstat(d.dest); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(d.tmp, d.dest); err != nil {
			return fmt.Errorf("commit output: %w", err)
		}
		return nil
	}
	if err := exchange(d.tmp, d.dest); err != nil {
		return fmt.Errorf("commit output: %w", err)
	}
	// d.tmp now holds the old site.
	discard := d.Discard
	if discard == nil {
		discard = os.RemoveAll
	}
	if err := discard(d.tmp); err != nil {
		return fmt.Errorf("remove old output: %w", err)
	}
	return nil
}

// Leftover reports whether dir is a folder Commit leaves for Discard:
// only such a folder may be removed on Discard's behalf.
func Leftover(dir string) bool { return strings.HasPrefix(filepath.Base(dir), ".gazette-") }

// Abort removes the unfinished site; the destination is untouched.
func (d *Dir) Abort() error { return os.RemoveAll(d.tmp) }
