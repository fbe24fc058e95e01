// Package build turns a site's folder into its pages: it loads the
// content, plans every file of the built site as a Page that renders
// itself, and, for a build, renders them all on every core and swaps the
// result into the destination. The preview server renders the same pages
// one at a time, as they are asked for.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gazette/generator/content"
	"gazette/generator/internal/parallel"
	"gazette/generator/lock"
	"gazette/generator/output"
	"gazette/generator/render"
	"gazette/generator/site"
)

// Options say what to build and where.
type Options struct {
	Source string // the site's folder: gazette.yaml, tags.yaml, content/, templates/
	Dest   string // where the built site goes; default Source/public
	// BaseURL, when set, overrides the config's base_url.
	BaseURL string
	Drafts  bool
	// KeepBodies holds articles' bodies in memory (see site.Options).
	KeepBodies bool
	// Theme is the default theme; the site's templates/ folder overrides
	// its files one by one.
	Theme fs.FS
	// Progress, when set, is called as pages are written.
	Progress func(done, total int)
	// Discard, when set, disposes of the previous site once the new one
	// is in place (see output.Dir); by default the build removes it.
	Discard func(dir string) error
	// Full renders every page, even where only some could have changed.
	Full bool
	// State is where builds keep what they record for the next one (the
	// manifest of each destination, the cache of parsed front matter);
	// default Source/.gazette/build.
	State string
}

// Result sums up a build.
type Result struct {
	Articles, Tags, Files int
	Warnings              []string
	Elapsed               time.Duration
	// Search is the part of Elapsed spent making the search index.
	Search time.Duration
	// Incremental says the build changed the previous site in place: it
	// rendered Rendered of the site's Files pages, wrote the Rewritten
	// files whose bytes changed and removed Removed files the site no
	// longer has.
	Incremental                  bool
	Rendered, Rewritten, Removed int
}

// Run builds the site. On any error the destination is left as it was.
func Run(opt Options) (*Result, error) {
	start := time.Now()
	if opt.Dest == "" {
		opt.Dest = filepath.Join(opt.Source, "public")
	}
	if err := checkDest(opt.Source, opt.Dest); err != nil {
		return nil, err
	}
	// One build at a time into a destination: the swap and the clean-up of
	// killed builds' folders must not meet another build's.
	dir, base := filepath.Split(filepath.Clean(opt.Dest))
	lk, err := lock.Acquire(filepath.Join(dir, ".gazette-"+base+".lock"), "build")
	if err != nil {
		return nil, err
	}
	defer lk.Release()
	if opt.State == "" {
		opt.State = filepath.Join(opt.Source, ".gazette", "build")
		if testState != "" {
			opt.State = testState
		}
	}
	manPath := manifestPath(opt.State, opt.Dest)
	man := readManifestAsync(manPath)
	loader := NewLoader(opt)
	cachePath := filepath.Join(opt.State, "articles")
	cacheKey := fmt.Sprint(programSum())
	loader.articles.LoadCache(cachePath, cacheKey)
	s, err := loader.Load()
	if err != nil {
		return nil, err
	}
	siteKey, err := s.siteKey(opt)
	if err != nil {
		return nil, err
	}
	allPages := s.Pages()
	pageKeys := keys(allPages, siteKey)
	// What the build records for the next is a help, not its result: a
	// failure to record it is reported and leaves the next build whole.
	record := func(res *Result) *Result {
		if err := loader.articles.SaveCache(cachePath, cacheKey); err != nil {
			res.Warnings = append(res.Warnings, "warning: "+err.Error())
		}
		return res
	}
	if res, updated, err := s.update(opt, manPath, <-man, allPages, pageKeys, siteKey); err != nil {
		return nil, err
	} else if updated {
		res.Elapsed = time.Since(start)
		return record(res), nil
	}
	os.Remove(manPath)
	out, err := output.Create(opt.Dest)
	if err != nil {
		return nil, err
	}
	out.Discard = opt.Discard
	searchTime, err := s.render(opt, allPages, out.Write, func(p Page) error {
		return p.Files(func(name string, data []byte) error { return out.Write(p.Path+name, data) })
	})
	if err != nil {
		out.Abort()
		return nil, fmt.Errorf("%w\n(nothing was changed in %s)", err, opt.Dest)
	}
	files := out.Count()
	if err := out.Commit(); err != nil {
		out.Abort()
		return nil, err
	}
	res := &Result{Articles: len(s.Model.Articles), Tags: len(s.Model.Tags), Files: files, Warnings: s.Model.Warnings, Search: searchTime}
	exact := make([]uint64, len(allPages))
	fillExact(allPages, exact, siteKey)
	if err := writeManifest(manPath, siteKey, opt.Dest, allPages, pageKeys, exact); err != nil {
		res.Warnings = append(res.Warnings, "warning: "+err.Error())
	}
	res.Elapsed = time.Since(start)
	return record(res), nil
}

// render renders pages, each page's file through put and each folder of
// files made together (the search index) through folder, and says how long
// the search index took. Pages render on every core; then the folders,
// which use every core themselves. Run one after the other, each phase
// has the machine to itself.
func (b *Site) render(opt Options, pages []Page, put func(path string, data []byte) error, folder func(Page) error) (searchTime time.Duration, err error) {
	var files, folders []Page
	for _, p := range pages {
		if p.Files != nil {
			folders = append(folders, p)
		} else {
			files = append(files, p)
		}
	}
	var done atomic.Int64
	progress := func() {
		if opt.Progress != nil {
			opt.Progress(int(done.Add(1)), len(pages))
		}
	}
	err = parallel.For(len(files), func(i int) error {
		defer progress()
		data, err := files[i].Render()
		if err != nil {
			return err
		}
		return put(files[i].Path, data)
	})
	b.forget()
	for _, p := range folders {
		if err != nil {
			break
		}
		t := time.Now()
		err = folder(p)
		if p.Path == SearchDir {
			searchTime = time.Since(t)
		}
		progress()
	}
	return searchTime, err
}

