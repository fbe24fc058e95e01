package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// An incremental build changes a built site in place. A Change writes
// every new file (and folder) under a temporary name beside the one it
// replaces; only when all are written does Commit rename them into place
// and remove the files no longer made. A build that fails before Commit
// leaves the site as it was. (A whole build is still written aside and
// swapped in: see Create.)

// Change is a set of changes to a built site. Write, Folder and Remove
// are safe for concurrent use.
type Change struct {
	dest string

	mu      sync.Mutex
	pending []pending // written, to be renamed into place
	remove  []string  // to be removed on Commit
	made    []string  // folders made for new files, removed on Abort if empty
}

type pending struct {
	tmp, final string
	folder     bool
}

// Begin starts a change to the built site at dest.
func Begin(dest string) *Change { return &Change{dest: filepath.Clean(dest)} }

// path returns where rel is below the site root.
func (c *Change) path(rel string) (string, error) {
	if err := checkPath(rel); err != nil {
		return "", err
	}
	return filepath.Join(c.dest, filepath.FromSlash(rel)), nil
}

// mkdir makes the folder dir and its parents, remembering those it made.
func (c *Change) mkdir(dir string) error {
	var made []string
	for d := dir; d != c.dest && len(d) > len(c.dest); d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		}
		made = append(made, d)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	c.mu.Lock()
	c.made = append(c.made, made...)
	c.mu.Unlock()
	return nil
}

// Write writes data for the file rel, slash-separated below the site
// root, to a temporary file beside it.
func (c *Change) Write(rel string, data []byte) error {
	p, err := c.path(rel)
	if err != nil {
		return err
	}
	if err := c.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".gazette-tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", rel, err)
	}
	c.mu.Lock()
	c.pending = append(c.pending, pending{tmp: f.Name(), final: p})
	c.mu.Unlock()
	return nil
}

// Folder makes the folder rel anew: fill writes its files into a
// temporary folder beside it, which takes the old one's place on Commit.
func (c *Change) Folder(rel string, fill func(write func(name string, data []byte) error) error) error {
	p, err := c.path(strings.TrimSuffix(rel, "/"))
	if err != nil {
		return err
	}
	if err := c.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(p), ".gazette-tmp-*")
	if err == nil {
		err = os.Chmod(tmp, 0o755)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return err
	}
	err = fill(func(name string, data []byte) error {
		if err := checkPath(name); err != nil {
			return err
		}
		q := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(q), 0o755); err != nil {
			return err
		}
		return os.WriteFile(q, data, 0o644)
	})
	if err != nil {
		os.RemoveAll(tmp)
		return err
	}
	c.mu.Lock()
	c.pending = append(c.pending, pending{tmp: tmp, final: p, folder: true})
	c.mu.Unlock()
	return nil
}

// Remove removes the file (or, with a trailing slash, the folder) rel on
// Commit, and the folders it leaves empty.
func (c *Change) Remove(rel string) error {
	if _, err := c.path(strings.TrimSuffix(rel, "/")); err != nil {
		return err
	}
	c.mu.Lock()
	c.remove = append(c.remove, rel)
	c.mu.Unlock()
	return nil
}

// Same reports whether the file rel holds exactly data already.
func (c *Change) Same(rel string, data []byte) bool {
	p, err := c.path(rel)
	if err != nil {
		return false
	}
	old, err := os.ReadFile(p)
	return err == nil && string(old) == string(data)
}

// Written returns how many files and folders the change writes.
func (c *Change) Written() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pending)
}

// Commit renames every written file and folder into place, then removes
// what Remove named. Renames do not need space and seldom fail; if one
// does, the site is left part old, part new, and Commit says so.
func (c *Change) Commit() error {
	for i, p := range c.pending {
		var err error
		if _, serr := os.Lstat(p.final); p.folder && serr == nil {
			if err = exchange(p.tmp, p.final); err == nil {
				err = os.RemoveAll(p.tmp) // now the old folder
			}
		} else {
			err = os.Rename(p.tmp, p.final)
		}
		if err != nil {
			c.pending = c.pending[i:]
			c.Abort()
			return fmt.Errorf("put %s in place: %w", p.final, err)
		}
	}
	c.pending = nil
	for _, rel := range c.remove {
		p := filepath.Join(c.dest, filepath.FromSlash(strings.TrimSuffix(rel, "/")))
		if err := os.RemoveAll(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		for dir := filepath.Dir(p); dir != c.dest && strings.HasPrefix(dir, c.dest+string(filepath.Separator)); dir = filepath.Dir(dir) {
			if os.Remove(dir) != nil {
				break // not empty
			}
		}
	}
	return nil
}

// Abort removes what the change wrote and the folders it made for it,
// leaving the site as it was.
func (c *Change) Abort() {
	for _, p := range c.pending {
		os.RemoveAll(p.tmp)
	}
	c.pending = nil
	// Deepest first, so that a folder's new subfolders go before it.
	sort.Slice(c.made, func(i, j int) bool { return len(c.made[i]) > len(c.made[j]) })
	for _, d := range c.made {
		os.Remove(d) // only if empty
	}
	c.made = nil
}
