package build

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"gazette/generator/feed"
	"gazette/generator/internal/parallel"
	"gazette/generator/render"
	"gazette/generator/search"
	"gazette/generator/site"
)

// Page is one file of the built site, which renders itself, or, when
// Files is set instead of Render, a folder of files made together (the
// search index): Files calls write with each file's name below Path.
type Page struct {
	Path   string // below the site root, such as "tags/syria/index.html"
	Render func() ([]byte, error)
	Files  func(write func(name string, data []byte) error) error
	// Deps, when set, feeds k everything besides the site's key that the
	// page's bytes depend on (see incremental.go); a page without it is
	// rendered by every build and written when its bytes change.
	Deps func(k *keyer)
	// Exact, when set, feeds k exactly what the page shows, where Deps
	// feeds a cheaper superset of it: what the page chooses its content
	// from. A build works Exact out only for the pages whose Deps
	// changed, and renders those whose Exact changed too.
	Exact func(k *keyer)
}

// Pages plans every file of the site, in a fixed order.
func (b *Site) Pages() []Page {
	s := b.Model
	// The articles' pages, most of a site's, are planned on every core.
	pages := make([]Page, len(s.Articles), len(s.Articles)+len(s.Articles)/3)
	parallel.Ranges(len(s.Articles), func(_, lo, hi int) error {
		for i := lo; i < hi; i++ {
			pages[i] = b.articlePage(s.Articles[i])
		}
		return nil
	})
	add := func(p ...Page) { pages = append(pages, p...) }
	add(b.lists("home", "", s.Config.Title, "", s.Articles, nil)...)
	for _, t := range s.Tags {
		add(b.lists("tag", t.URL, t.Name, "Articles tagged “"+t.Name+"”", t.Articles, t)...)
		add(b.feeds(t.URL, t.Name+" · "+s.Config.Title, t.Articles)...)
	}
	for _, y := range s.Years {
		add(b.lists("year", y.URL, fmt.Sprint(y.Year), fmt.Sprint(y.Year), y.Articles, nil)...)
		for _, m := range y.Months {
			name := fmt.Sprintf("%s %d", m.Month, m.Year)
			add(b.lists("month", m.URL, name, name, m.Articles, nil)...)
		}
	}
	if len(s.Undated) > 0 {
		add(b.lists("undated", "archive/undated/", "Undated", "Undated articles", s.Undated, nil)...)
	}
	add(b.feeds("", s.Config.Title, s.Articles)...)
	if s.Config.Search {
		add(b.searchPage(), b.searchIndex())
	}
	add(b.tagsIndex(false), b.tagsIndex(true), b.archive(), b.notFound(),
		Page{Path: "robots.txt", Render: b.robots})
	add(b.sitemaps()...)
	add(b.static()...)
	add(b.siteFiles()...)
	for _, r := range s.Redirects {
		add(b.redirect(r))
	}
	return pages
}

// articlePage is an article's page. It shows the article's file, its
// neighbours' cards and the cards of the articles its related list
// chose: Exact. What the list chooses from, its related windows, is the
// cheaper Deps: an edit to an article in the windows of hundreds of
// pages changes the related lists of a few of them.
func (b *Site) articlePage(a *site.Article) Page {
	own := func(k *keyer) {
		k.u64(a.Sum)
		k.u64(b.card(a))
		k.u64(b.card(a.Newer))
		k.u64(b.card(a.Older))
	}
	return Page{Path: index(a.URL), Render: func() ([]byte, error) { return b.article(a) },
		Deps: func(k *keyer) {
			own(k)
			a.RelatedWindows(func(t *site.Tag, lo, hi int) { k.u64(b.windowKey(t, lo, hi)) })
		},
		Exact: func(k *keyer) {
			own(k)
			related := a.Related()
			k.int(len(related))
			for _, r := range related {
				k.u64(b.card(r))
			}
		}}
}

// page starts the data every page template gets.
func (b *Site) page(kind, url, title, description string) render.Page {
	return render.Page{
		Site: b.view, Kind: kind, URL: url, Title: title,
		Description: description, FeedTitle: b.Model.Config.Title,
	}
}

