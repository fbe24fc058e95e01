package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gazette/generator/lock"
)

func TestDir_WriteRefuses(t *testing.T) {
	d, err := Create(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, p := range []string{"", "/abs", "../up", "a/../../up", "a//b", "a/./b", "dir/", "nul\x00x", `back\slash`, "c:/x", strings.Repeat("n", 256)} {
		if err := d.Write(p, []byte("x")); !errors.Is(err, ErrBadPath) {
			t.Errorf("Write(%q) = %v, want ErrBadPath", p, err)
		}
	}
	if err := d.Write("a/b/index.html", []byte("1")); err != nil {
		t.Fatal(err)
	}
	if err := d.Write("a/b/index.html", []byte("2")); !errors.Is(err, ErrWrittenTwice) {
		t.Errorf("second write: %v", err)
	}
	if err := d.Write(strings.Repeat("n", 255), []byte("x")); err != nil {
		t.Errorf("a 255-byte name: %v", err)
	}
}

func TestDir_CommitAndAbort(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for i, want := range []string{"first", "second"} {
		d, err := Create(dest)
		if err != nil {
			t.Fatal(err)
		}
		d.Write("index.html", []byte(want))
		if i == 0 {
			d.Write("old.html", []byte("stale"))
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(filepath.Join(dest, "index.html"))
		if string(got) != want {
			t.Errorf("commit %d: index.html = %q", i, got)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "old.html")); !os.IsNotExist(err) {
		t.Error("a file of the old site survived the swap")
	}
	d, _ := Create(dest)
	d.Write("index.html", []byte("aborted"))
	d.Abort()
	got, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	if string(got) != "second" {
		t.Errorf("after abort: %q", got)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".gazette-*"))
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestCreate_cleansKilledBuilds(t *testing.T) {
	parent := t.TempDir()
	stale := filepath.Join(parent, ".gazette-public-123")
	os.MkdirAll(stale, 0o755)
	d, err := Create(filepath.Join(parent, "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("a killed build's folder was not removed")
	}
}

// TestCreate_leavesFolderBeingRemoved: an old site's folder whose lock a
// remover holds is left to it by the next build, whole or in place; once
// no one holds it, it is a killed build's leftover and is removed.
func TestCreate_leavesFolderBeingRemoved(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	old := filepath.Join(parent, ".gazette-public-456")
	os.MkdirAll(old, 0o755)
	os.WriteFile(filepath.Join(old, "index.html"), []byte("old"), 0o644)
	held, err := lock.Folder(old)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Create(dest)
	if err != nil {
		t.Fatal(err)
	}
	d.Abort()
	c, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	c.Abort()
	if _, err := os.Stat(filepath.Join(old, "index.html")); err != nil {
		t.Fatalf("a folder being removed was touched: %v", err)
	}
	held.Close()
	c, err = Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	c.Abort()
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("a folder no one removes any more was left")
	}
}

func TestCreate_destIsFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "public")
	os.WriteFile(f, []byte("x"), 0o644)
	if _, err := Create(f); err == nil || !strings.Contains(err.Error(), "exists and is not a folder") {
		t.Errorf("got %v", err)
	}
}

// TestDir_Discard: Commit hands the old site's folder, whole, to Discard,
// with the new site already in place; Leftover accepts only such folders.
func TestDir_Discard(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(dest, 0o755)
	os.WriteFile(filepath.Join(dest, "old.html"), []byte("old"), 0o644)
	d, err := Create(dest)
	if err != nil {
		t.Fatal(err)
	}
	d.Write("new.html", []byte("new"))
	var got string
	d.Discard = func(dir string) error {
		got = dir
		if _, err := os.Stat(filepath.Join(dest, "new.html")); err != nil {
			t.Errorf("the new site is not in place yet: %v", err)
		}
		if data, _ := os.ReadFile(filepath.Join(dir, "old.html")); string(data) != "old" {
			t.Errorf("Discard was not given the old site")
		}
		return nil
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got == "" || !Leftover(got) {
		t.Errorf("Discard got %q", got)
	}
	for _, p := range []string{dest, filepath.Dir(dest), "/", "content"} {
		if Leftover(p) {
			t.Errorf("Leftover(%q) = true", p)
		}
	}
}
