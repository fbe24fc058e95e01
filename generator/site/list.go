package site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gazette/generator/internal/parallel"
)

// listing is the article files below a content folder, in List's order,
// with the folders they are in kept open, so that each file can be
// looked at by its name in its folder rather than by its whole path:
// at 100,000 articles that halves the time taken to stat them all.
type listing struct {
	paths []string
	rel   []string // each file's path below the folder listed
	in    []int    // each file's folder, an index into dirs
	dirs  []*os.File
}

// maxOpenDirs bounds the folders a listing keeps open; the files of
// folders past it are looked at by their paths.
const maxOpenDirs = 256

// list lists the article files below dir: every file whose name ends in
// .md, folder by folder in lexical order, skipping hidden files and
// folders. close must be called on the result.
func list(dir string) (*listing, error) {
	l := &listing{}
	if err := l.walk(filepath.Clean(dir), ""); err != nil {
		l.close()
		return nil, fmt.Errorf("read content: %w", err)
	}
	return l, nil
}

// walk lists dir, a clean path, which is the folder rel below the one
// listed.
func (l *listing) walk(dir, rel string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	entries, err := f.ReadDir(-1)
	if err != nil {
		f.Close()
		return err
	}
	in := len(l.dirs)
	if in < maxOpenDirs {
		l.dirs = append(l.dirs, f)
	} else {
		f.Close()
		in = -1
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	l.paths = slices.Grow(l.paths, len(entries))
	l.rel = slices.Grow(l.rel, len(entries))
	l.in = slices.Grow(l.in, len(entries))
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."):
		case e.IsDir():
			if err := l.walk(join(dir, name), join(rel, name)); err != nil {
				return err
			}
		case strings.HasSuffix(name, ".md"):
			l.paths = append(l.paths, join(dir, name))
			l.rel = append(l.rel, join(rel, name))
			l.in = append(l.in, in)
		}
	}
	return nil
}

// join is filepath.Join of a clean path (or "") and a name read from a
// folder, which has no separator and is not . or ..: the two side by
// side, with no work to clean them.
func join(dir, name string) string {
	switch {
	case dir == "":
		return name
	case os.IsPathSeparator(dir[len(dir)-1]): // the root
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}

// stat returns the size and modification time of each file, looked at
// on every core.
func (l *listing) stat() (sizes []int64, mods []time.Time, err error) {
	sizes, mods = make([]int64, len(l.paths)), make([]time.Time, len(l.paths))
	_, err = parallel.Ranges(len(l.paths), func(_, lo, hi int) error {
		for i := lo; i < hi; i++ {
			var err error
			if d := l.in[i]; d >= 0 {
				sizes[i], mods[i], err = statAt(l.dirs[d], filepath.Base(l.rel[i]))
			} else {
				var st os.FileInfo
				if st, err = os.Stat(l.paths[i]); err == nil {
					sizes[i], mods[i] = st.Size(), st.ModTime()
				}
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	return sizes, mods, err
}

func (l *listing) close() {
	for _, f := range l.dirs {
		f.Close()
	}
	l.dirs = nil
}

// List returns the article files below dir in lexical order, skipping
// hidden files and folders.
func List(dir string) ([]string, error) {
	l, err := list(dir)
	if err != nil {
		return nil, err
	}
	l.close()
	return l.paths, nil
}