// execute renders template name with data for the file rel.
func (b *Site) execute(rel, name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := b.theme.Execute(&buf, name, data); err != nil {
		return nil, fmt.Errorf("render %s: %w", rel, err)
	}
	return buf.Bytes(), nil
}

// index is the file that serves a folder URL.
func index(url string) string {
	if clean(url) {
		return url + "index.html"
	}
	return path.Join(url, "index.html")
}

// clean says whether url is empty or a relative path of plain names
// that ends with a slash, such as "articles/syria/": one path.Join would
// not change but for its last slash. (Nearly every URL of a site is:
// index leaves path.Join, which takes a tenth of planning the pages of
// a large site, to the others.)
func clean(url string) bool {
	if url == "" {
		return true
	}
	if url[0] == '/' || url[len(url)-1] != '/' {
		return false
	}
	for i := 0; i < len(url); i++ {
		switch c := url[i]; {
		case c == '.', c == '/' && i > 0 && url[i-1] == '/':
			return false
		}
	}
	return true
}

// feedArticles marks the articles whose whole text some feed carries.
func (b *Site) feedArticles() []bool {
	n := b.Model.Config.FeedSize
	in := make([]bool, len(b.Model.Articles))
	if !b.Model.Config.FeedFullContent || len(b.Model.Config.Feeds) == 0 {
		return in
	}
	mark := func(list []*site.Article) {
		for _, a := range list[:min(n, len(list))] {
			in[a.Index] = true
		}
	}
	mark(b.Model.Articles)
	for _, t := range b.Model.Tags {
		mark(t.Articles)
	}
	return in
}

// forget drops what pages share while they render, the cards and the
// articles' HTML kept for feeds, once every page is rendered: a build
// then makes the search index without them in memory. Pages rendered
// after it make their own.
func (b *Site) forget() {
	b.mu.Lock()
	b.bodies, b.inFeed = map[*site.Article]string{}, nil
	b.mu.Unlock()
	b.cardHTML = nil
}

// body returns an article's HTML, keeping it when a feed needs it.
func (b *Site) body(a *site.Article) (string, error) {
	b.mu.Lock()
	html, ok := b.bodies[a]
	b.mu.Unlock()
	if ok {
		return html, nil
	}
	src, err := a.ReadBody()
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := b.md.Convert(src, &buf); err != nil {
		return "", fmt.Errorf("%s: markdown: %w", a.Path, err)
	}
	html = buf.String()
	if a.Index < len(b.inFeed) && b.inFeed[a.Index] {
		b.mu.Lock()
		b.bodies[a] = html
		b.mu.Unlock()
	}
	return html, nil
}

// article renders one article's page.
func (b *Site) article(a *site.Article) ([]byte, error) {
	body, err := b.body(a)
	if err != nil {
		return nil, err
	}
	p := b.page("article", a.URL, a.Title, a.Summary)
	if a.Image != "" && render.SafeURL(a.Image) {
		p.Image = b.abs(a.Image)
	}
	data := &render.ArticlePage{Page: p, Article: a, Content: template.HTML(body), JSONLD: b.jsonLD(a, p.Image)}
	return b.execute(index(a.URL), "article.html", data)
}

// abs makes a link from content absolute: site paths get the base URL.
func (b *Site) abs(u string) string {
	if len(u) > 0 && u[0] == '/' {
		return b.view.BaseURL + u[1:]
	}
	return u
}

// jsonLD is the schema.org NewsArticle of an article page.
func (b *Site) jsonLD(a *site.Article, image string) map[string]any {
	ld := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         a.Title,
		"url":              b.view.BaseURL + a.URL,
		"mainEntityOfPage": b.view.BaseURL + a.URL,
		"publisher":        map[string]any{"@type": "Organization", "name": b.Model.Config.Title},
	}
	if a.Dated() {
		ld["datePublished"] = a.Date.Format("2006-01-02T15:04:05Z07:00")
	}
	if a.Summary != "" {
		ld["description"] = render.Truncate(300, a.Summary)
	}
	if a.Author != "" {
		ld["author"] = map[string]any{"@type": "Person", "name": a.Author}
	}
	if image != "" {
		ld["image"] = image
	}
	if len(a.Tags) > 0 {
		var kw []string
		for _, t := range a.Tags {
			kw = append(kw, t.Name)
		}
		ld["keywords"] = kw
	}
	return ld
}

