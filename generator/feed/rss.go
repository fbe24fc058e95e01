package feed

import (
	"encoding/xml"
	"io"
	"time"
)

type rss struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        rssGUID  `xml:"guid"`
	PubDate     string   `xml:"pubDate,omitempty"`
	Author      string   `xml:"dc:creator,omitempty"`
	Categories  []string `xml:"category"`
	Description string   `xml:"description"`
}

type rssGUID struct {
	PermaLink bool   `xml:"isPermaLink,attr"`
	Value     string `xml:",chardata"`
}

// RSS writes f as RSS 2.0.
func (f *Feed) RSS(w io.Writer) error {
	ch := rssChannel{
		Title: clean(f.Title), Link: f.Link, Description: clean(or(f.Description, f.Title)),
		Language: f.Language,
		Self:     atomLink{Href: f.Self + RSSFile, Rel: "self", Type: "application/rss+xml"},
	}
	if t := f.newest(); !t.IsZero() {
		ch.LastBuildDate = t.Format(time.RFC1123Z)
	}
	for _, it := range f.Items {
		item := rssItem{
			Title: clean(it.Title), Link: it.Link, GUID: rssGUID{true, it.Link},
			Author: clean(it.Author), Description: clean(or(it.Content, it.Summary)),
		}
		if !it.Date.IsZero() {
			item.PubDate = it.Date.Format(time.RFC1123Z)
		}
		for _, t := range it.Tags {
			item.Categories = append(item.Categories, clean(t))
		}
		ch.Items = append(ch.Items, item)
	}
	doc := rss{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: ch}
	return writeXML(w, doc, `xmlns:dc="http://purl.org/dc/elements/1.1/"`)
}

// writeXML writes v with an XML declaration; extraNS, if any, is added to
// the root element's attributes.
func writeXML(w io.Writer, v any, extraNS string) error {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if extraNS != "" {
		// encoding/xml cannot declare a prefix it does not use itself; add it
		// after the root element's name.
		i := 1
		for i < len(out) && out[i] != ' ' && out[i] != '>' {
			i++
		}
		out = append(out[:i:i], append([]byte(" "+extraNS), out[i:]...)...)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	_, err = w.Write(append(out, '\n'))
	return err
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
