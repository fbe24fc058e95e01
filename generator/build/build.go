// Package build runs one whole build: load the site, render every page and
// feed, and swap the result into the destination.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"gazette/generator/content"
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
	// Theme is the default theme; the site's templates/ folder overrides
	// its files one by one.
	Theme fs.FS
	// Progress, when set, is called as pages are written.
	Progress func(done, total int)
}

// Result sums up a build.
type Result struct {
	Articles, Tags, Files int
	Warnings              []string
	Elapsed               time.Duration
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
	md := render.NewMarkdown(cfg.UnsafeHTML)
	s, err := site.Load(filepath.Join(opt.Source, "content"), site.Options{
		Config: cfg, Tags: tags, TagsFile: tagsFile, Drafts: opt.Drafts, Summarize: md.Summary,
	})
	if err != nil {
		return nil, err
	}
	view := render.NewSite(s)
	th, err := render.LoadTheme(themeFS(opt), render.Funcs(view))
	if err != nil {
		return nil, err
	}
	out, err := output.Create(opt.Dest)
	if err != nil {
		return nil, err
	}
	b := &builder{site: s, view: view, theme: th, md: md, out: out, progress: opt.Progress}
	if err := b.all(); err != nil {
		out.Abort()
		return nil, err
	}
	files := out.Count()
	if err := out.Commit(); err != nil {
		out.Abort()
		return nil, err
	}
	return &Result{Articles: len(s.Articles), Tags: len(s.Tags), Files: files, Warnings: s.Warnings, Elapsed: time.Since(start)}, nil
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

// builder holds one build's state.
type builder struct {
	site     *site.Site
	view     *render.Site
	theme    *render.Theme
	md       *render.Markdown
	out      *output.Dir
	progress func(done, total int)

	// bodies keeps the rendered HTML of the articles that feeds carry, by
	// Article.Index, so that no article is converted twice.
	bodies []string
}

// job is one unit of parallel work.
type job func() error

// run runs jobs on every core and returns all their errors.
func (b *builder) run(jobs []job) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs content.ErrorList
		done int
	)
	next := make(chan job)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				err := j()
				mu.Lock()
				errs.Add(err)
				done++
				if b.progress != nil {
					b.progress(done, len(jobs))
				}
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	errs.Sort()
	return errs.Err()
}
