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
// every new file (and folder) into a staging folder beside the site, on
// the same file system; only when all are written does Commit rename
// them into place and remove the files no longer made. Until then the
// site is untouched, and a build that fails or is killed leaves it as it
// was (the next build removes a killed one's staging folder). (A whole
// build is written aside and swapped in whole: see Create.)

// Change is a set of changes to a built site. Write, Folder and Remove
// are safe for concurrent use.
type Change struct {
	dest, stage string

	mu      sync.Mutex
	pending []pending // written, to be renamed into place
	remove  []string  // to be removed on Commit
}

type pending struct {
	rel    string
	folder bool
}

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
	return &Change{dest: dest, stage: stage}, nil
}

// staged returns where rel is written before Commit.
func (c *Change) staged(rel string) (string, error) {
	if err := checkPath(rel); err != nil {
		return "", err
	}
	return filepath.Join(c.stage, filepath.FromSlash(rel)), nil
}

// Write writes data for the file rel, slash-separated below the site
// root, into the staging folder.
func (c *Change) Write(rel string, data []byte) error {
	p, err := c.staged(rel)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	c.mu.Lock()
	c.pending = append(c.pending, pending{rel: rel})
	c.mu.Unlock()
	return nil
}

// Folder makes the folder rel anew: fill writes its files into the
// staging folder, and the new folder takes the old one's place on Commit.
func (c *Change) Folder(rel string, fill func(write func(name string, data []byte) error) error) error {
	rel = strings.TrimSuffix(rel, "/")
	p, err := c.staged(rel)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(p, 0o755); err != nil {
		return err
	}
	err = fill(func(name string, data []byte) error {
		if err := checkPath(name); err != nil {
			return err
		}
		q := filepath.Join(p, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(q), 0o755); err != nil {
			return err
		}
		return os.WriteFile(q, data, 0o644)
	})
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.pending = append(c.pending, pending{rel: rel, folder: true})
	c.mu.Unlock()
	return nil
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

// Same reports whether the file rel holds exactly data already.
func (c *Change) Same(rel string, data []byte) bool {
	if checkPath(rel) != nil {
		return false
	}
	old, err := os.ReadFile(filepath.Join(c.dest, filepath.FromSlash(rel)))
	return err == nil && string(old) == string(data)
}

// Written returns how many files and folders the change writes.
func (c *Change) Written() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pending)
}

// Commit renames every written file and folder into place, then removes
// what Remove named and the staging folder. Renames do not need space and
// seldom fail; if one does, or the build is killed among them, the site is
// left part old, part new, every file whole, and Commit says so.
func (c *Change) Commit() error {
	// Folders first, then files in path order: the same order every time.
	sort.Slice(c.pending, func(i, j int) bool {
		if c.pending[i].folder != c.pending[j].folder {
			return c.pending[i].folder
		}
		return c.pending[i].rel < c.pending[j].rel
	})
	for _, p := range c.pending {
		from := filepath.Join(c.stage, filepath.FromSlash(p.rel))
		to := filepath.Join(c.dest, filepath.FromSlash(p.rel))
		if err := c.mkdirs(filepath.Dir(to)); err != nil {
			return fmt.Errorf("put %s in place: %w", p.rel, err)
		}
		var err error
		if _, serr := os.Lstat(to); p.folder && serr == nil {
			err = exchange(from, to) // the old folder goes to the staging folder
		} else {
			err = os.Rename(from, to)
		}
		if err != nil {
			return fmt.Errorf("put %s in place: %w", p.rel, err)
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
	return os.RemoveAll(c.stage)
}

// mkdirs makes the folder dir in the site and its parents.
func (c *Change) mkdirs(dir string) error {
	if _, err := os.Lstat(dir); err == nil {
		return nil
	}
	return os.MkdirAll(dir, 0o755)
}

// Abort removes the staging folder: the site is as it was.
func (c *Change) Abort() { os.RemoveAll(c.stage) }
