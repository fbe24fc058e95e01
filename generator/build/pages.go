package build

import (
	"bytes"
	"fmt"
	"html/template"
	"path"

	"gazette/generator/feed"
	"gazette/generator/render"
	"gazette/generator/site"
)

// all writes every file of the site: articles first, since feeds reuse
// their HTML, then everything else.
func (b *builder) all() error {
	s := b.site
	b.bodies = make([]string, len(s.Articles))
	inFeed := b.feedArticles()
	var jobs []job
	for _, a := range s.Articles {
		jobs = append(jobs, func() error { return b.article(a, inFeed[a.Index]) })
	}
	if err := b.run(jobs); err != nil {
		return err
	}
	jobs = jobs[:0]
	jobs = append(jobs, b.lists("home", "", s.Config.Title, "", s.Articles, nil)...)
	for _, t := range s.Tags {
		jobs = append(jobs, b.lists("tag", t.URL, t.Name, "Articles tagged “"+t.Name+"”", t.Articles, t)...)
		jobs = append(jobs, b.feeds(t.URL, t.Name+" · "+s.Config.Title, t.Articles))
	}
	for _, y := range s.Years {
		jobs = append(jobs, b.lists("year", y.URL, fmt.Sprint(y.Year), fmt.Sprint(y.Year), y.Articles, nil)...)
		for _, m := range y.Months {
			name := fmt.Sprintf("%s %d", m.Month, m.Year)
			jobs = append(jobs, b.lists("month", m.URL, name, name, m.Articles, nil)...)
		}
	}
	if len(s.Undated) > 0 {
		jobs = append(jobs, b.lists("undated", "archive/undated/", "Undated", "Undated articles", s.Undated, nil)...)
	}
	jobs = append(jobs,
		b.feeds("", s.Config.Title, s.Articles),
		b.tagsIndex(false), b.tagsIndex(true), b.archive(), b.notFound(),
		b.sitemap, b.robots, b.static,
	)
	for _, r := range s.Redirects {
		jobs = append(jobs, b.redirect(r))
	}
	return b.run(jobs)
}

// page starts the data every page template gets.
func (b *builder) page(kind, url, title, description string) render.Page {
	return render.Page{
		Site: b.view, Kind: kind, URL: url, Title: title,
		Description: description, FeedTitle: b.site.Config.Title,
	}
}

// write renders template name with data into the file rel.
func (b *builder) write(rel, name string, data any) error {
	var buf bytes.Buffer
	if err := b.theme.Execute(&buf, name, data); err != nil {
		return fmt.Errorf("render %s: %w", rel, err)
	}
	return b.out.Write(rel, buf.Bytes())
}

// index is the file that serves a folder URL.
func index(url string) string { return path.Join(url, "index.html") }

// feedArticles marks the articles that some feed carries.
func (b *builder) feedArticles() []bool {
	n := b.site.Config.FeedSize
	in := make([]bool, len(b.site.Articles))
	mark := func(list []*site.Article) {
		for _, a := range list[:min(n, len(list))] {
			in[a.Index] = true
		}
	}
	mark(b.site.Articles)
	for _, t := range b.site.Tags {
		mark(t.Articles)
	}
	return in
}

// article writes one article's page, keeping its HTML when a feed needs it.
func (b *builder) article(a *site.Article, keep bool) error {
	var body bytes.Buffer
	if err := b.md.Convert(a.Body, &body); err != nil {
		return fmt.Errorf("%s: markdown: %w", a.Path, err)
	}
	if keep {
		b.bodies[a.Index] = body.String()
	}
	p := b.page("article", a.URL, a.Title, a.Summary)
	if a.Image != "" && render.SafeURL(a.Image) {
		p.Image = b.abs(a.Image)
	}
	data := &render.ArticlePage{Page: p, Article: a, Content: template.HTML(body.String()), JSONLD: b.jsonLD(a, p.Image)}
	return b.write(index(a.URL), "article.html", data)
}

// abs makes a link from content absolute: site paths get the base URL.
func (b *builder) abs(u string) string {
	if len(u) > 0 && u[0] == '/' {
		return b.view.BaseURL + u[1:]
	}
	return u
}

