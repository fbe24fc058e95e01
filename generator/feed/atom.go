package feed

import (
	"encoding/xml"
	"io"
	"time"
)

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Entries  []atomEntry `xml:"entry"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Link       atomLink       `xml:"link"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Author     *atomAuthor    `xml:"author,omitempty"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    *atomText      `xml:"content,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// Atom writes f as Atom 1.0. Atom requires an updated time on every
// entry: an undated article gets the feed's, and no published time.
func (f *Feed) Atom(w io.Writer) error {
	updated := f.Updated().Format(time.RFC3339)
	doc := atomFeed{
		Lang: f.Language, Title: clean(f.Title), Subtitle: clean(f.Description),
		ID: f.Self + AtomFile, Updated: updated,
		Links: []atomLink{
			{Href: f.Self + AtomFile, Rel: "self", Type: "application/atom+xml"},
			{Href: f.Link, Rel: "alternate", Type: "text/html"},
		},
	}
	for _, it := range f.Items {
		e := atomEntry{
			Title: clean(it.Title), ID: it.Link, Updated: updated,
			Link: atomLink{Href: it.Link, Rel: "alternate", Type: "text/html"},
		}
		if !it.Date.IsZero() {
			e.Published = it.Date.Format(time.RFC3339)
			e.Updated = e.Published
		}
		if it.Author != "" {
			e.Author = &atomAuthor{clean(it.Author)}
		}
		for _, t := range it.Tags {
			e.Categories = append(e.Categories, atomCategory{clean(t)})
		}
		if it.Summary != "" {
			e.Summary = &atomText{"text", clean(it.Summary)}
		}
		if it.Content != "" {
			e.Content = &atomText{"html", clean(it.Content)}
		}
		doc.Entries = append(doc.Entries, e)
	}
	return writeXML(w, doc, "")
}
