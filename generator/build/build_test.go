package build

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gazette/generator/content"
	"gazette/generator/lock"
	"gazette/generator/site"
)

var update = flag.Bool("update", false, "rewrite testdata/want from the fixture site")

// theme is the default theme, read from the repository's templates/.
var theme = os.DirFS("../../templates")

// buildSite builds the site in src into a new folder and returns it.
func buildSite(t *testing.T, src, baseURL string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: src, Dest: dest, BaseURL: baseURL, Theme: theme}); err != nil {
		t.Fatal(err)
	}
	return dest
}

// readTree returns every file below dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameTree reports the differences between two trees.
func sameTree(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: missing", name)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s: differs (rerun with -update and review the diff if the change is meant)", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: not expected", name)
		}
	}
}

// copySite copies the fixture site into a temporary folder.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range readTree(t, "testdata/site") {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestRun_golden builds the fixture site and compares it file by file with
// testdata/want.
func TestRun_golden(t *testing.T) {
	got := readTree(t, buildSite(t, "testdata/site", ""))
	if *update {
		os.RemoveAll("testdata/want")
		for name, data := range got {
			p := filepath.Join("testdata/want", name)
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, data, 0o644)
		}
	}
	sameTree(t, got, readTree(t, "testdata/want"))
}

func TestRun_reproducible(t *testing.T) {
	a := readTree(t, buildSite(t, "testdata/site", ""))
	b := readTree(t, buildSite(t, "testdata/site", ""))
	sameTree(t, a, b)
}

func TestRun_pages(t *testing.T) {
	files := readTree(t, buildSite(t, "testdata/site", ""))
	for _, name := range []string{
		"index.html", "page/2/index.html", "page/3/index.html",
		"articles/port-strike/index.html", "articles/raqqa/index.html", "articles/undated/index.html",
		"tags/index.html", "tags/by-count/index.html", "tags/france/index.html", "tags/eu/index.html",
		"tags/islamic-state/index.html", "tags/isis/index.html", "tags/is/index.html",
		"archive/index.html", "archive/2015/index.html", "archive/2015/11/index.html", "archive/undated/index.html",
		"index.xml", "atom.xml", "feed.json", "tags/france/index.xml", "tags/france/atom.xml", "tags/france/feed.json",
		"sitemap.xml", "robots.txt", "404.html", "style.css",
	} {
		if _, ok := files[name]; !ok {
			t.Errorf("%s was not written", name)
		}
	}
	if _, ok := files["articles/draft/index.html"]; ok {
		t.Error("a draft was published")
	}
	if !bytes.Contains(files["404.html"], []byte("Lost in the archive")) {
		t.Error("the site's templates/404.html did not override the theme's")
	}
	if !bytes.Contains(files["tags/isis/index.html"], []byte(`url=https://example.org/tags/islamic-state/`)) {
		t.Errorf("tags/isis/ does not redirect to the merged tag:\n%s", files["tags/isis/index.html"])
	}
	if !bytes.Contains(files["articles/undated/index.html"], []byte(`<p class="meta">Undated</p>`)) {
		t.Error("an undated article does not say so")
	}
}

// TestRun_feedFormats builds the fixture site with one feed format, and
// with none: only those feeds are written, and pages link to no other.
func TestRun_feedFormats(t *testing.T) {
	for _, tt := range []struct {
		feeds      string
		want, not  []string
		links      int // <link rel="alternate"> on the home page
		tagLinkRSS bool
	}{
		{"[rss]", []string{"index.xml", "tags/france/index.xml"}, []string{"atom.xml", "feed.json", "tags/france/atom.xml"}, 1, true},
		{"[]", nil, []string{"index.xml", "atom.xml", "feed.json", "tags/france/index.xml"}, 0, false},
	} {
		src := copySite(t)
		cfg, _ := os.ReadFile(filepath.Join(src, "gazette.yaml"))
		os.WriteFile(filepath.Join(src, "gazette.yaml"), append(cfg, "feeds: "+tt.feeds+"\n"...), 0o644)
		files := readTree(t, buildSite(t, src, ""))
		for _, name := range tt.want {
			if _, ok := files[name]; !ok {
				t.Errorf("feeds: %s: %s was not written", tt.feeds, name)
			}
		}
		for _, name := range tt.not {
			if _, ok := files[name]; ok {
				t.Errorf("feeds: %s: %s was written", tt.feeds, name)
			}
		}
		home := string(files["index.html"])
		if got := strings.Count(home, `rel="alternate"`); got != tt.links {
			t.Errorf("feeds: %s: the home page has %d feed links, want %d", tt.feeds, got, tt.links)
		}
		if strings.Contains(home, "atom.xml") || strings.Contains(home, "feed.json") {
			t.Errorf("feeds: %s: the home page links to a feed not written", tt.feeds)
		}
		if got := strings.Contains(string(files["tags/france/index.html"]), `<a href="/tags/france/index.xml">RSS feed</a>`); got != tt.tagLinkRSS {
			t.Errorf("feeds: %s: the tag page's feed link: %v, want %v", tt.feeds, got, tt.tagLinkRSS)
		}
	}
}

// TestRun_hostile checks that script in content never reaches a page or a
// feed as markup.
func TestRun_hostile(t *testing.T) {
	files := readTree(t, buildSite(t, "testdata/site", ""))
	for name, data := range files {
		if bytes.Contains(data, []byte("\x07")) && !strings.HasSuffix(name, ".bin") {
			t.Errorf("%s contains a control character", name)
		}
		if strings.HasSuffix(name, ".html") {
			for _, p := range scriptable(t, data) {
				t.Errorf("%s: %s", name, p)
			}
		}
	}
	page := string(files["articles/hostile/index.html"])
	if !strings.Contains(page, "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the hostile title is not escaped in the page")
	}
}

