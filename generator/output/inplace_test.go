package output

import (
	"os"
	"path/filepath"
	"testing"
)

// tree writes files (slash-separated name: content) below dir.
func tree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// list returns the files below dir, as tree takes them, and its folders.
func list(t *testing.T, dir string) (map[string]string, []string) {
	t.Helper()
	files := map[string]string{}
	var dirs []string
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if fi.IsDir() {
			dirs = append(dirs, filepath.ToSlash(rel))
			return nil
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, dirs
}

func TestChange_put(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	tree(t, dest, map[string]string{"same.html": "same", "new.html": "old", "longer.html": "abc", "a/gone.html": "x"})
	sameInfo, _ := os.Stat(filepath.Join(dest, "same.html"))
	c, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"same.html": "same", "new.html": "new", "longer.html": "abcd", "b/c/added.html": "added"} {
		if err := c.Put(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Put("../out", nil); err == nil {
		t.Error("Put accepted a path out of the site")
	}
	if got := c.Written(); got != 3 {
		t.Errorf("Written() = %d, want 3 (not same.html)", got)
	}
	if got, _ := list(t, dest); got["new.html"] != "old" || got["b/c/added.html"] != "" {
		t.Fatalf("the site changed before Commit: %v", got)
	}
	if err := c.Remove("a/gone.html"); err != nil {
		t.Fatal(err)
	}
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	got, dirs := list(t, dest)
	want := map[string]string{"same.html": "same", "new.html": "new", "longer.html": "abcd", "b/c/added.html": "added"}
	if len(got) != len(want) {
		t.Errorf("files %v, want %v", got, want)
	}
	for name, data := range want {
		if got[name] != data {
			t.Errorf("%s = %q, want %q", name, got[name], data)
		}
	}
	for _, d := range dirs {
		if d == "a" {
			t.Error("the folder a/, left empty, was not removed")
		}
	}
	if fi, _ := os.Stat(filepath.Join(dest, "same.html")); !os.SameFile(fi, sameInfo) || !fi.ModTime().Equal(sameInfo.ModTime()) {
		t.Error("same.html was written again")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".gazette-*")); len(left) > 0 {
		t.Errorf("staging left: %v", left)
	}
}

func TestChange_prune(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	tree(t, dest, map[string]string{
		"index.html": "home", "stray.txt": "x", "deep/er/stray.html": "x",
		"search/index/a.bin": "a", "search/index/old.bin": "old",
		// A folder where the new site has a file.
		"clash/x.html": "x",
	})
	c, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	c.Put("index.html", []byte("home"))
	c.Put("clash", []byte("now a file"))
	err = c.Folder("search/index/", func(write func(string, []byte) error) error {
		return write("a.bin", []byte("a"))
	})
	if err != nil {
		t.Fatal(err)
	}
	c.Prune()
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	got, dirs := list(t, dest)
	want := map[string]string{"index.html": "home", "clash": "now a file", "search/index/a.bin": "a"}
	if len(got) != len(want) {
		t.Errorf("files %v, want %v", got, want)
	}
	for name, data := range want {
		if got[name] != data {
			t.Errorf("%s = %q, want %q", name, got[name], data)
		}
	}
	if c.Removed() != 4 {
		t.Errorf("Removed() = %d, want 4", c.Removed())
	}
	for _, d := range dirs {
		if d == "deep" || d == "deep/er" {
			t.Errorf("empty folder %s left", d)
		}
	}
}

func TestChange_folderPrunesOnlyItself(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	tree(t, dest, map[string]string{"keep.html": "k", "search/index/old.bin": "old"})
	c, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	c.Folder("search/index/", func(write func(string, []byte) error) error {
		return write("new.bin", []byte("n"))
	})
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	got, _ := list(t, dest)
	if len(got) != 2 || got["keep.html"] != "k" || got["search/index/new.bin"] != "n" {
		t.Errorf("files %v, want keep.html and the new index only", got)
	}
}

func TestChange_abort(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	tree(t, dest, map[string]string{"index.html": "old"})
	c, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	c.Put("index.html", []byte("new"))
	c.Prune()
	c.Abort()
	got, _ := list(t, dest)
	if len(got) != 1 || got["index.html"] != "old" {
		t.Errorf("after Abort: %v", got)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".gazette-*")); len(left) > 0 {
		t.Errorf("staging left: %v", left)
	}
}
