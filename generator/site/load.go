package site

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"gazette/generator/content"
	"gazette/generator/internal/parallel"
	"gazette/generator/slug"
)

// Options are the inputs of Load besides the content folder.
type Options struct {
	Config content.Config
	Tags   []content.TagEntry // the site's tags.yaml
	// TagsFile names the tags.yaml file in messages.
	TagsFile string
	// Drafts includes articles marked draft.
	Drafts bool
	// Summarize makes the default summary of an article from its Markdown
	// body. Nil leaves summaries empty unless front matter gives one.
	Summarize func(body []byte) string
	// KeepBodies holds every article's body in memory. Otherwise pages
	// read bodies again from their files as they render (see
	// content.Article.ReadBody), so that memory does not grow with the
	// archive's text; the preview server keeps them, so that the last good
	// site can still be served while a file is being edited.
	KeepBodies bool
}

// Load reads every *.md file below dir and returns the complete site. All
// problems with the files are returned together as a content.ErrorList.
func Load(dir string, opt Options) (*Site, error) {
	var l Loader
	return l.Load(dir, opt)
}

// Loader loads a site again and again, as a preview server does: it
// re-reads only the files whose size or modification time changed since
// its last Load. The zero Loader is ready to use; it is not safe for
// concurrent use.
type Loader struct {
	// shards hold what the last Load, or LoadCache, found of each file,
	// by its path below the content folder, split as the cache is
	// (shardOf): Load updates them in place, and a build with nothing
	// changed makes no map of every file.
	shards [cacheShards]map[string]loaded
	// dirty marks the cache's shards whose files Load parsed or let go
	// of since the cache was read or written; cacheKey is the key of the
	// cache the files came from (see SaveCache).
	dirty    map[int]bool
	cacheKey string
	// reading, when set, is closed once LoadCache has filled files.
	reading chan struct{}
}

// wait waits for LoadCache to finish reading.
func (l *Loader) wait() {
	if l.reading != nil {
		<-l.reading
		l.reading = nil
	}
}

type loaded struct {
	size    int64
	modTime time.Time
	article *content.Article
}

// Load is the package's Load, reusing what the previous call parsed.
func (l *Loader) Load(dir string, opt Options) (*Site, error) {
	listed, err := list(dir)
	if err != nil {
		return nil, err
	}
	paths := listed.paths
	sizes, mods, err := listed.stat()
	listed.close()
	if err != nil {
		return nil, err
	}
	arts := make([]*content.Article, len(paths))
	var stale []string
	var staleAt []int
	l.wait()
	if l.dirty == nil {
		l.dirty = map[int]bool{}
	}
	// Files are known by their path below dir, so that the same site
	// named by another path (relative, absolute) finds them.
	shard := make([]uint8, len(paths)) // each file's shard
	var found [cacheShards]int         // how many files listed each shard holds
	for i, p := range paths {
		rel := listed.rel[i]
		k := shardOf(rel)
		shard[i] = uint8(k)
		if f, ok := l.shards[k][rel]; ok {
			found[k]++
			if f.size == sizes[i] && f.modTime.Equal(mods[i]) {
				f.article.Path = p // as this Load names it
				arts[i] = f.article
				continue
			}
		}
		stale, staleAt = append(stale, p), append(staleAt, i)
	}
	// A shard that holds files not listed any more lets go of them.
	for k, files := range l.shards {
		if found[k] == len(files) {
			continue
		}
		here := map[string]bool{}
		for i, rel := range listed.rel {
			if int(shard[i]) == k {
				here[rel] = true
			}
		}
		for rel := range files {
			if !here[rel] {
				delete(files, rel)
			}
		}
		l.dirty[k] = true
	}
	for _, i := range staleAt {
		k := int(shard[i])
		delete(l.shards[k], listed.rel[i])
		l.dirty[k] = true
	}
	// Keep what parsed, so that fixing one file re-reads only it.
	parsed, err := parseAll(stale, opt.Summarize, opt.KeepBodies)
	for j, a := range parsed {
		if a != nil {
			i := staleAt[j]
			k := int(shard[i])
			if l.shards[k] == nil {
				l.shards[k] = map[string]loaded{}
			}
			l.shards[k][listed.rel[i]] = loaded{size: sizes[i], modTime: mods[i], article: a}
			arts[i] = a
		}
	}
	if err != nil {
		return nil, err
	}
	return New(arts, opt)
}

// parseAll reads and parses the files on every core. The result is in the
// order of paths; the articles' bodies are dropped unless keep is set.
func parseAll(paths []string, summarize func([]byte) string, keep bool) ([]*content.Article, error) {
	arts := make([]*content.Article, len(paths))
	err := parallel.For(len(paths), func(i int) error {
		a, err := content.ParseFile(paths[i])
		if err != nil {
			return err
		}
		if a.Summary == "" && summarize != nil {
			a.Summary = summarize(a.Body)
		}
		if !keep {
			a.DropBody()
		}
		arts[i] = a
		return nil
	})
	return arts, err
}