// lists returns the pages of one paginated list.
func (b *Site) lists(kind, url, title, heading string, list []*site.Article, tag *site.Tag) []Page {
	pages := site.Paginate(list, b.Model.Config.PageSize, url)
	if heading == "" {
		heading = "Latest articles"
	}
	out := make([]Page, len(pages))
	for i, pg := range pages {
		deps := func(k *keyer) {
			k.str(kind)
			k.str(title)
			k.str(heading)
			if tag != nil {
				k.str(tag.Name)
				k.str(tag.URL)
				k.int(len(tag.Articles))
			}
			k.int(pg.Number)
			k.int(pg.Total)
			k.int(len(list))
			for _, a := range pg.Articles {
				k.u64(b.card(a))
			}
		}
		out[i] = Page{Path: index(pg.URL), Deps: deps, Render: func() ([]byte, error) {
			t := title
			if kind == "home" {
				t = ""
				if pg.Number > 1 {
					t = fmt.Sprintf("Page %d", pg.Number)
				}
			} else if pg.Number > 1 {
				t = fmt.Sprintf("%s · page %d", title, pg.Number)
			}
			p := b.page(kind, pg.URL, t, b.Model.Config.Description)
			if tag != nil {
				p.Feed, p.FeedTitle = tag.URL, tag.Name+" · "+b.Model.Config.Title
				p.Description = fmt.Sprintf("Articles tagged %s in %s.", tag.Name, b.Model.Config.Title)
			}
			return b.execute(index(pg.URL), "list.html", &render.ListPage{Page: p, Heading: heading, Pager: pg, Tag: tag})
		}}
	}
	return out
}

// tagsIndex is the tags index, by name or by count.
func (b *Site) tagsIndex(byCount bool) Page {
	url := "tags/"
	if byCount {
		url = "tags/by-count/"
	}
	return Page{Path: index(url), Render: func() ([]byte, error) {
		tags := b.Model.Tags
		if byCount {
			tags = append([]*site.Tag(nil), tags...)
			sortByCount(tags)
		}
		p := b.page("tags", url, "Tags", fmt.Sprintf("All %d tags of %s.", len(tags), b.Model.Config.Title))
		return b.execute(index(url), "tags.html", &render.TagsPage{Page: p, Tags: tags, ByCount: byCount})
	}}
}

// archive is the index of years and months.
func (b *Site) archive() Page {
	return Page{Path: "archive/index.html", Render: func() ([]byte, error) {
		p := b.page("archive", "archive/", "Archive", "Every article of "+b.Model.Config.Title+" by date.")
		return b.execute("archive/index.html", "archive.html", &render.ArchivePage{Page: p, Years: b.Model.Years, Undated: len(b.Model.Undated)})
	}}
}

// searchPage is the search page, search/index.html.
func (b *Site) searchPage() Page {
	return Page{Path: "search/index.html", Render: func() ([]byte, error) {
		p := b.page("search", "search/", "Search", "Search every article of "+b.Model.Config.Title+".")
		return b.execute("search/index.html", "search.html", &render.SearchPage{Page: p, Index: SearchDir})
	}}
}

// SearchDir is the folder of the search index below the site root.
const SearchDir = "search/index/"

// searchIndex writes the search index: see package search.
func (b *Site) searchIndex() Page {
	arts := b.Model.Articles
	deps := func(k *keyer) {
		for _, a := range arts {
			k.u64(b.card(a))
			k.u64(a.Sum)
		}
	}
	return Page{Path: SearchDir, Deps: deps, Files: func(write func(string, []byte) error) error {
		return search.Build(len(arts), func(i int) (search.Doc, error) {
			a := arts[len(arts)-1-i] // oldest first
			src, err := a.ReadBody()
			if err != nil {
				return search.Doc{}, err
			}
			d := search.Doc{URL: a.URL, Title: a.Title, Date: a.Date, Text: b.md.Text(src)}
			if a.Dated() {
				d.DateText = render.Date(a.Date)
			}
			for _, t := range a.Tags {
				d.Tags = append(d.Tags, search.Tag{Name: t.Name, Slug: t.Slug, URL: t.URL})
			}
			return d, nil
		}, write)
	}}
}

