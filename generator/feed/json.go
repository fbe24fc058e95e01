package feed

import (
	"encoding/json"
	"io"
	"time"
)

type jsonFeed struct {
	Version     string     `json:"version"`
	Title       string     `json:"title"`
	HomePageURL string     `json:"home_page_url"`
	FeedURL     string     `json:"feed_url"`
	Description string     `json:"description,omitempty"`
	Language    string     `json:"language,omitempty"`
	Items       []jsonItem `json:"items"`
}

type jsonItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	ContentHTML   string       `json:"content_html,omitempty"`
	ContentText   string       `json:"content_text,omitempty"`
	Summary       string       `json:"summary,omitempty"`
	DatePublished string       `json:"date_published,omitempty"`
	Authors       []jsonAuthor `json:"authors,omitempty"`
	Tags          []string     `json:"tags,omitempty"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

// JSON writes f as JSON Feed 1.1.
func (f *Feed) JSON(w io.Writer) error {
	doc := jsonFeed{
		Version: "https://jsonfeed.org/version/1.1", Title: clean(f.Title),
		HomePageURL: f.Link, FeedURL: f.Self + JSONFile,
		Description: clean(f.Description), Language: f.Language, Items: []jsonItem{},
	}
	for _, it := range f.Items {
		item := jsonItem{ID: it.Link, URL: it.Link, Title: clean(it.Title), Summary: clean(it.Summary), Tags: it.Tags}
		if it.Content != "" {
			item.ContentHTML = clean(it.Content)
		} else {
			// JSON Feed needs content_html or content_text.
			item.ContentText = clean(or(it.Summary, it.Title))
		}
		if !it.Date.IsZero() {
			item.DatePublished = it.Date.Format(time.RFC3339)
		}
		if it.Author != "" {
			item.Authors = []jsonAuthor{{clean(it.Author)}}
		}
		doc.Items = append(doc.Items, item)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
