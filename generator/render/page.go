package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strings"
	"time"

	"gazette/generator/content"
	"gazette/generator/feed"
	"gazette/generator/site"
)

// Site is what every template sees of the site as .Site.
type Site struct {
	Title       string
	Description string
	Language    string
	// BaseURL is absolute and ends in "/"; BasePath is its path, such as
	// "/" or "/archive/", which every internal link starts with.
	BaseURL  string
	BasePath string
	Config   content.Config
	// Feeds are the feed formats every feed folder holds, as gazette.yaml's
	// feeds lists them.
	Feeds []feed.Format
	// Site holds no counts of articles or tags: every page would change
	// with each article added, and an incremental build would rewrite
	// them all. The pages that list articles or tags have their counts.
}

// Page is what every page template receives; the page kinds below embed it.
type Page struct {
	Site *Site
	// Kind is "home", "article", "tag", "tags", "archive", "year", "month",
	// "undated", "search" or "404".
	Kind        string
	Title       string // the page's own title, without the site's
	Description string
	URL         string // the page's path below the site root, as "tags/syria/"
	Image       string // an absolute URL for og:image, or ""
	// Feed is the path of the folder whose feeds the page links to with
	// rel=alternate ("" for the site's, "tags/syria/" for a tag's); FeedTitle
	// names them.
	Feed      string
	FeedTitle string
	NoIndex   bool // asks search engines not to index the page
}

// ArticlePage is the data of article.html.
type ArticlePage struct {
	Page
	Article *site.Article
	Content template.HTML // the body rendered from Markdown
	JSONLD  map[string]any
}

// ListPage is the data of list.html: the home page, a tag's pages, the
// date archive's year and month pages and the undated list.
type ListPage struct {
	Page
	Heading string
	Pager   *site.Pager
	Tag     *site.Tag // on a tag's pages
}

// TagsPage is the data of tags.html: every tag, by name or by count.
type TagsPage struct {
	Page
	Tags    []*site.Tag
	ByCount bool
}

// ArchivePage is the data of archive.html: the years and months.
type ArchivePage struct {
	Page
	Years   []*site.Year
	Undated int
}

// SearchPage is the data of search.html.
type SearchPage struct {
	Page
	Index string // the search index's folder below the site root
}

// RedirectPage is the data of redirect.html.
type RedirectPage struct {
	Site *Site
	To   string // the absolute URL to go to
}

// NewSite returns the template view of s.
func NewSite(s *site.Site) *Site {
	u, _ := url.Parse(s.Config.BaseURL)
	v := &Site{
		Title: s.Config.Title, Description: s.Config.Description, Language: s.Config.Language,
		BaseURL: s.Config.BaseURL, BasePath: u.Path,
		Config: s.Config,
	}
	for _, key := range s.Config.Feeds {
		v.Feeds = append(v.Feeds, feed.Formats[key])
	}
	return v
}

// Funcs returns the functions templates may call, bound to the site.
func Funcs(s *Site) template.FuncMap {
	return template.FuncMap{
		// url makes a site path ("tags/syria/") into a link from any page.
		"url": func(p string) string { return s.BasePath + strings.TrimPrefix(p, "/") },
		// absURL makes a site path into an absolute URL.
		"absURL": func(p string) string { return s.BaseURL + strings.TrimPrefix(p, "/") },
		// isoDate writes a time for <time datetime> and machines.
		"isoDate": func(t time.Time) string { return t.Format(time.RFC3339) },
		// date writes a time for people, as "13 November 2015".
		"date": Date,
		// shortDate writes "13 Nov 2015".
		"shortDate": func(t time.Time) string { return t.Format("2 Jan 2006") },
		// monthName writes "November 2015".
		"monthName": func(y int, m time.Month) string { return fmt.Sprintf("%s %d", m, y) },
		// truncate shortens s to at most n bytes at a word boundary, adding "…".
		"truncate": Truncate,
		// isHTTP reports whether u is an absolute http or https URL.
		"isHTTP": func(u string) bool {
			l := strings.ToLower(u)
			return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
		},
		// link makes a URL from content into a link: a site path ("/x.png")
		// gets the base path; a URL that could run script gives "".
		"link": func(u string) string {
			switch {
			case !SafeURL(u):
				return ""
			case SitePath(u):
				return s.BasePath + u[1:]
			}
			return u
		},
		// safeURL drops a URL that could run script, giving "".
		"safeURL": func(u string) string {
			if SafeURL(u) {
				return u
			}
			return ""
		},
	}
}

// Date writes a time for people, as "13 November 2015".
func Date(t time.Time) string { return t.Format("2 January 2006") }

// Truncate shortens s to at most n bytes, cut at a space, with "…".
func Truncate(n int, s string) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:.") + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// ExecutePartial renders the template that partials.html (or another
// template of the theme) defines as name, such as "card", with data.
func (th *Theme) ExecutePartial(w io.Writer, name string, data any) error {
	return th.sets["list.html"].ExecuteTemplate(w, name, data)
}

// Execute renders the template name with data into w.
func (th *Theme) Execute(w io.Writer, name string, data any) error {
	t := th.sets[name]
	if t == nil {
		return fmt.Errorf("template %s: not in the theme", name)
	}
	entry := "base.html"
	if name == "redirect.html" {
		entry = name
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, entry, data); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