// testState, set by the package's tests, is the State of builds that
// give none.
var testState string

// Site is a loaded site, ready to render.
type Site struct {
	Model *site.Site
	view  *render.Site
	theme *render.Theme
	md    *render.Markdown

	// bodies keeps the rendered HTML of the articles that feeds carry,
	// so that no article is converted twice.
	mu     sync.Mutex
	bodies map[*site.Article]string
	inFeed []bool

	// cardHTML keeps each article's card as the "card" template makes
	// it: an article is listed on several list pages (latest, its tags,
	// its year and month), and its card is made once.
	cardHTML []atomic.Pointer[template.HTML]

	// cardKeys are the articles' card keys (see cards); prefix and
	// invPow hash windows of tags' lists (see windowKey).
	cardsOnce   sync.Once
	cardKeys    []uint64
	windowsOnce sync.Once
	prefix      map[*site.Tag][]uint64
	invPow      []uint64

	staticDir string // the site's static/ folder, copied as it is
	// contentDir is the content folder's path, with a separator at its
	// end, as it starts every article's Path.
	contentDir string
}

// Load reads the site's configuration, tags, content and templates. All
// problems with the content are returned together.
func Load(opt Options) (*Site, error) { return NewLoader(opt).Load() }

// Loader loads a site again and again, re-reading only the articles that
// changed since its last Load; configuration, tags and templates are read
// each time. It is not safe for concurrent use.
type Loader struct {
	opt      Options
	articles site.Loader
}

// NewLoader returns a Loader for the site of opt.
func NewLoader(opt Options) *Loader { return &Loader{opt: opt} }

// Load loads the site.
func (l *Loader) Load() (*Site, error) {
	opt := l.opt
	cfg, err := content.LoadConfig(filepath.Join(opt.Source, "gazette.yaml"))
	if err != nil {
		return nil, err
	}
	if opt.BaseURL != "" {
		if err := cfg.SetBaseURL(opt.BaseURL); err != nil {
			return nil, fmt.Errorf("--base-url: %w", err)
		}
	}
	tagsFile := filepath.Join(opt.Source, "tags.yaml")
	tags, err := content.LoadTags(tagsFile)
	if err != nil {
		return nil, err
	}
	md := render.NewMarkdown(cfg.UnsafeHTML, basePath(cfg.BaseURL))
	model, err := l.articles.Load(filepath.Join(opt.Source, "content"), site.Options{
		Config: cfg, Tags: tags, TagsFile: tagsFile, Drafts: opt.Drafts, Summarize: md.Summary, KeepBodies: opt.KeepBodies,
	})
	if err != nil {
		return nil, err
	}
	return New(model, opt, md)
}

// New prepares a loaded model for rendering with the theme of opt.
func New(model *site.Site, opt Options, md *render.Markdown) (*Site, error) {
	view := render.NewSite(model)
	s := &Site{Model: model, view: view, md: md, bodies: map[*site.Article]string{},
		staticDir: filepath.Join(opt.Source, "static"), contentDir: filepath.Join(opt.Source, "content") + string(filepath.Separator), cardHTML: make([]atomic.Pointer[template.HTML], len(model.Articles))}
	funcs := render.Funcs(view)
	funcs["card"] = s.cardOf
	th, err := render.LoadTheme(themeFS(opt), funcs)
	if err != nil {
		return nil, err
	}
	s.theme = th
	s.inFeed = s.feedArticles()
	return s, nil
}

// cardOf renders an article's card with the theme's "card" template,
// once for the whole build: the template function "card".
func (b *Site) cardOf(a *site.Article) (template.HTML, error) {
	if a.Index < len(b.cardHTML) {
		if h := b.cardHTML[a.Index].Load(); h != nil {
			return *h, nil
		}
	}
	var buf bytes.Buffer
	if err := b.theme.ExecutePartial(&buf, "card", a); err != nil {
		return "", err
	}
	h := template.HTML(buf.String())
	if a.Index < len(b.cardHTML) && b.Model.Articles[a.Index] == a {
		b.cardHTML[a.Index].Store(&h)
	}
	return h, nil
}

// basePath is the path of a base URL: "/" or "/archive/".
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// themeFS layers the site's templates/ folder over the default theme.
func themeFS(opt Options) fs.FS {
	dir := filepath.Join(opt.Source, "templates")
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		if opt.Theme == nil {
			return os.DirFS(dir)
		}
		return render.Layer(os.DirFS(dir), opt.Theme)
	}
	return opt.Theme
}

// checkDest refuses a destination that the swap into place would destroy
// the site's own files with: the site folder itself or one of its parents,
// or a folder inside content/ or templates/.
func checkDest(source, dest string) error {
	src, err1 := filepath.Abs(source)
	dst, err2 := filepath.Abs(dest)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	within := func(p, dir string) bool {
		rel, err := filepath.Rel(dir, p)
		return err == nil && (rel == "." || !strings.HasPrefix(rel, ".."))
	}
	if within(src, dst) {
		return fmt.Errorf("output %s: would replace the site folder %s; choose another --dest", dest, source)
	}
	for _, sub := range []string{"content", "templates"} {
		if within(dst, filepath.Join(src, sub)) {
			return fmt.Errorf("output %s: is inside the site's %s/ folder; choose another --dest", dest, sub)
		}
	}
	return nil
}
