package build

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gazette/generator/output"
	"gazette/generator/site"
)

// incrementalSite writes a site of n articles over six tags and ten
// years, with small pages so that lists, tag pages and feeds have many
// pages each.
func incrementalSite(t *testing.T, n int) string {
	t.Helper()
	src := t.TempDir()
	cfg := "title: Incremental Wire\nbase_url: https://example.org/\npage_size: 4\nfeed_size: 5\nrelated: 3\nfeed_full_content: true\n"
	if err := os.WriteFile(filepath.Join(src, "gazette.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(src, "content"), 0o755)
	os.MkdirAll(filepath.Join(src, "static"), 0o755)
	os.WriteFile(filepath.Join(src, "static", "logo.txt"), []byte("logo"), 0o644)
	for i := 0; i < n; i++ {
		writeArticle(t, src, fmt.Sprintf("a%02d", i), fmt.Sprintf("Story number %d", i),
			time.Date(2010+i%10, time.Month(1+i%12), 1+i%28, 8, 0, 0, 0, time.UTC).Format(time.RFC3339),
			[]string{tagNames[i%6], tagNames[(i/6)%6]}, fmt.Sprintf("The body of story %d, with words enough to summarise.\n\nA second paragraph.\n", i))
	}
	return src
}

var tagNames = []string{"Syria", "France", "Economy", "Weather", "Sport", "Élections"}

func writeArticle(t *testing.T, src, name, title, date string, tags []string, body string) {
	t.Helper()
	fm := fmt.Sprintf("---\ntitle: %q\ndate: %s\ntags: [%s]\n---\n", title, date, strings.Join(tags, ", "))
	if err := os.WriteFile(filepath.Join(src, "content", name+".md"), []byte(fm+body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIncremental edits a built site in every way an archive changes and
// checks, after each edit, that the incremental build rewrote only some
// pages and left exactly the files, byte for byte, that a whole build of
// the same content makes.
func TestIncremental(t *testing.T) {
	src := incrementalSite(t, 60)
	state := t.TempDir()
	dest := filepath.Join(t.TempDir(), "public")
	build := func(dest string, full bool) *Result {
		t.Helper()
		res, err := Run(Options{Source: src, Dest: dest, Theme: theme, State: state, Full: full})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := build(dest, false); res.Incremental {
		t.Fatal("the first build was incremental")
	}
	pages := build(dest, false).Files
	path := func(name string) string { return filepath.Join(src, "content", name+".md") }
	edit := func(name, old, new string) func() {
		return func() {
			data, err := os.ReadFile(path(name))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), old) {
				t.Fatalf("%s has no %q", name, old)
			}
			os.WriteFile(path(name), []byte(strings.Replace(string(data), old, new, 1)), 0o644)
		}
	}
	steps := []struct {
		name   string
		change func()
		most   int // the most files the build may rewrite
	}{
		{"nothing", func() {}, 0},
		{"touch", func() {
			future := time.Now().Add(time.Hour)
			os.Chtimes(path("a07"), future, future)
		}, 0},
		{"body", edit("a10", "A second paragraph.", "A second paragraph, edited."), 3},
		{"summary", edit("a11", "The body of story 11", "The edited body of story 11"), pages / 3},
		{"title", edit("a12", "Story number 12", "Story number twelve, renamed"), pages / 3},
		{"tags", edit("a13", "tags: [France, Economy]", "tags: [Weather, Brand new tag]"), pages / 2},
		{"date", edit("a14", "2014-03-15", "2019-12-31"), pages / 2},
		{"add", func() {
			writeArticle(t, src, "new", "A brand new story", "2015-06-01T08:00:00Z", []string{"Sport"}, "Its body.\n")
		}, pages / 2},
		{"remove", func() { os.Remove(path("a20")) }, pages / 2},
		{"static file", func() { os.WriteFile(filepath.Join(src, "static", "logo.txt"), []byte("new logo"), 0o644) }, 1},
	}
	for _, st := range steps {
		st.change()
		res := build(dest, false)
		if !res.Incremental {
			t.Fatalf("%s: the build was whole", st.name)
		}
		if res.Rewritten > st.most {
			t.Errorf("%s: %d files rewritten, want at most %d", st.name, res.Rewritten, st.most)
		}
		if st.name != "nothing" && st.name != "touch" && res.Rewritten == 0 {
			t.Errorf("%s: nothing rewritten", st.name)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".gazette-public-*")); len(left) > 0 {
			t.Errorf("%s: the build left %v beside the site", st.name, left)
		}
		whole := filepath.Join(t.TempDir(), "public")
		build(whole, true)
		t.Logf("%s: %d of %d files rewritten, %d removed", st.name, res.Rewritten, res.Files, res.Removed)
		sameTree(t, readTree(t, dest), readTree(t, whole))
		if t.Failed() {
			t.Fatalf("after %s, the incremental build differs from a whole one", st.name)
		}
	}
	// A change to what every page depends on makes a whole build.
	os.WriteFile(filepath.Join(src, "gazette.yaml"), []byte("title: Renamed Wire\nbase_url: https://example.org/\npage_size: 4\n"), 0o644)
	if res := build(dest, false); res.Incremental {
		t.Error("a new configuration built incrementally")
	}
}

// TestIncremental_replacedDest checks that a destination replaced since
// the last build (by hand, or by another tool) is built whole.
func TestIncremental_replacedDest(t *testing.T) {
	src := incrementalSite(t, 10)
	state := t.TempDir()
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{Source: src, Dest: dest, Theme: theme, State: state}
	if _, err := Run(opt); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(dest)
	os.MkdirAll(dest, 0o755)
	res, err := Run(opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Incremental {
		t.Fatal("a replaced destination was built incrementally")
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Error(err)
	}
}

// TestFull_inPlace checks a --full build over the site the last build
// made: it renders every page, leaves the files whose bytes are the same
// untouched (same inode, same modification time), repairs a file changed
// by hand, removes a file no page makes, and leaves byte for byte what a
// build into a new folder makes.
func TestFull_inPlace(t *testing.T) {
	src := incrementalSite(t, 30)
	state := t.TempDir()
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{Source: src, Dest: dest, Theme: theme, State: state}
	if _, err := Run(opt); err != nil {
		t.Fatal(err)
	}
	oldFiles := readTree(t, dest)
	oldInfo := map[string]os.FileInfo{}
	for name := range oldFiles {
		fi, err := os.Stat(filepath.Join(dest, name))
		if err != nil {
			t.Fatal(err)
		}
		oldInfo[name] = fi
	}
	// Inside folders, so that the destination itself looks unchanged.
	hand := "tags/index.html"
	os.WriteFile(filepath.Join(dest, hand), []byte("changed by hand"), 0o644)
	stray := filepath.Join(dest, "tags", "stray", "old.html")
	os.MkdirAll(filepath.Dir(stray), 0o755)
	os.WriteFile(stray, []byte("made by no page"), 0o644)
	edit := filepath.Join(src, "content", "a05.md")
	data, _ := os.ReadFile(edit)
	os.WriteFile(edit, []byte(strings.Replace(string(data), "Story number 5", "Story number five, renamed", 1)), 0o644)

	opt.Full = true
	res, err := Run(opt)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Incremental || res.Rendered != res.Files {
		t.Fatalf("rendered %d of %d pages in place (%v), want all", res.Rendered, res.Files, res.Incremental)
	}
	if res.Rewritten == 0 || res.Rewritten > len(oldFiles)/2 || res.Removed != 1 {
		t.Errorf("%d files written, %d removed; want some, at most half, and the stray file", res.Rewritten, res.Removed)
	}
	whole := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: src, Dest: whole, Theme: theme, State: state}); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dest)
	sameTree(t, got, readTree(t, whole))
	if _, err := os.Stat(filepath.Dir(stray)); err == nil {
		t.Error("the stray file's folder is left")
	}
	kept := 0
	for name, data := range got {
		if name == hand || !bytes.Equal(data, oldFiles[name]) {
			continue
		}
		fi, err := os.Stat(filepath.Join(dest, name))
		if err != nil {
			t.Fatal(err)
		}
		if !os.SameFile(fi, oldInfo[name]) || !fi.ModTime().Equal(oldInfo[name].ModTime()) {
			t.Errorf("%s: written again with the same bytes", name)
		}
		kept++
	}
	if string(got[hand]) == "changed by hand" {
		t.Error("the file changed by hand was not repaired")
	}
	t.Logf("%d files written, %d removed, %d of %d untouched", res.Rewritten, res.Removed, kept, len(got))
}

// TestManifest: a manifest reads back as written; a truncated or damaged
// one, or a file of another format, reads as none, so that the next
// build is whole.
func TestManifest(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	os.Mkdir(dest, 0o755)
	pages := []Page{{Path: "index.html"}, {Path: "articles/é/index.html"}, {Path: "sitemap.xml"}}
	keys := []uint64{1<<63 | 5, 0, 42}
	exact := []uint64{7, 0, 1 << 40}
	path := filepath.Join(dir, "manifest")
	if err := writeManifest(path, 99, dest, pages, keys, exact); err != nil {
		t.Fatal(err)
	}
	m := readManifest(path)
	if m == nil || m.Site != 99 || m.Dest != output.Identity(dest) || len(m.Paths) != 3 {
		t.Fatalf("read back: %+v", m)
	}
	for i, p := range pages {
		if m.Paths[i] != p.Path || m.Keys[i] != keys[i] || m.Exact[i] != exact[i] {
			t.Errorf("page %d: %q %d %d", i, m.Paths[i], m.Keys[i], m.Exact[i])
		}
	}
	// Pages are found where they were, and elsewhere when pages were
	// added or removed before them.
	find := m.finder()
	for i, path := range []string{"new.html", "index.html", "articles/é/index.html", "other.html", "sitemap.xml", "gone.html"} {
		want := map[string]int{"index.html": 0, "articles/é/index.html": 1, "sitemap.xml": 2}
		j, ok := find(i, path)
		if w, exists := want[path]; ok != exists || ok && j != w {
			t.Errorf("page %d, %s: found at %d (%v), want %d (%v)", i, path, j, ok, w, exists)
		}
	}
	data, _ := os.ReadFile(path)
	for _, bad := range [][]byte{data[:len(data)-1], data[:len(manifestMagic)+3], append([]byte("gazette-manifest-1\n"), data[len(manifestMagic):]...), nil} {
		os.WriteFile(path, bad, 0o644)
		if m := readManifest(path); m != nil {
			t.Errorf("%q read as a manifest of %d pages", bad, len(m.Paths))
		}
	}
}

// TestIncremental_sourceSpelling: the same site named another way, by a
// relative path rather than an absolute one, is the same site: a build
// with nothing changed renders no more than it does under one name.
func TestIncremental_sourceSpelling(t *testing.T) {
	src := incrementalSite(t, 30)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, src)
	if err != nil {
		t.Skipf("no relative path to the site: %v", err)
	}
	opt := Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), Theme: theme, State: t.TempDir()}
	if _, err := Run(opt); err != nil {
		t.Fatal(err)
	}
	same, err := Run(opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{rel, "./" + rel, src} {
		opt.Source = name
		res, err := Run(opt)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Incremental || res.Rendered != same.Rendered || res.Rewritten != 0 {
			t.Errorf("--source %s: rendered %d of %d pages (%d with nothing changed), wrote %d", name, res.Rendered, res.Files, same.Rendered, res.Rewritten)
		}
	}
}

