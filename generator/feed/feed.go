// Package feed writes one feed model as RSS 2.0, Atom and JSON Feed 1.1.
package feed

import (
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Feed is a list of items with the metadata all three formats need. All
// links are absolute.
type Feed struct {
	Title       string
	Description string
	Language    string
	Link        string // the page the feed belongs to
	// Self is the feed's folder URL: the formats' own URLs are Self plus
	// "index.xml", "atom.xml" or "feed.json".
	Self  string
	Items []Item
}

// Item is one article in a feed.
type Item struct {
	Title   string
	Link    string // absolute; also the item's unique id
	Date    time.Time
	Summary string // plain text
	Content string // HTML; empty when the feed carries summaries only
	Tags    []string
	Author  string
}

// File names of the three formats inside a feed's folder.
const (
	RSSFile  = "index.xml"
	AtomFile = "atom.xml"
	JSONFile = "feed.json"
)

// Format is one of the formats a feed is written in.
type Format struct {
	Key   string // its name in gazette.yaml's feeds
	Name  string // its name for readers, "RSS"
	File  string // its file in a feed's folder
	Type  string // its media type
	Write func(*Feed, io.Writer) error
}

// Formats are the formats gazette writes, by Key.
var Formats = map[string]Format{
	"rss":  {Key: "rss", Name: "RSS", File: RSSFile, Type: "application/rss+xml", Write: (*Feed).RSS},
	"atom": {Key: "atom", Name: "Atom", File: AtomFile, Type: "application/atom+xml", Write: (*Feed).Atom},
	"json": {Key: "json", Name: "JSON Feed", File: JSONFile, Type: "application/feed+json", Write: (*Feed).JSON},
}

// Updated is the newest item date, or the Unix epoch for a feed with no
// dated items: formats that require a date get a fixed one, never the
// time of the build, so that builds are reproducible.
func (f *Feed) Updated() time.Time {
	if t := f.newest(); !t.IsZero() {
		return t
	}
	return time.Unix(0, 0).UTC()
}

// newest is the newest item date, or the zero Time.
func (f *Feed) newest() time.Time {
	var t time.Time
	for _, it := range f.Items {
		if it.Date.After(t) {
			t = it.Date
		}
	}
	return t
}

// clean removes the characters XML 1.0 forbids, which would make readers
// reject the whole feed: C0 controls other than tab, newline and carriage
// return, U+FFFE and U+FFFF, and invalid UTF-8.
func clean(s string) string {
	if utf8.ValidString(s) && strings.IndexFunc(s, forbidden) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if forbidden(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

func forbidden(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF
}