func TestRun_staleRemoved(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{Source: src, Dest: dest, Theme: theme}
	if _, err := Run(opt); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(src, "content/summit.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(opt); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "articles/summit")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("articles/summit/ is still there after its article was deleted: %v", err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".gazette-public-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left: %v", leftovers)
	}
}

// TestRun_failedBuildKeepsOld checks that a build that fails, before or
// half way through writing, leaves the previous site byte-identical.
func TestRun_failedBuildKeepsOld(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{Source: src, Dest: dest, Theme: theme}
	if _, err := Run(opt); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dest)

	// Fails while loading: two bad files, both reported.
	os.WriteFile(filepath.Join(src, "content/bad1.md"), []byte("---\ntitle: Bad\ntags: x\n---\n"), 0o644)
	os.WriteFile(filepath.Join(src, "content/bad2.md"), []byte("---\ndate: 2015-13-45\n---\n"), 0o644)
	_, err := Run(opt)
	var list content.ErrorList
	if !errors.As(err, &list) || len(list) != 3 {
		t.Fatalf("want three errors in two files, got %v", err)
	}
	for _, want := range []string{"content/bad1.md:3: front matter: tags must be a list of strings", "content/bad2.md:2: front matter: date", "content/bad2.md:1: front matter: title is missing"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	sameTree(t, readTree(t, dest), before)
	os.Remove(filepath.Join(src, "content/bad1.md"))
	os.Remove(filepath.Join(src, "content/bad2.md"))

	// Fails half way: one article's template execution fails after others
	// were written.
	os.WriteFile(filepath.Join(src, "templates/article.html"), []byte(`{{ define "main" }}{{ if eq .Article.Slug "summit" }}{{ .Nope }}{{ end }}{{ .Article.Title }}{{ end }}`), 0o644)
	_, err = Run(opt)
	if err == nil || !strings.Contains(err.Error(), "render articles/summit/index.html: template: article.html:1:") {
		t.Fatalf("want a render error naming the page and template, got %v", err)
	}
	sameTree(t, readTree(t, dest), before)
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".gazette-public-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left: %v", leftovers)
	}
}

func TestRun_templateErrors(t *testing.T) {
	src := copySite(t)
	os.WriteFile(filepath.Join(src, "templates/list.html"), []byte("{{ define \"main\" }}\n{{ nosuch . }}{{ end }}"), 0o644)
	_, err := Run(Options{Source: src, Dest: filepath.Join(t.TempDir(), "p"), Theme: theme})
	if err == nil || err.Error() != `template: list.html:2: function "nosuch" not defined` {
		t.Errorf("got %v", err)
	}
}

func TestRun_refusesDangerousDest(t *testing.T) {
	src := copySite(t)
	for _, dest := range []string{src, filepath.Dir(src), filepath.Join(src, "content", "out")} {
		if _, err := Run(Options{Source: src, Dest: dest, Theme: theme}); err == nil {
			t.Errorf("Run with --dest %s succeeded", dest)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "content/summit.md")); err != nil {
		t.Fatal("the site lost a file:", err)
	}
}

// TestRun_lock checks that a second build into the same place is refused
// while one runs, with a message that says so.
func TestRun_lock(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	lk, err := lock.Acquire(filepath.Join(filepath.Dir(dest), ".gazette-public.lock"), "build")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(Options{Source: src, Dest: dest, Theme: theme})
	if !errors.Is(err, lock.ErrHeld) || !strings.Contains(err.Error(), "gazette build, pid") {
		t.Errorf("got %v", err)
	}
	lk.Release()
	if _, err := Run(Options{Source: src, Dest: dest, Theme: theme}); err != nil {
		t.Errorf("after release: %v", err)
	}
}

// TestSitemaps checks that a site of more than 50,000 URLs gets a sitemap
// index and sitemaps of at most 50,000 URLs each.
func TestSitemaps(t *testing.T) {
	s, err := Load(Options{Source: "testdata/site", Theme: theme})
	if err != nil {
		t.Fatal(err)
	}
	urls := len(s.sitemapURLs())
	if pages := s.sitemaps(); len(pages) != 1 || pages[0].Path != "sitemap.xml" {
		t.Fatalf("a small site has %d sitemap files", len(pages))
	}
	// Many more articles: copies of the fixture's, each its own URL.
	model := s.Model
	had := len(model.Articles)
	for len(model.Articles) < 2*sitemapLimit {
		model.Articles = append(model.Articles, &site.Article{Article: model.Articles[0].Article, URL: fmt.Sprintf("articles/copy-%d/", len(model.Articles))})
	}
	pages := s.sitemaps()
	if len(pages) != 4 || pages[0].Path != "sitemap.xml" || pages[3].Path != "sitemap-3.xml" {
		t.Fatalf("%d files", len(pages))
	}
	idx, _ := pages[0].Render()
	if !strings.Contains(string(idx), "<sitemapindex") || !strings.Contains(string(idx), "<loc>https://example.org/sitemap-3.xml</loc>") {
		t.Errorf("index:\n%s", idx)
	}
	total := 0
	for _, p := range pages[1:] {
		data, _ := p.Render()
		n := strings.Count(string(data), "<url>")
		if n > sitemapLimit {
			t.Errorf("%s lists %d URLs", p.Path, n)
		}
		total += n
	}
	if want := urls + 2*sitemapLimit - had; total != want {
		t.Errorf("%d URLs in the sitemaps, want %d", total, want)
	}
}
