// Package serve is gazette's preview server: it serves the site as a
// build would write it, from memory, rebuilds when the site's files
// change, and makes open browser tabs reload by themselves.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"gazette/generator/build"
	"gazette/generator/importer"
)

// Config says what to serve and how.
type Config struct {
	Source string // the site folder
	Theme  fs.FS  // the default theme
	Drafts bool
	// Addr is where to listen, such as "127.0.0.1:1313".
	Addr string
	// RawDir, when set, is a folder of raw pages: new or changed ones are
	// imported into the site as they appear.
	RawDir string
	// Settle is how long the files must stay unchanged before a rebuild,
	// so that a burst of saves makes one rebuild; MaxWait bounds how long
	// a steady stream of changes can put a rebuild off.
	Settle, MaxWait time.Duration
	// Log receives one line per rebuild and every error.
	Log io.Writer
}

// Server is a running preview.
type Server struct {
	cfg     Config
	baseURL string
	loader  *build.Loader

	mu      sync.RWMutex
	current *snapshot // the last good site
	err     error     // the last rebuild's error, until a rebuild succeeds
	gen     int       // counts rebuilds, good or bad

	live     *broker
	rebuilds chan struct{} // signals a finished rebuild, for tests
	watcher  *fsnotify.Watcher
}

// snapshot is one good build of the site, rendered page by page as pages
// are asked for.
type snapshot struct {
	site    *build.Site
	pages   map[string]build.Page
	folders []*folder
	cache   sync.Map // path → *file
}

// New loads the site for a server that will listen on l. A site that
// does not load is an error: there is nothing to serve yet.
func New(cfg Config, l net.Listener) (*Server, error) {
	if cfg.Settle == 0 {
		cfg.Settle = 40 * time.Millisecond
	}
	if cfg.MaxWait == 0 {
		cfg.MaxWait = 500 * time.Millisecond
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	s := &Server{cfg: cfg, baseURL: "http://" + l.Addr().String() + "/", live: newBroker(), rebuilds: make(chan struct{}, 64)}
	s.loader = s.newLoader()
	if err := s.rebuild(false); err != nil {
		return nil, err
	}
	// Watch from now on, so that no change after New is missed.
	w, err := s.watch()
	if err != nil {
		return nil, err
	}
	s.watcher = w
	return s, nil
}

func (s *Server) newLoader() *build.Loader {
	return build.NewLoader(build.Options{Source: s.cfg.Source, Theme: s.cfg.Theme, Drafts: s.cfg.Drafts, BaseURL: s.baseURL, KeepBodies: true})
}

// rebuild loads the site again. A site that loads becomes the one served
// and open pages reload; one that does not keeps the last good site
// served and shows its error on every open page. full re-reads every
// article, as after a change of configuration.
func (s *Server) rebuild(full bool) error {
	start := time.Now()
	if full {
		s.loader = s.newLoader()
	}
	site, err := s.loader.Load()
	s.mu.Lock()
	s.gen++
	if err != nil {
		s.err = err
		s.mu.Unlock()
		fmt.Fprintf(s.cfg.Log, "error: %v\n", err)
		s.live.send(event{"build-error", err.Error()})
	} else {
		snap := &snapshot{site: site, pages: map[string]build.Page{}}
		for _, p := range site.Pages() {
			if p.Files != nil {
				snap.folders = append(snap.folders, &folder{page: p})
			} else {
				snap.pages[p.Path] = p
			}
		}
		s.current, s.err = snap, nil
		s.mu.Unlock()
		fmt.Fprintf(s.cfg.Log, "rebuilt %d articles in %s\n", len(site.Model.Articles), time.Since(start).Round(time.Millisecond))
		for _, w := range site.Model.Warnings {
			fmt.Fprintln(s.cfg.Log, w)
		}
		s.live.send(event{"reload", ""})
	}
	select {
	case s.rebuilds <- struct{}{}:
	default:
	}
	return err
}

// URL returns the address the site is served at.
func (s *Server) URL() string { return s.baseURL }

// Serve serves on l and watches the site until ctx is done, then shuts
// down: open connections get a moment to finish.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	defer s.watcher.Close()
	go s.loop(ctx, s.watcher)
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.live.close()
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// importRaw imports raw pages that changed into the site; the content
// change they make then rebuilds it.
func (s *Server) importRaw(paths []string) {
	var inputs []importer.Input
	for _, p := range paths {
		rel, err := filepath.Rel(s.cfg.RawDir, p)
		if err != nil {
			rel = filepath.Base(p)
		}
		inputs = append(inputs, importer.Input{Name: filepath.ToSlash(rel), Path: p})
	}
	_, err := importer.Run(inputs, importer.Options{Site: s.cfg.Source, Report: func(o importer.Outcome) {
		if o.Status == importer.Skipped {
			fmt.Fprintf(s.cfg.Log, "%s: skipped: %s\n", o.Input, o.Detail)
		} else {
			fmt.Fprintf(s.cfg.Log, "%s: %s %s\n", o.Input, o.Status, o.File)
		}
	}})
	if err != nil {
		fmt.Fprintf(s.cfg.Log, "error: import: %v\n", err)
	}
}