// TestPlan_related: after an article's title is edited, the article
// pages an incremental build renders are exactly those that show it: its
// own, its neighbours' and those whose related list chose it, not every
// page whose related list chooses among the articles near it.
func TestPlan_related(t *testing.T) {
	src := incrementalSite(t, 60)
	opt := Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), Theme: theme, State: t.TempDir()}
	if _, err := Run(opt); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(src, "content", "a12.md")
	data, _ := os.ReadFile(name)
	os.WriteFile(name, bytes.Replace(data, []byte("Story number 12"), []byte("Story number twelve"), 1), 0o644)

	s, err := Load(opt)
	if err != nil {
		t.Fatal(err)
	}
	siteKey, err := s.siteKey(opt)
	if err != nil {
		t.Fatal(err)
	}
	pages := s.Pages()
	pl := plan(readManifest(manifestPath(opt.State, opt.Dest)), pages, keys(pages, siteKey), siteKey)

	byPath := map[string]*site.Article{}
	var edited *site.Article
	for _, a := range s.Model.Articles {
		byPath[index(a.URL)] = a
		if a.Title == "Story number twelve" {
			edited = a
		}
	}
	want := map[string]bool{}
	inWindow := 0
	for _, a := range s.Model.Articles {
		shows := a == edited || a.Newer == edited || a.Older == edited || slices.Contains(a.Related(), edited)
		if shows {
			want[index(a.URL)] = true
		}
		chooses := false
		a.RelatedWindow(func(b *site.Article) { chooses = chooses || b == edited })
		if chooses && !shows {
			inWindow++
		}
	}
	got := map[string]bool{}
	for _, i := range pl.todo {
		if byPath[pages[i].Path] != nil {
			got[pages[i].Path] = true
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("article pages rendered: %v\nwant %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
	if inWindow == 0 || pl.rekeyed < inWindow {
		t.Errorf("%d pages rekeyed without rendering; %d choose among the edited article but do not show it", pl.rekeyed, inWindow)
	}
	t.Logf("%d article pages rendered, %d rekeyed", len(got), pl.rekeyed)
}
