package feed

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

func sample() *Feed {
	return &Feed{
		Title: "Wire\x01 <&>", Description: "All the news", Language: "en",
		Link: "https://example.org/", Self: "https://example.org/tags/syria/",
		Items: []Item{
			{Title: "Strikes \x0b in ]]> Syria", Link: "https://example.org/articles/a/", Date: time.Date(2015, 11, 13, 10, 33, 0, 0, time.FixedZone("", 3600)),
				Summary: "First.", Content: "<p>First \uFFFE paragraph.</p>", Tags: []string{"Syria", "France"}, Author: "Le Monde"},
			{Title: "Undated", Link: "https://example.org/articles/b/", Summary: "Second."},
		},
	}
}

func parseAll(t *testing.T, f *Feed) map[string]*gofeed.Feed {
	t.Helper()
	out := map[string]*gofeed.Feed{}
	for name, write := range map[string]func(*bytes.Buffer) error{
		RSSFile:  func(b *bytes.Buffer) error { return f.RSS(b) },
		AtomFile: func(b *bytes.Buffer) error { return f.Atom(b) },
		JSONFile: func(b *bytes.Buffer) error { return f.JSON(b) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		parsed, err := gofeed.NewParser().Parse(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("%s does not parse: %v\n%s", name, err, buf.String())
		}
		out[name] = parsed
	}
	return out
}

func TestFeed_formats(t *testing.T) {
	for name, pf := range parseAll(t, sample()) {
		t.Run(name, func(t *testing.T) {
			if pf.Title != "Wire <&>" {
				t.Errorf("title %q", pf.Title)
			}
			if len(pf.Items) != 2 {
				t.Fatalf("%d items", len(pf.Items))
			}
			a, b := pf.Items[0], pf.Items[1]
			if a.Title != "Strikes  in ]]> Syria" || a.Link != "https://example.org/articles/a/" {
				t.Errorf("item %q %q", a.Title, a.Link)
			}
			if a.GUID != a.Link || b.GUID != b.Link {
				t.Errorf("guids %q %q", a.GUID, b.GUID)
			}
			if a.PublishedParsed == nil || !a.PublishedParsed.Equal(time.Date(2015, 11, 13, 9, 33, 0, 0, time.UTC)) {
				t.Errorf("published %v", a.PublishedParsed)
			}
			// gofeed reads an Atom entry's required updated time as its
			// published time; TestFeed_selfLinks checks the XML itself.
			if b.PublishedParsed != nil && name != AtomFile {
				t.Errorf("undated item has a published date %v", b.PublishedParsed)
			}
			if strings.Join(a.Categories, ",") != "Syria,France" {
				t.Errorf("categories %v", a.Categories)
			}
			if !strings.Contains(a.Content+a.Description, "First  paragraph.") {
				t.Errorf("content %q / %q", a.Content, a.Description)
			}
			if a.Author == nil && len(a.Authors) == 0 {
				t.Error("no author")
			}
		})
	}
}

func TestFeed_selfLinks(t *testing.T) {
	f := sample()
	var rss, atom, jsn bytes.Buffer
	f.RSS(&rss)
	f.Atom(&atom)
	f.JSON(&jsn)
	for _, c := range []struct{ doc, want string }{
		{rss.String(), `<atom:link href="https://example.org/tags/syria/index.xml" rel="self"`},
		{atom.String(), `<link href="https://example.org/tags/syria/atom.xml" rel="self"`},
		{jsn.String(), `"feed_url": "https://example.org/tags/syria/feed.json"`},
		{rss.String(), `<pubDate>Fri, 13 Nov 2015 10:33:00 +0100</pubDate>`},
		{atom.String(), `<published>2015-11-13T10:33:00+01:00</published>`},
		{jsn.String(), `"date_published": "2015-11-13T10:33:00+01:00"`},
	} {
		if !strings.Contains(c.doc, c.want) {
			t.Errorf("missing %s in\n%s", c.want, c.doc)
		}
	}
	if n := strings.Count(atom.String(), "<published>"); n != 1 {
		t.Errorf("atom has %d published times, want 1 for the one dated item", n)
	}
}

func TestFeed_empty(t *testing.T) {
	f := &Feed{Title: "Empty", Link: "https://example.org/", Self: "https://example.org/"}
	for name, pf := range parseAll(t, f) {
		if len(pf.Items) != 0 {
			t.Errorf("%s: %d items", name, len(pf.Items))
		}
	}
}

func TestClean(t *testing.T) {
	in := "a\x00b\x08c\td\ne\rf\x0bg\x0ch\x1fi\uFFFEj\uFFFFk\xffl"
	if got, want := clean(in), "abc\td\ne\rfghijkl"; got != want {
		t.Errorf("clean = %q, want %q", got, want)
	}
}
