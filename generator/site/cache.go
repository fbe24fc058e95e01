package site

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"gazette/generator/content"

	"gopkg.in/yaml.v3"
)

// A Loader's cache lets a later process skip parsing the files that have
// not changed: for each file, its size and modification time and what
// parsing it gave (front matter, summary, checksum; not the body, which
// pages read from the file).

// cacheEntry is one file of the cache.
type cacheEntry struct {
	Path                                                      string
	Size                                                      int64
	ModTime                                                   int64 // Unix nanoseconds
	Title, Caption, Credit, Image, Source, SourceFile, Author string
	Summary, Slug                                             string
	Date                                                      time.Time
	DateOnly, Draft                                           bool
	Tags                                                      []string
	Params                                                    []byte // YAML, when the front matter has keys gazette does not know
	BodyLine                                                  int
	Sum                                                       uint64
}

// cacheFile is the cache as written: key says what the entries were made
// with (the caller's configuration), so that a cache made with another
// is not used.
type cacheFile struct {
	Key     string
	Entries []cacheEntry
}

// SaveCache writes what the Loader holds to path, through a temporary
// file, for a later LoadCache with the same key.
func (l *Loader) SaveCache(path, key string) error {
	cf := cacheFile{Key: key, Entries: make([]cacheEntry, 0, len(l.files))}
	for p, f := range l.files {
		a := f.article
		if a == nil {
			continue
		}
		e := cacheEntry{Path: p, Size: f.size, ModTime: f.modTime.UnixNano(), Title: a.Title, Caption: a.Caption, Credit: a.Credit,
			Image: a.Image, Source: a.Source, SourceFile: a.SourceFile, Author: a.Author, Summary: a.Summary, Slug: a.Slug,
			Date: a.Date, DateOnly: a.DateOnly, Draft: a.Draft, Tags: a.Tags, BodyLine: a.BodyLine, Sum: a.Sum}
		if len(a.Params) > 0 {
			params, err := yaml.Marshal(a.Params)
			if err != nil {
				return fmt.Errorf("%s: front matter cache: %w", p, err)
			}
			e.Params = params
		}
		cf.Entries = append(cf.Entries, e)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".cache-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	err = gob.NewEncoder(w).Encode(&cf)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// LoadCache fills the Loader from a cache SaveCache wrote with the same
// key. A cache that is missing, unreadable or made with another key is
// ignored: the next Load parses every file.
func (l *Loader) LoadCache(path, key string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	var cf cacheFile
	if err := gob.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&cf); err != nil || cf.Key != key {
		return
	}
	files := make(map[string]loaded, len(cf.Entries))
	for _, e := range cf.Entries {
		a := &content.Article{Path: e.Path, Title: e.Title, Caption: e.Caption, Credit: e.Credit, Image: e.Image,
			Source: e.Source, SourceFile: e.SourceFile, Author: e.Author, Summary: e.Summary, Slug: e.Slug,
			Date: e.Date, DateOnly: e.DateOnly, Draft: e.Draft, Tags: e.Tags, BodyLine: e.BodyLine, Sum: e.Sum}
		if len(e.Params) > 0 {
			if err := yaml.Unmarshal(e.Params, &a.Params); err != nil {
				return
			}
		}
		mod := time.Unix(0, e.ModTime)
		a.Restore(e.Size, mod)
		files[e.Path] = loaded{size: e.Size, modTime: mod, article: a}
	}
	l.files = files
}
