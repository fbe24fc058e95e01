package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// A build that remakes the site into a new destination writes a whole
// tree aside and swaps it in (see Create). A build over the site it made
// last changes that site in place: a Change compares every file it is
// given with the file already there and writes only those whose bytes
// differ, into a staging folder beside the site on the same file system;
// only when all are written does Commit remove what the new site no
// longer has and rename the new files into place. Until then the site is
// untouched, and a build that fails or is killed leaves it as it was (the
// next build removes a killed one's staging folder). Files that did not
// change are not touched at all: they keep their inode and modification
// time, which costs the file system nothing and lets deploy tools that
// compare times (rsync, S3 sync) send only what changed.

// Change is a set of changes to a built site. Put, Write, Folder and
// Remove are safe for concurrent use.
type Change struct {
	dest, stage string
	names       atomic.Int64 // staged files are named by number

	mu      sync.Mutex
	pending []pending // staged, to be renamed into place
	remove  []string  // to be removed on Commit
	made    map[string]bool
	folders []string // folders whose files not made are removed on Commit
	all     bool     // remove every file not made (Prune)
	removed int      // by Commit
}

type pending struct{ rel, staged string }

// Begin starts a change to the built site at dest, removing what killed
// builds left beside it.
func Begin(dest string) (*Change, error) {
	dest = filepath.Clean(dest)
	parent, base := filepath.Split(dest)
	if parent == "" {
		parent = "."
	}
	removeStale(parent, base)
	stage, err := os.MkdirTemp(parent, tmpPrefix(base))
	if err != nil {
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	return &Change{dest: dest, stage: stage, made: map[string]bool{}}, nil
}

// Put makes the file rel, slash-separated below the site root, hold data:
// when it does already it is left alone, and otherwise data is staged and
// put in place on Commit.
func (c *Change) Put(rel string, data []byte) error {
	if err := checkPath(rel); err != nil {
		return err
	}
	if c.same(rel, data) {
		c.mu.Lock()
		c.made[rel] = true
		c.mu.Unlock()
		return nil
	}
	return c.Write(rel, data)
}

// Write stages data for the file rel, to be put in place on Commit,
// without looking at the file there.
func (c *Change) Write(rel string, data []byte) error {
	if err := checkPath(rel); err != nil {
		return err
	}
	// Staged files lie flat, named by number: no folders to make, and
	// Commit makes in the site only the folders it lacks.
	name := strconv.FormatInt(c.names.Add(1), 36)
	if err := os.WriteFile(filepath.Join(c.stage, name), data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	c.mu.Lock()
	c.made[rel] = true
	c.pending = append(c.pending, pending{rel: rel, staged: name})
	c.mu.Unlock()
	return nil
}

// same reports whether the file rel holds exactly data already. It reads
// no more of the file than data's length and one byte.
func (c *Change) same(rel string, data []byte) bool {
	f, err := os.Open(filepath.Join(c.dest, filepath.FromSlash(rel)))
	if err != nil {
		return false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false
	}
	buf := make([]byte, len(data)+1)
	n, err := io.ReadFull(f, buf)
	return err == io.ErrUnexpectedEOF && bytes.Equal(buf[:n], data)
}

// Folder makes the folder rel hold exactly the files fill writes: each is
// put as Put does, and on Commit the folder's other files are removed.
func (c *Change) Folder(rel string, fill func(write func(name string, data []byte) error) error) error {
	rel = strings.TrimSuffix(rel, "/")
	if err := checkPath(rel); err != nil {
		return err
	}
	c.mu.Lock()
	c.folders = append(c.folders, rel)
	c.mu.Unlock()
	return fill(func(name string, data []byte) error { return c.Put(rel+"/"+name, data) })
}

// Remove removes the file (or, with a trailing slash, the folder) rel on
// Commit, and the folders it leaves empty.
func (c *Change) Remove(rel string) error {
	if err := checkPath(strings.TrimSuffix(rel, "/")); err != nil {
		return err
	}
	c.mu.Lock()
	c.remove = append(c.remove, rel)
	c.mu.Unlock()
	return nil
}

// Prune makes Commit remove every file of the site that was not Put or
// Written, and the folders left empty: the site is then exactly the
// files given.
func (c *Change) Prune() { c.all = true }

// Written returns how many files the change writes.
func (c *Change) Written() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pending)
}

// Removed returns how many files (or folders given to Remove) Commit
// removed.
func (c *Change) Removed() int { return c.removed }

// Commit removes what the new site no longer has, renames every staged
// file into place, and removes the staging folder. Removals and renames
// do not need space and seldom fail; if one does, or the build is killed
// among them, the site is left part old, part new, every file whole, and
// Commit says so.
func (c *Change) Commit() error {
	for _, rel := range c.remove {
		if err := c.removeAll(strings.TrimSuffix(rel, "/")); err != nil {
			return err
		}
	}
	prune := c.folders
	if c.all {
		prune = []string{"."}
	}
	for _, dir := range prune {
		if err := c.pruneFolder(dir); err != nil {
			return err
		}
	}
	// In path order: the same order every time.
	sort.Slice(c.pending, func(i, j int) bool { return c.pending[i].rel < c.pending[j].rel })
	madeDirs := map[string]bool{}
	for _, p := range c.pending {
		to := filepath.Join(c.dest, filepath.FromSlash(p.rel))
		if dir := filepath.Dir(to); !madeDirs[dir] {
			if err := c.mkdirs(dir); err != nil {
				return fmt.Errorf("put %s in place: %w", p.rel, err)
			}
			madeDirs[dir] = true
		}
		if err := os.Rename(filepath.Join(c.stage, p.staged), to); err != nil {
			return fmt.Errorf("put %s in place: %w", p.rel, err)
		}
	}
	c.pending = nil
	return os.RemoveAll(c.stage)
}

// removeAll removes rel from the site, and the folders it leaves empty.
func (c *Change) removeAll(rel string) error {
	p := filepath.Join(c.dest, filepath.FromSlash(rel))
	if _, err := os.Lstat(p); err != nil {
		return nil // gone already
	}
	if err := os.RemoveAll(p); err != nil {
		return err
	}
	c.removed++
	for dir := filepath.Dir(p); dir != c.dest && strings.HasPrefix(dir, c.dest+string(filepath.Separator)); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			break // not empty
		}
	}
	return nil
}

// pruneFolder removes from the site's folder rel ("." for the whole
// site) every file not made, and then the folders left empty.
func (c *Change) pruneFolder(rel string) error {
	root := filepath.Join(c.dest, filepath.FromSlash(rel))
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		r, err := filepath.Rel(c.dest, p)
		if err != nil {
			return err
		}
		if !c.made[filepath.ToSlash(r)] {
			c.removed++
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("remove what the site no longer has: %w", err)
	}
	// Deepest first; a folder that is not empty stays.
	for i := len(dirs) - 1; i >= 0; i-- {
		if dirs[i] != c.dest {
			os.Remove(dirs[i])
		}
	}
	return nil
}

// mkdirs makes the folder dir in the site and its parents. A file where
// a folder must go was not made by this build (Commit pruned it) or is
// an error.
func (c *Change) mkdirs(dir string) error {
	if st, err := os.Lstat(dir); err == nil && st.IsDir() {
		return nil
	}
	return os.MkdirAll(dir, 0o755)
}

// Abort removes the staging folder: the site is as it was.
func (c *Change) Abort() { os.RemoveAll(c.stage) }
