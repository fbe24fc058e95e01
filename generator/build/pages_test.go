package build

import (
	"path"
	"testing"
)

// FuzzIndex: index, with its short cut for clean URLs, names the file
// path.Join does.
func FuzzIndex(f *testing.F) {
	for _, url := range []string{"", "articles/syria/", "tags/by-count/", "archive/2015/11/", "/", "a//b/", "a/./", "a/../b/", "a", "./", "a/b", "tags/é/"} {
		f.Add(url)
	}
	f.Fuzz(func(t *testing.T, url string) {
		if got, want := index(url), path.Join(url, "index.html"); got != want {
			t.Errorf("index(%q) = %q, want %q", url, got, want)
		}
	})
}
