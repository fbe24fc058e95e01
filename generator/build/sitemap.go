package build

import (
	"encoding/xml"
	"fmt"
	"sort"
	"strings"
	"sync"

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

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// sitemapLimit is how many URLs one sitemap may list, by the protocol.
const sitemapLimit = 50000

// sitemapURLs lists the home page, every article, the first page of each
// tag and the archive pages.
func (b *Site) sitemapURLs() []sitemapURL {
	s, base := b.Model, b.view.BaseURL
	urls := []sitemapURL{{Loc: base}, {Loc: base + "tags/"}, {Loc: base + "archive/"}}
	for _, a := range s.Articles {
		u := sitemapURL{Loc: base + a.URL}
		if a.Dated() {
			u.LastMod = a.Date.Format("2006-01-02T15:04:05Z07:00")
		}
		urls = append(urls, u)
	}
	for _, t := range s.Tags {
		urls = append(urls, sitemapURL{Loc: base + t.URL})
	}
	for _, y := range s.Years {
		urls = append(urls, sitemapURL{Loc: base + y.URL})
		for _, m := range y.Months {
			urls = append(urls, sitemapURL{Loc: base + m.URL})
		}
	}
	return urls
}

// sitemaps are sitemap.xml and, for a site of more than 50,000 URLs, the
// sitemap-N.xml files it then indexes.
func (b *Site) sitemaps() []Page {
	s := b.Model
	count := 3 + len(s.Articles) + len(s.Tags) // as sitemapURLs lists them
	for _, y := range s.Years {
		count += 1 + len(y.Months)
	}
	n := (count + sitemapLimit - 1) / sitemapLimit
	// What sitemapURLs lists: every article's URL and date, the tags'
	// and the archive's URLs; hashed once for all the sitemap files.
	listed := sync.OnceValue(func() uint64 {
		k := newKeyer()
		for _, a := range s.Articles {
			k.str(a.URL)
			k.time(a.Date)
		}
		for _, t := range s.Tags {
			k.str(t.URL)
		}
		for _, y := range s.Years {
			k.str(y.URL)
			for _, m := range y.Months {
				k.str(m.URL)
			}
		}
		return k.sum()
	})
	deps := func(k *keyer) { k.u64(listed()) }
	if n <= 1 {
		return []Page{{Path: "sitemap.xml", Deps: deps, Render: func() ([]byte, error) { return marshalXML(urlset{URLs: b.sitemapURLs()}) }}}
	}
	pages := []Page{{Path: "sitemap.xml", Deps: func(k *keyer) { k.int(n) }, Render: func() ([]byte, error) {
		var idx sitemapIndex
		for i := range n {
			idx.Sitemaps = append(idx.Sitemaps, sitemapURL{Loc: fmt.Sprintf("%ssitemap-%d.xml", b.view.BaseURL, i+1)})
		}
		return marshalXML(idx)
	}}}
	for i := range n {
		pages = append(pages, Page{Path: fmt.Sprintf("sitemap-%d.xml", i+1), Deps: deps, Render: func() ([]byte, error) {
			urls := b.sitemapURLs()
			return marshalXML(urlset{URLs: urls[i*sitemapLimit : min((i+1)*sitemapLimit, len(urls))]})
		}})
	}
	return pages
}

func marshalXML(v any) ([]byte, error) {
	out, err := xml.MarshalIndent(v, "", "  ")
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
