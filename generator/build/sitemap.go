package build

import (
	"encoding/xml"
	"sort"
	"strings"

	"gazette/generator/site"
)

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap writes sitemap.xml: the home page, every article, the first page
// of each tag and the archive pages.
func (b *Site) sitemap() ([]byte, error) {
	s, base := b.Model, b.view.BaseURL
	set := urlset{URLs: []sitemapURL{{Loc: base}, {Loc: base + "tags/"}, {Loc: base + "archive/"}}}
	for _, a := range s.Articles {
		u := sitemapURL{Loc: base + a.URL}
		if a.Dated() {
			u.LastMod = a.Date.Format("2006-01-02T15:04:05Z07:00")
		}
		set.URLs = append(set.URLs, u)
	}
	for _, t := range s.Tags {
		set.URLs = append(set.URLs, sitemapURL{Loc: base + t.URL})
	}
	for _, y := range s.Years {
		set.URLs = append(set.URLs, sitemapURL{Loc: base + y.URL})
		for _, m := range y.Months {
			set.URLs = append(set.URLs, sitemapURL{Loc: base + m.URL})
		}
	}
	out, err := xml.MarshalIndent(set, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}

// robots writes robots.txt, pointing crawlers at the sitemap.
func (b *Site) robots() ([]byte, error) {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + b.view.BaseURL + "sitemap.xml\n"), nil
}

// sortByCount orders tags by article count, most first, then by name.
func sortByCount(tags []*site.Tag) {
	sort.SliceStable(tags, func(i, j int) bool {
		if a, b := len(tags[i].Articles), len(tags[j].Articles); a != b {
			return a > b
		}
		return strings.ToLower(tags[i].Name) < strings.ToLower(tags[j].Name)
	})
}