// jsonLD is the schema.org NewsArticle of an article page.
func (b *builder) jsonLD(a *site.Article, image string) map[string]any {
	ld := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         a.Title,
		"url":              b.view.BaseURL + a.URL,
		"mainEntityOfPage": b.view.BaseURL + a.URL,
		"publisher":        map[string]any{"@type": "Organization", "name": b.site.Config.Title},
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

// lists returns the jobs that write the pages of one paginated list.
func (b *builder) lists(kind, url, title, heading string, list []*site.Article, tag *site.Tag) []job {
	pages := site.Paginate(list, b.site.Config.PageSize, url)
	if heading == "" {
		heading = "Latest articles"
	}
	jobs := make([]job, len(pages))
	for i, pg := range pages {
		jobs[i] = func() error {
			t := title
			if kind == "home" {
				t = ""
				if pg.Number > 1 {
					t = fmt.Sprintf("Page %d", pg.Number)
				}
			} else if pg.Number > 1 {
				t = fmt.Sprintf("%s · page %d", title, pg.Number)
			}
			p := b.page(kind, pg.URL, t, b.site.Config.Description)
			if tag != nil {
				p.Feed, p.FeedTitle = tag.URL, tag.Name+" · "+b.site.Config.Title
				p.Description = fmt.Sprintf("Articles tagged %s in %s.", tag.Name, b.site.Config.Title)
			}
			return b.write(index(pg.URL), "list.html", &render.ListPage{Page: p, Heading: heading, Pager: pg, Tag: tag})
		}
	}
	return jobs
}

// tagsIndex writes the tags index, by name or by count.
func (b *builder) tagsIndex(byCount bool) job {
	return func() error {
		url, tags := "tags/", b.site.Tags
		if byCount {
			url = "tags/by-count/"
			tags = append([]*site.Tag(nil), tags...)
			sortByCount(tags)
		}
		p := b.page("tags", url, "Tags", fmt.Sprintf("All %d tags of %s.", len(tags), b.site.Config.Title))
		return b.write(index(url), "tags.html", &render.TagsPage{Page: p, Tags: tags, ByCount: byCount})
	}
}

// archive writes the index of years and months.
func (b *builder) archive() job {
	return func() error {
		p := b.page("archive", "archive/", "Archive", "Every article of "+b.site.Config.Title+" by date.")
		return b.write("archive/index.html", "archive.html", &render.ArchivePage{Page: p, Years: b.site.Years, Undated: len(b.site.Undated)})
	}
}

// notFound writes 404.html.
func (b *builder) notFound() job {
	return func() error {
		p := b.page("404", "404.html", "Page not found", "")
		p.NoIndex = true
		return b.write("404.html", "404.html", &p)
	}
}

// redirect writes a page that sends readers on from an old URL.
func (b *builder) redirect(r site.Redirect) job {
	return func() error {
		return b.write(index(r.From), "redirect.html", &render.RedirectPage{Site: b.view, To: b.view.BaseURL + r.To})
	}
}

// feeds writes the three feeds of a list of articles into folder url.
func (b *builder) feeds(url, title string, list []*site.Article) job {
	return func() error {
		f := &feed.Feed{
			Title: title, Description: b.site.Config.Description, Language: b.site.Config.Language,
			Link: b.view.BaseURL + url, Self: b.view.BaseURL + url,
		}
		for _, a := range list[:min(b.site.Config.FeedSize, len(list))] {
			it := feed.Item{Title: a.Title, Link: b.view.BaseURL + a.URL, Date: a.Date, Summary: a.Summary, Author: a.Author}
			if b.site.Config.FeedFullContent {
				it.Content = b.bodies[a.Index]
			}
			for _, t := range a.Tags {
				it.Tags = append(it.Tags, t.Name)
			}
			f.Items = append(f.Items, it)
		}
		for _, w := range []struct {
			name  string
			write func(*feed.Feed, *bytes.Buffer) error
		}{
			{feed.RSSFile, func(f *feed.Feed, buf *bytes.Buffer) error { return f.RSS(buf) }},
			{feed.AtomFile, func(f *feed.Feed, buf *bytes.Buffer) error { return f.Atom(buf) }},
			{feed.JSONFile, func(f *feed.Feed, buf *bytes.Buffer) error { return f.JSON(buf) }},
		} {
			var buf bytes.Buffer
			if err := w.write(f, &buf); err != nil {
				return fmt.Errorf("feed %s%s: %w", url, w.name, err)
			}
			if err := b.out.Write(url+w.name, buf.Bytes()); err != nil {
				return err
			}
		}
		return nil
	}
}

// static copies the theme's static files, such as style.css.
func (b *builder) static() error {
	names, err := b.theme.Static()
	if err != nil {
		return err
	}
	for _, name := range names {
		data, err := b.theme.ReadFile(name)
		if err != nil {
			return err
		}
		if err := b.out.Write(name, data); err != nil {
			return err
		}
	}
	return nil
}