// New places parsed articles, given in path order, into a Site.
func New(arts []*content.Article, opt Options) (*Site, error) {
	s := &Site{Config: opt.Config}
	placed := make([]Article, 0, len(arts)) // one allocation, not one per article
	for _, a := range arts {
		if !a.Draft || opt.Drafts {
			placed = append(placed, Article{Article: a, Summary: a.Summary, site: s})
		}
	}
	s.Articles = make([]*Article, len(placed))
	for i := range placed {
		s.Articles[i] = &placed[i]
	}
	if err := s.assignSlugs(); err != nil {
		return nil, err
	}
	sortArticles(s.Articles)
	for i, a := range s.Articles {
		a.Index = i
		if i > 0 {
			a.Newer = s.Articles[i-1]
			s.Articles[i-1].Older = a
		}
	}
	// The date archive and the tags are made side by side: they read the
	// articles in site order and write apart.
	var archived sync.WaitGroup
	archived.Go(s.buildArchive)
	err := s.foldTags(opt.TagsFile, opt.Tags)
	archived.Wait()
	if err != nil {
		return nil, err
	}
	s.related = opt.Config.Related
	return s, nil
}

// sortArticles puts dated articles newest first, then undated ones; ties
// break on title, then slug, so that the order never depends on the file
// system. It sorts keys held side by side, not the articles, which a
// comparison would otherwise reach through a pointer each time.
func sortArticles(list []*Article) {
	type key struct {
		sec  int64 // Unix seconds, the newest first; undated last
		nsec int32
		a    *Article
	}
	keys := make([]key, len(list))
	for i, a := range list {
		keys[i] = key{sec: math.MinInt64, a: a}
		if a.Dated() {
			keys[i].sec, keys[i].nsec = a.Date.Unix(), int32(a.Date.Nanosecond())
		}
	}
	slices.SortFunc(keys, func(x, y key) int {
		if c := cmp.Compare(y.sec, x.sec); c != 0 {
			return c
		}
		if c := cmp.Compare(y.nsec, x.nsec); c != 0 {
			return c
		}
		if c := strings.Compare(x.a.Title, y.a.Title); c != 0 {
			return c
		}
		return strings.Compare(x.a.Slug, y.a.Slug)
	})
	for i, k := range keys {
		list[i] = k.a
	}
}

// assignSlugs gives each article a unique slug. A slug set in front matter
// is kept (made URL-safe); two articles that ask for the same one are an
// error. Other articles take their file's name, else their title, and get
// a numbered suffix on a clash, in path order.
func (s *Site) assignSlugs() error {
	var errs content.ErrorList
	owner := make(map[string]*Article, len(s.Articles)+len(reservedNames))
	for name := range reservedNames {
		owner[name] = nil // never a folder name: unique gives name-2
	}
	for _, a := range s.Articles {
		if a.Article.Slug == "" {
			continue
		}
		a.Slug = slug.Make(a.Article.Slug)
		if a.Slug == "" {
			a.Slug = hashed("article", a.Article.Slug)
		}
		if reservedNames[a.Slug] {
			a.Slug += "-2"
		}
		if prev, ok := owner[a.Slug]; ok && prev != nil {
			errs.Add(&content.Error{Path: a.Path, Err: fmt.Errorf("slug %q: output path articles/%s/ already used by %s; give one of them another slug", a.Article.Slug, a.Slug, prev.Path)})
			continue
		}
		owner[a.Slug] = a
	}
	if len(errs) > 0 {
		return errs
	}
	// The slugs of the files' names are made on every core; then each
	// takes its place in path order.
	names := make([]string, len(s.Articles))
	parallel.Ranges(len(s.Articles), func(_, lo, hi int) error {
		for i, a := range s.Articles[lo:hi] {
			if a.Slug == "" {
				names[lo+i] = slug.Make(strings.TrimSuffix(filepath.Base(a.Path), ".md"))
			}
		}
		return nil
	})
	for i, a := range s.Articles {
		if a.Slug != "" {
			continue
		}
		base := names[i]
		if base == "" {
			base = slug.Make(a.Title)
		}
		if base == "" {
			base = hashed("article", a.Path)
		}
		a.Slug = unique(base, owner)
		if prev := owner[base]; a.Slug != base && prev != nil {
			s.Warnings = append(s.Warnings, fmt.Sprintf("%s: warning: slug %q is taken by %s; using %q", a.Path, base, prev.Path, a.Slug))
		}
		owner[a.Slug] = a
	}
	for _, a := range s.Articles {
		a.URL = "articles/" + a.Slug + "/"
	}
	return nil
}

// reservedNames are names Windows refuses for files and folders: a site
// built on Linux must still copy to any machine.
var reservedNames = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true}

// unique returns base, or base-2, base-3 … whichever is not in used.
func unique[V any](base string, used map[string]V) string {
	if _, ok := used[base]; !ok {
		return base
	}
	for n := 2; ; n++ {
		s := fmt.Sprintf("%s-%d", base, n)
		if _, ok := used[s]; !ok {
			return s
		}
	}
}

// hashed names something whose name has no ASCII spelling, as
// "tag-1a2b3c4d": stable between builds and, with unique, never shared.
func hashed(prefix, name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	return fmt.Sprintf("%s-%08x", prefix, h.Sum32())
}
