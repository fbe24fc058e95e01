package site

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"gazette/generator/content"
)

// TestCache checks that a Loader filled from the cache gives the site a
// fresh parse gives, without reading the files that did not change, and
// parses again the one that did.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.md": "---\ntitle: \"Première: a title\"\ndate: 2015-11-13T10:33:00+01:00\ntags: [France, Économie]\ncaption: A caption\ncredit: AFP\nimage: /img/a.jpg\nsource: https://example.org/a\nauthor: Ann Lee\nmood: grey\nscores: [1, 2.5, true]\nwhen: 2020-01-02T03:04:05Z\n---\nBody of a.\n",
		"b.md": "---\ntitle: B\ndate: 2019-01-02\nsummary: Given summary.\nslug: bee\n---\n\nBody of b.\n",
		"c.md": "---\ntitle: C, undated\ndraft: true\n---\nBody of c.\n",
	}
	for name, data := range files {
		os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644)
	}
	opt := Options{Drafts: true, Summarize: func(b []byte) string { return "summary of " + string(b) }}
	var first Loader
	want, err := first.Load(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(t.TempDir(), "cache")
	if err := first.SaveCache(cache, "k1"); err != nil {
		t.Fatal(err)
	}
	var second Loader
	second.LoadCache(cache, "k1")
	got, err := second.Load(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(second.dirty) > 0 {
		t.Error("the cache's Loader parsed files that did not change")
	}
	if len(got.Articles) != len(want.Articles) {
		t.Fatalf("%d articles, want %d", len(got.Articles), len(want.Articles))
	}
	for i := range want.Articles {
		g, w := *got.Articles[i].Article, *want.Articles[i].Article
		g.Body, w.Body = nil, nil
		if !reflect.DeepEqual(g, w) {
			t.Errorf("from the cache:\n%#v\nparsed:\n%#v", g, w)
		}
		if !g.Date.Equal(w.Date) || g.Date.Format("-07:00") != w.Date.Format("-07:00") {
			t.Errorf("date %v, want %v", g.Date, w.Date)
		}
		body, err := got.Articles[i].ReadBody()
		if err != nil || len(body) == 0 {
			t.Errorf("%s: body %q, %v", g.Path, body, err)
		}
	}
	// Another key, or a damaged file, is not used.
	var other Loader
	other.LoadCache(cache, "k2")
	other.wait()
	for k, files := range other.shards {
		if len(files) > 0 {
			t.Errorf("shard %d of a cache with another key was used", k)
		}
	}
	k := shardOf("a.md")
	if _, ok := second.shards[k]["a.md"]; !ok {
		t.Fatal("a.md is not in its shard") // else the check below could not fail
	}
	shard := filepath.Join(cache, fmt.Sprintf("%02x", k))
	data, _ := os.ReadFile(shard)
	os.WriteFile(shard, data[:len(data)/2], 0o644)
	var damaged Loader
	damaged.LoadCache(cache, "k1")
	damaged.wait()
	if _, ok := damaged.shards[k]["a.md"]; ok {
		t.Error("a damaged shard was used")
	}
}

// TestCache_otherName checks that the cache serves the same content
// folder named by another path: nothing is parsed again, and each
// article has the path it was listed under, which its body is read from.
func TestCache_otherName(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.md", "---\ntitle: A\n---\nBody of a.\n")
	write(t, dir, "2015/b.md", "---\ntitle: B\n---\nBody of b.\n")
	var first Loader
	if _, err := first.Load(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(t.TempDir(), "cache")
	if err := first.SaveCache(cache, "k"); err != nil {
		t.Fatal(err)
	}
	alias := filepath.Join(t.TempDir(), "alias")
	if err := os.Symlink(dir, alias); err != nil {
		t.Skip(err)
	}
	var second Loader
	second.LoadCache(cache, "k")
	s, err := second.Load(alias, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(second.dirty) > 0 {
		t.Errorf("parsed again under another name: shards %v", second.dirty)
	}
	for _, a := range s.Articles {
		if filepath.Dir(a.Path) != alias && filepath.Dir(filepath.Dir(a.Path)) != alias {
			t.Errorf("path %s, not below %s", a.Path, alias)
		}
		if body, err := a.ReadBody(); err != nil || len(body) == 0 {
			t.Errorf("%s: body %q, %v", a.Path, body, err)
		}
	}
}

// FuzzReadShard: a cache file, whatever its bytes, reads as its files or
// as nothing, and never takes memory out of proportion to its size.
func FuzzReadShard(f *testing.F) {
	a := &content.Article{Title: "T", Tags: []string{"x", "y"}, Date: time.Date(2015, 11, 13, 10, 33, 0, 0, time.UTC), Summary: "S"}
	good, err := encodeShard(map[string]loaded{"a.md": {size: 3, article: a}, "b/c.md": {article: &content.Article{}}}, "k")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add([]byte(cacheMagic + "\x01k\xff\xff\xff\xff\x0f"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "shard")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files := readShard(path, "k")
		if string(data) == string(good) && (len(files) != 2 || files["a.md"].article.Tags[1] != "y") {
			t.Errorf("a whole shard read as %v", files)
		}
		if len(files) > len(data)/18 {
			t.Errorf("%d files from %d bytes", len(files), len(data))
		}
		for p, f := range files {
			if f.article == nil || f.article.Path != p {
				t.Errorf("%q: %+v", p, f.article)
			}
		}
	})
}
