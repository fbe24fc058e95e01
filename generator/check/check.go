// Package check reads a site and lists what its owner should fix, without
// writing anything.
package check

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"gazette/generator/build"
	"gazette/generator/content"
	"gazette/generator/importer"
	"gazette/generator/render"
	"gazette/generator/site"
)

// Finding is one thing to fix.
type Finding struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

func (f Finding) String() string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d: %s: %s", f.File, f.Line, f.Kind, f.Message)
	}
	if f.File == "" {
		return fmt.Sprintf("%s: %s", f.Kind, f.Message)
	}
	return fmt.Sprintf("%s: %s: %s", f.File, f.Kind, f.Message)
}

// Kinds of findings.
const (
	FrontMatter = "front matter" // a field that does not parse, or is missing
	Body        = "body"         // an article with no text
	Duplicate   = "duplicate"    // the same article twice
	Tags        = "tags"         // spellings to settle
	Link        = "link"         // an internal link that leads nowhere
	Image       = "image"        // an image the site does not have
	Site        = "site"         // configuration, tags.yaml, slugs, templates
)

// Run checks the site in source. It reports every finding it can; an
// error means the site could not be read at all.
func Run(source string, theme fs.FS) ([]Finding, error) {
	var out []Finding
	var add func(err error, kind string)
	add = func(err error, kind string) {
		var list content.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				add(e, kind)
			}
			return
		}
		var ce *content.Error
		if errors.As(err, &ce) {
			out = append(out, Finding{File: ce.Path, Line: ce.Line, Kind: kind, Message: strings.TrimPrefix(ce.Err.Error(), kind+": ")})
			return
		}
		out = append(out, Finding{Kind: kind, Message: err.Error()})
	}
	cfg, err := content.LoadConfig(filepath.Join(source, "gazette.yaml"))
	if err != nil {
		add(err, Site)
	}
	tagsFile := filepath.Join(source, "tags.yaml")
	tags, err := content.LoadTags(tagsFile)
	if err != nil {
		add(err, Site)
	}
	md := render.NewMarkdown(cfg.UnsafeHTML, "/")
	arts, err := parse(filepath.Join(source, "content"), md)
	if err != nil {
		add(err, FrontMatter)
	}
	for _, a := range arts {
		if strings.TrimSpace(string(a.Body)) == "" {
			out = append(out, Finding{File: a.Path, Line: a.BodyLine, Kind: Body, Message: "the article has no text"})
		}
		for _, w := range a.Warnings() {
			out = append(out, Finding{File: a.Path, Kind: FrontMatter, Message: warning(w)})
		}
	}
	out = append(out, duplicates(arts)...)
	model, err := site.New(arts, site.Options{Config: cfg, Tags: tags, TagsFile: tagsFile, Drafts: true, Summarize: md.Summary})
	if err != nil {
		add(err, Site)
		return sorted(out), nil
	}
	for _, w := range model.Warnings {
		kind := Site
		if strings.Contains(w, "warning: tag ") {
			kind = Tags
		}
		out = append(out, Finding{Kind: kind, Message: warning(w)})
	}
	b, err := build.New(model, build.Options{Source: source, Theme: theme}, md)
	if err != nil {
		add(err, Site)
		return sorted(out), nil
	}
	out = append(out, links(model, b, md)...)
	return sorted(out), nil
}

// warning strips the place and "warning:" from a warning the loader gave.
func warning(w string) string {
	if _, rest, ok := strings.Cut(w, "warning: "); ok {
		w = rest
	}
	return strings.TrimPrefix(w, "front matter: ")
}

// parse reads every article that parses and returns the others' errors.
func parse(dir string, md *render.Markdown) ([]*content.Article, error) {
	paths, err := site.List(dir)
	if err != nil {
		return nil, err
	}
	var arts []*content.Article
	var errs content.ErrorList
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			errs.Add(err)
			continue
		}
		a, err := content.Parse(p, data)
		if err != nil {
			errs.Add(err)
			continue
		}
		if a.Summary == "" {
			a.Summary = md.Summary(a.Body)
		}
		arts = append(arts, a)
	}
	return arts, errs.Err()
}

// duplicates finds articles whose bodies are the same text, or nearly.
func duplicates(arts []*content.Article) []Finding {
	var out []Finding
	type seen struct {
		fp uint64
		a  *content.Article
	}
	var bands [4]map[uint16][]seen
	for i := range bands {
		bands[i] = map[uint16][]seen{}
	}
	for _, a := range arts {
		if len(strings.Fields(string(a.Body))) < 20 {
			continue // too short to tell
		}
		fp := importer.Fingerprint(string(a.Body))
		var twin *content.Article
		for i := range bands {
			for _, s := range bands[i][uint16(fp>>(16*i))] {
				if importer.Similar(fp, s.fp) && twin == nil {
					twin = s.a
				}
			}
		}
		if twin != nil {
			out = append(out, Finding{File: a.Path, Kind: Duplicate, Message: "the same article as " + twin.Path})
			continue
		}
		for i := range bands {
			b := uint16(fp >> (16 * i))
			bands[i][b] = append(bands[i][b], seen{fp, a})
		}
	}
	return out
}

// links finds links and images in articles that point at site pages or
// files that do not exist.
func links(model *site.Site, b *build.Site, md *render.Markdown) []Finding {
	have := map[string]bool{}
	for _, p := range b.Pages() {
		have[p.Path] = true
	}
	var out []Finding
	check := func(a *site.Article, ref string, image bool, line int) {
		u, err := url.Parse(ref)
		if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
			return // elsewhere, or only a #fragment
		}
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			p = path.Join("/"+a.URL, p)
			if strings.HasSuffix(u.Path, "/") {
				p += "/"
			}
		}
		rel := strings.TrimPrefix(p, "/")
		if rel == "" || strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		if have[rel] || have[rel+"/index.html"] {
			return
		}
		kind, what := Link, "link"
		if image {
			kind, what = Image, "image"
		}
		out = append(out, Finding{File: a.Path, Line: line, Kind: kind, Message: fmt.Sprintf("%s %q leads to no page or file of the site", what, ref)})
	}
	for _, a := range model.Articles {
		for _, r := range md.Refs(a.Body) {
			check(a, r.URL, r.Image, a.BodyLine+r.Line-1)
		}
		if a.Image != "" && render.SitePath(a.Image) {
			check(a, a.Image, true, 0)
		}
	}
	return out
}

func sorted(out []Finding) []Finding {
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}
