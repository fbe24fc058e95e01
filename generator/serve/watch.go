package serve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// change sorts the paths of one burst of file events.
type change struct {
	full bool     // configuration, tags or templates changed: load everything again
	site bool     // an article changed
	raw  []string // raw pages to import
}

// watch starts watching the site's files; loop rebuilds on their changes.
func (s *Server) watch() (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	// The site folder itself (for gazette.yaml and tags.yaml, and for
	// content/ or templates/ appearing), and every folder inside the
	// folders that matter.
	if err := w.Add(s.cfg.Source); err != nil {
		w.Close()
		return nil, fmt.Errorf("watch %s: %w", s.cfg.Source, err)
	}
	for _, dir := range s.watchedTrees() {
		addTree(w, dir)
	}
	return w, nil
}

func (s *Server) watchedTrees() []string {
	dirs := []string{filepath.Join(s.cfg.Source, "content"), filepath.Join(s.cfg.Source, "templates")}
	if s.cfg.RawDir != "" {
		dirs = append(dirs, s.cfg.RawDir)
	}
	return dirs
}

// addTree watches dir and the folders below it; missing ones are skipped.
func addTree(w *fsnotify.Watcher, dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != dir {
				return filepath.SkipDir
			}
			w.Add(p)
		}
		return nil
	})
}

// loop gathers events into bursts: a rebuild starts once no event came
// for Settle, or MaxWait after the first event of a burst.
func (s *Server) loop(ctx context.Context, w *fsnotify.Watcher) {
	var (
		pending  change
		dirty    bool
		settle   = time.NewTimer(time.Hour)
		deadline <-chan time.Time
	)
	settle.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(s.cfg.Log, "error: watch: %v\n", err)
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if !s.classify(w, ev, &pending) {
				continue
			}
			if !dirty {
				dirty = true
				deadline = time.After(s.cfg.MaxWait)
			}
			settle.Reset(s.cfg.Settle)
		case <-settle.C:
			s.apply(pending)
			pending, dirty, deadline = change{}, false, nil
		case <-deadline:
			settle.Stop()
			s.apply(pending)
			pending, dirty, deadline = change{}, false, nil
		}
	}
}

// classify records what an event changed; it reports whether the event
// matters at all. New folders are watched as they appear.
func (s *Server) classify(w *fsnotify.Watcher, ev fsnotify.Event, c *change) bool {
	name := filepath.Base(ev.Name)
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || ev.Op == fsnotify.Chmod {
		return false // editors' swap and backup files, our own temporary files
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
			addTree(w, ev.Name)
		}
	}
	within := func(dir string) bool {
		rel, err := filepath.Rel(dir, ev.Name)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	switch {
	case s.cfg.RawDir != "" && within(s.cfg.RawDir):
		if strings.EqualFold(filepath.Ext(name), ".txt") && !ev.Has(fsnotify.Remove) && !ev.Has(fsnotify.Rename) {
			c.raw = append(c.raw, ev.Name)
		}
	case within(filepath.Join(s.cfg.Source, "content")):
		c.site = true
	case within(filepath.Join(s.cfg.Source, "templates")):
		c.full = true
	case filepath.Dir(ev.Name) == filepath.Clean(s.cfg.Source):
		switch name {
		case "gazette.yaml", "tags.yaml":
			c.full = true
		case "content", "templates":
			c.full = true
			addTree(w, ev.Name)
		default:
			return false
		}
	default:
		return false
	}
	return true
}

func (s *Server) apply(c change) {
	if len(c.raw) > 0 {
		s.importRaw(dedupe(c.raw))
		c.site = true
	}
	if c.site || c.full {
		s.rebuild(c.full)
	}
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range list {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}