// notFound is 404.html.
func (b *Site) notFound() Page {
	return Page{Path: "404.html", Render: func() ([]byte, error) {
		p := b.page("404", "404.html", "Page not found", "")
		p.NoIndex = true
		return b.execute("404.html", "404.html", &p)
	}}
}

// redirect is a page that sends readers on from an old URL.
func (b *Site) redirect(r site.Redirect) Page {
	return Page{Path: index(r.From), Render: func() ([]byte, error) {
		return b.execute(index(r.From), "redirect.html", &render.RedirectPage{Site: b.view, To: b.view.BaseURL + r.To})
	}}
}

// feeds are the feeds of a list of articles, in folder url: one per
// format the configuration lists.
func (b *Site) feeds(url, title string, list []*site.Article) []Page {
	model := func() (*feed.Feed, error) {
		cfg := b.Model.Config
		f := &feed.Feed{
			Title: title, Description: cfg.Description, Language: cfg.Language,
			Link: b.view.BaseURL + url, Self: b.view.BaseURL + url,
		}
		for _, a := range list[:min(cfg.FeedSize, len(list))] {
			it := feed.Item{Title: a.Title, Link: b.view.BaseURL + a.URL, Date: a.Date, Summary: a.Summary, Author: a.Author}
			if cfg.FeedFullContent {
				body, err := b.body(a)
				if err != nil {
					return nil, err
				}
				it.Content = body
			}
			for _, t := range a.Tags {
				it.Tags = append(it.Tags, t.Name)
			}
			f.Items = append(f.Items, it)
		}
		return f, nil
	}
	deps := func(k *keyer) {
		k.str(title)
		for _, a := range list[:min(b.Model.Config.FeedSize, len(list))] {
			k.u64(b.card(a))
			if b.Model.Config.FeedFullContent {
				k.u64(a.Sum)
			}
		}
	}
	page := func(name string, write func(*feed.Feed, *bytes.Buffer) error) Page {
		return Page{Path: url + name, Deps: deps, Render: func() ([]byte, error) {
			f, err := model()
			if err != nil {
				return nil, err
			}
			var buf bytes.Buffer
			if err := write(f, &buf); err != nil {
				return nil, fmt.Errorf("feed %s%s: %w", url, name, err)
			}
			return buf.Bytes(), nil
		}}
	}
	var pages []Page
	for _, f := range b.view.Feeds {
		pages = append(pages, page(f.File, func(model *feed.Feed, buf *bytes.Buffer) error { return f.Write(model, buf) }))
	}
	return pages
}

// static are the theme's static files, such as style.css, as they are.
func (b *Site) static() []Page {
	names, err := b.theme.Static()
	if err != nil {
		return []Page{{Path: "style.css", Render: func() ([]byte, error) { return nil, err }}}
	}
	pages := make([]Page, len(names))
	for i, name := range names {
		pages[i] = Page{Path: name, Render: func() ([]byte, error) { return b.theme.ReadFile(name) }}
	}
	return pages
}

// siteFiles are the files of the site's static/ folder (images, PDFs …),
// copied to the same place below the site root. One that has the path of
// a page gazette makes is an error at write time.
func (b *Site) siteFiles() []Page {
	var pages []Page
	filepath.WalkDir(b.staticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		rel, _ := filepath.Rel(b.staticDir, p)
		pg := Page{Path: filepath.ToSlash(rel), Render: func() ([]byte, error) { return os.ReadFile(p) }}
		if info, err := d.Info(); err == nil {
			pg.Deps = func(k *keyer) {
				k.int(int(info.Size()))
				k.time(info.ModTime())
			}
		}
		pages = append(pages, pg)
		return nil
	})
	return pages
}
