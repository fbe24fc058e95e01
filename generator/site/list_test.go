package site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// walkDirList is what List returned when it was filepath.WalkDir: the
// order and the files list must keep.
func walkDirList(t *testing.T, dir string) []string {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".md") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// checkListing compares List, and the listing's sizes and times, with
// filepath.WalkDir and os.Stat.
func checkListing(t *testing.T, dir string) {
	t.Helper()
	got, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := walkDirList(t, dir); !slices.Equal(got, want) {
		t.Fatalf("List =\n%q\nwant\n%q", got, want)
	}
	l, err := list(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.close()
	sizes, mods, err := l.stat()
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range l.paths {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if sizes[i] != st.Size() || !mods[i].Equal(st.ModTime()) {
			t.Errorf("%s: size %d, time %v; os.Stat: %d, %v", p, sizes[i], mods[i], st.Size(), st.ModTime())
		}
	}
}

func TestList(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"b.md", "a.md", "a-b.md", "notes.txt", ".hidden.md",
		"2015/11/x.md", "2015/a.md", "2015-extra.md", "2015.md",
		".drafts/d.md", "z/.git/y.md", "z/z.md", "img/photo.jpg",
	} {
		write(t, dir, name, "---\ntitle: "+name+"\n---\n"+strings.Repeat("x", len(name)))
	}
	outside := filepath.Join(t.TempDir(), "elsewhere.md")
	write(t, filepath.Dir(outside), "elsewhere.md", "a longer file, linked in")
	if err := os.Symlink(outside, filepath.Join(dir, "linked.md")); err != nil {
		t.Fatal(err)
	}
	checkListing(t, dir)
	got, _ := List(dir)
	if len(got) != 9 {
		t.Errorf("List found %d files: %q", len(got), got)
	}
	// Named another way, the folder gives the paths filepath.Join
	// makes of that name.
	checkListing(t, dir+string(filepath.Separator)+"."+string(filepath.Separator))
}

// TestList_manyFolders: past maxOpenDirs folders, files are looked at by
// their paths, with the same results.
func TestList_manyFolders(t *testing.T) {
	dir := t.TempDir()
	for i := range maxOpenDirs + 20 {
		write(t, dir, fmt.Sprintf("f%03d/a%d.md", i, i), strings.Repeat("y", i))
	}
	checkListing(t, dir)
}

func TestList_missing(t *testing.T) {
	if _, err := List(filepath.Join(t.TempDir(), "nothing")); err == nil || !strings.Contains(err.Error(), "read content") {
		t.Errorf("got %v", err)
	}
}
