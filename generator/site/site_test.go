package site

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gazette/generator/content"
)

func art(path, title, date string, tags ...string) *content.Article {
	a := &content.Article{Path: path, Title: title, Tags: tags}
	if date != "" {
		a.Date, a.DateOnly, _ = content.ParseDate(date)
	}
	return a
}

func newSite(t *testing.T, arts []*content.Article, entries ...content.TagEntry) *Site {
	t.Helper()
	s, err := New(arts, Options{Config: content.DefaultConfig(), Tags: entries, TagsFile: "tags.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func slugs(list []*Article) string {
	var s []string
	for _, a := range list {
		s = append(s, a.Slug)
	}
	return strings.Join(s, " ")
}

func TestNew_order(t *testing.T) {
	s := newSite(t, []*content.Article{
		art("content/u2.md", "B undated", ""),
		art("content/u1.md", "A undated", ""),
		art("content/old.md", "Old", "2001-01-01"),
		art("content/new.md", "New", "2020-05-01T10:00:00Z"),
		art("content/tie-b.md", "Same day", "2010-01-01"),
		art("content/tie-a.md", "Same day", "2010-01-01"),
		art("content/tie-c.md", "Another", "2010-01-01"),
	})
	if got, want := slugs(s.Articles), "new tie-c tie-a tie-b old u1 u2"; got != want {
		t.Errorf("order %q, want %q", got, want)
	}
	if s.Articles[0].Newer != nil || s.Articles[1].Newer != s.Articles[0] || s.Articles[0].Older != s.Articles[1] || s.Articles[6].Older != nil {
		t.Error("newer/older links are wrong")
	}
	if got := slugs(s.Undated); got != "u1 u2" {
		t.Errorf("undated %q", got)
	}
}

func TestNew_slugs(t *testing.T) {
	a := art("content/2024/x.md", "X one", "")
	b := art("content/2025/x.md", "X two", "")
	c := art("content/日本.md", "Côte d'Ivoire vote", "")
	d := art("content/???.md", "???", "")
	e := art("content/e.md", "E", "")
	e.Slug = "My Custom Slug"
	s := newSite(t, []*content.Article{a, b, c, d, e})
	got := map[string]string{}
	for _, x := range s.Articles {
		got[x.Path] = x.URL
	}
	want := map[string]string{
		"content/2024/x.md": "articles/x/",
		"content/2025/x.md": "articles/x-2/",
		"content/日本.md":     "articles/cote-divoire-vote/",
		"content/???.md":    "articles/article-" + fmt.Sprintf("%08x", fnv32("content/???.md")) + "/",
		"content/e.md":      "articles/my-custom-slug/",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("URLs %v, want %v", got, want)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], `content/2025/x.md: warning: slug "x" is taken by content/2024/x.md; using "x-2"`) {
		t.Errorf("warnings %q", s.Warnings)
	}
}

func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// TestNew_hostilePaths gives slugs, tags and file names that try to leave
// the site or that a file system would refuse: every URL stays one plain
// folder name below articles/ or tags/, at most 80 bytes.
func TestNew_hostilePaths(t *testing.T) {
	names := []string{"../../etc/passwd", "/abs/path", `..\..\win`, "nul\x00byte", "CON", "aux", "LPT1",
		strings.Repeat("long ", 200), "..", ".", "a/b", "日本"}
	var arts []*content.Article
	for i, n := range names {
		a := art(fmt.Sprintf("content/%d.md", i), n, "", n, n+" tag")
		a.SourceFile = n
		if i%2 == 0 {
			a.Slug = n
		}
		arts = append(arts, a)
	}
	s := newSite(t, arts)
	seen := map[string]bool{}
	check := func(url, prefix string) {
		rest := strings.TrimSuffix(strings.TrimPrefix(url, prefix), "/")
		if !strings.HasPrefix(url, prefix) || rest == "" || strings.ContainsAny(rest, "/\\.\x00") || len(rest) > 80 || reservedNames[rest] || seen[url] {
			t.Errorf("URL %q", url)
		}
		seen[url] = true
	}
	for _, a := range s.Articles {
		check(a.URL, "articles/")
	}
	for _, tg := range s.Tags {
		check(tg.URL, "tags/")
	}
}

func TestNew_duplicateSlug(t *testing.T) {
	a, b := art("content/a.md", "A", ""), art("content/b.md", "B", "")
	a.Slug, b.Slug = "same", "Same"
	_, err := New([]*content.Article{a, b}, Options{Config: content.DefaultConfig()})
	want := `content/b.md: slug "Same": output path articles/same/ already used by content/a.md; give one of them another slug`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

func TestNew_tagFolding(t *testing.T) {
	s := newSite(t, []*content.Article{
		art("content/a.md", "A", "2015-01-01", "Syria", "Côte d'Ivoire", "???"),
		art("content/b.md", "B", "2015-01-02", "SYRIA", "Cote d'Ivoire", "日本"),
		art("content/c.md", "C", "2015-01-03", "syria", "Syria", "by count"),
		art("content/d.md", "D", "2015-01-04", "Syria"),
	})
	var got []string
	for _, tg := range s.Tags {
		got = append(got, fmt.Sprintf("%s=%s(%d)", tg.Name, tg.Slug, len(tg.Articles)))
	}
	want := []string{"???=tag-" + fmt.Sprintf("%08x", fnv32("\x00???")) + "(1)", "by count=by-count-2(1)", "Côte d'Ivoire=cote-divoire(2)", "Syria=syria(4)", "日本=tag-" + fmt.Sprintf("%08x", fnv32("\x00日本")) + "(1)"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tags\n got %q\nwant %q", got, want)
	}
	if len(s.Articles[1].Tags) != 2 {
		t.Errorf("article c has tags %v; a repeated tag must count once", s.Articles[1].Tags)
	}
	wantWarn := []string{
		`warning: tag "Côte d'Ivoire" is also spelt "Cote d'Ivoire" (1); add it to tags.yaml to choose its name`,
		`warning: tag "Syria" is also spelt "SYRIA" (1), "syria" (1); add it to tags.yaml to choose its name`,
	}
	if !reflect.DeepEqual(s.Warnings, wantWarn) {
		t.Errorf("warnings\n got %q\nwant %q", s.Warnings, wantWarn)
	}
}

func TestNew_tagRegistry(t *testing.T) {
	s := newSite(t, []*content.Article{
		art("content/a.md", "A", "2015-01-01", "Eu", "ISIS"),
		art("content/b.md", "B", "2015-01-02", "IS", "Islamic State"),
	},
		content.TagEntry{Name: "EU", Line: 1},
		content.TagEntry{Name: "Islamic State", Slug: "islamic-state-group", Aliases: []string{"IS", "ISIS"}, Line: 2},
	)
	var got []string
	for _, tg := range s.Tags {
		got = append(got, fmt.Sprintf("%s=%s(%d)", tg.Name, tg.Slug, len(tg.Articles)))
	}
	if want := []string{"EU=eu(1)", "Islamic State=islamic-state-group(2)"}; !reflect.DeepEqual(got, want) {
		t.Errorf("tags %q, want %q", got, want)
	}
	wantR := []Redirect{
		{"tags/is/", "tags/islamic-state-group/"},
		{"tags/isis/", "tags/islamic-state-group/"},
		{"tags/islamic-state/", "tags/islamic-state-group/"},
	}
	if !reflect.DeepEqual(s.Redirects, wantR) {
		t.Errorf("redirects %v, want %v", s.Redirects, wantR)
	}
	if len(s.Warnings) != 0 {
		t.Errorf("warnings %q: the registry settles spellings", s.Warnings)
	}
	_, err := New(nil, Options{Config: content.DefaultConfig(), TagsFile: "tags.yaml", Tags: []content.TagEntry{{Name: "EU", Line: 1}, {Name: "Europe", Aliases: []string{"eu"}, Line: 2}}})
	if err == nil || err.Error() != `tags.yaml:2: tags: "eu" folds into "EU", which line 1 already names` {
		t.Errorf("clash: %v", err)
	}
}

func TestNew_archive(t *testing.T) {
	s := newSite(t, []*content.Article{
		art("content/a.md", "A", "2015-01-01"),
		art("content/b.md", "B", "2015-01-20"),
		art("content/c.md", "C", "2015-03-01"),
		art("content/d.md", "D", "2016-02-01"),
		art("content/e.md", "E", ""),
	})
	var got []string
	for _, y := range s.Years {
		got = append(got, fmt.Sprintf("%s:%d", y.URL, len(y.Articles)))
		for _, m := range y.Months {
			got = append(got, fmt.Sprintf("%s:%s", m.URL, slugs(m.Articles)))
		}
	}
	want := []string{"archive/2016/:1", "archive/2016/02/:d", "archive/2015/:3", "archive/2015/03/:c", "archive/2015/01/:b a"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("archive %q, want %q", got, want)
	}
}

// TestNew_archiveOffsets checks that a month whose articles are not next
// to each other in time order, because their dates have different UTC
// offsets, is still one month.
func TestNew_archiveOffsets(t *testing.T) {
	s := newSite(t, []*content.Article{
		art("content/a.md", "A", "2005-09-01T01:00:00+03:00"), // 2005-08-31 22:00 UTC
		art("content/b.md", "B", "2005-08-31T23:00:00Z"),
		art("content/c.md", "C", "2005-09-01T00:30:00+02:00"), // 2005-08-31 22:30 UTC
	})
	var got []string
	for _, y := range s.Years {
		for _, m := range y.Months {
			got = append(got, fmt.Sprintf("%s:%s", m.URL, slugs(m.Articles)))
		}
	}
	want := []string{"archive/2005/09/:c a", "archive/2005/08/:b"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("archive %q, want %q", got, want)
	}
}

func TestNew_related(t *testing.T) {
	s := newSite(t, []*content.Article{
		art("content/a.md", "A", "2015-01-10", "x", "y", "z"),
		art("content/b.md", "B", "2015-01-01", "x", "y"),
		art("content/c.md", "C", "2015-01-09", "x"),
		art("content/d.md", "D", "2015-01-11", "x"),
		art("content/e.md", "E", "2014-01-01", "x", "y", "z"),
		art("content/f.md", "F", "2015-01-10", "w"),
		art("content/g.md", "G", "", "x"),
	})
	var a *Article
	for _, x := range s.Articles {
		if x.Slug == "a" {
			a = x
		}
	}
	if got, want := slugs(a.Related()), "e b d c g"; got != want {
		t.Errorf("related %q, want %q", got, want)
	}
}

func TestPaginate(t *testing.T) {
	list := make([]*Article, 41)
	for i := range list {
		list[i] = &Article{Slug: fmt.Sprint(i)}
	}
	tests := []struct {
		n, size, pages, last int
	}{{0, 20, 1, 0}, {1, 20, 1, 1}, {20, 20, 1, 20}, {21, 20, 2, 1}, {41, 20, 3, 1}, {41, 1, 41, 1}}
	for _, tt := range tests {
		p := Paginate(list[:tt.n], tt.size, "tags/x/")
		if len(p) != tt.pages || len(p[len(p)-1].Articles) != tt.last {
			t.Errorf("Paginate(%d, %d): %d pages, last has %d", tt.n, tt.size, len(p), len(p[len(p)-1].Articles))
			continue
		}
		first, last := p[0], p[len(p)-1]
		if first.URL != "tags/x/" || first.Prev != "" || last.Next != "" || first.Total != tt.pages {
			t.Errorf("Paginate(%d, %d): first %+v", tt.n, tt.size, first)
		}
		if tt.pages > 1 && (first.Next != "tags/x/page/2/" || last.Prev != PageURL("tags/x/", tt.pages-1) || last.URL != fmt.Sprintf("tags/x/page/%d/", tt.pages)) {
			t.Errorf("Paginate(%d, %d): links %+v / %+v", tt.n, tt.size, first, last)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.md", "---\ntitle: A\ndate: 2015-01-01\n---\nFirst para.\n\nSecond.\n")
	write(t, dir, "sub/b.md", "---\ntitle: B\ndraft: true\n---\n")
	write(t, dir, ".hidden/c.md", "not an article")
	write(t, dir, "notes.txt", "not an article")
	s, err := Load(dir, Options{Config: content.DefaultConfig(), Summarize: func(b []byte) string { return strings.SplitN(string(b), "\n", 2)[0] }})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Articles) != 1 || s.Articles[0].Summary != "First para." {
		t.Errorf("articles %v", s.Articles)
	}
	write(t, dir, "bad1.md", "---\ntitle: [x]\n---\n")
	write(t, dir, "bad2.md", "---\ntags: x\n---\n")
	_, err = Load(dir, Options{Config: content.DefaultConfig()})
	list, ok := err.(content.ErrorList)
	if !ok || len(list) != 3 {
		t.Fatalf("want three errors from two files, got %v", err)
	}
	_ = time.Now
}

func TestLoader(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.md", "---\ntitle: A\n---\nA.\n")
	write(t, dir, "b.md", "---\ntitle: B\n---\nB.\n")
	var l Loader
	opt := Options{Config: content.DefaultConfig()}
	s1, err := l.Load(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "b.md", "---\ntitle: B changed\n---\nB, longer now.\n")
	write(t, dir, "c.md", "---\ntitle: C\n---\nC.\n")
	s2, err := l.Load(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	byPath := func(s *Site) map[string]*Article {
		m := map[string]*Article{}
		for _, a := range s.Articles {
			m[filepath.Base(a.Path)] = a
		}
		return m
	}
	a1, a2 := byPath(s1), byPath(s2)
	if a1["a.md"].Article != a2["a.md"].Article {
		t.Error("an unchanged file was parsed again")
	}
	if a2["b.md"].Title != "B changed" || a2["c.md"] == nil || len(s2.Articles) != 3 {
		t.Errorf("second load: %v", s2.Articles)
	}
	write(t, dir, "c.md", "---\ntags: x\n---\n")
	if _, err := l.Load(dir, opt); err == nil {
		t.Fatal("a bad file loaded")
	}
	write(t, dir, "c.md", "---\ntitle: C again\n---\nC.\n")
	s3, err := l.Load(dir, opt)
	if err != nil || byPath(s3)["c.md"].Title != "C again" || byPath(s3)["a.md"].Article != a1["a.md"].Article {
		t.Errorf("after a fix: %v", err)
	}
	os.Remove(filepath.Join(dir, "b.md"))
	s4, err := l.Load(dir, opt)
	if err != nil || len(s4.Articles) != 2 || byPath(s4)["b.md"] != nil {
		t.Errorf("after a removal: %v, %v", s4, err)
	}
	if _, ok := l.shards[shardOf("b.md")]["b.md"]; ok {
		t.Error("the Loader holds a removed file")
	}
}
