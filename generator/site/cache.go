package site

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"time"

	"gazette/generator/content"
	"gazette/generator/internal/atomicfile"
	"gazette/generator/internal/parallel"
	"gazette/generator/internal/record"

	"gopkg.in/yaml.v3"
)

// A Loader's cache lets a later process skip parsing the files that have
// not changed: for each file, its size and modification time and what
// parsing it gave (front matter, summary, checksum; not the body, which
// pages read from the file). It is a folder of cacheShards files, by
// the file's path below the content folder, so that the site named by
// another path (relative, absolute, through a link) still finds it.

// cacheMagic starts a cache file; its last digit is the format's version.
const cacheMagic = "gazette-articles-2\n"

// cacheShards is how many files the cache is split into, by path, so
// that a change to a few articles rewrites a few small files.
const cacheShards = 64

// shardOf is the shard of the cache that holds path.
func shardOf(path string) int {
	h := uint32(2166136261)
	for i := 0; i < len(path); i++ {
		h = (h ^ uint32(path[i])) * 16777619
	}
	return int(h % cacheShards)
}

// SaveCache writes what the Loader holds to the folder dir, through
// temporary files, for a later LoadCache with the same key. It rewrites
// only the shards whose files changed since the cache was read.
func (l *Loader) SaveCache(dir, key string) error {
	l.wait()
	all := l.cacheKey != key
	for k, files := range l.shards {
		if !all && !l.dirty[k] {
			continue
		}
		data, err := encodeShard(files, key)
		if err != nil {
			return err
		}
		path := filepath.Join(dir, fmt.Sprintf("%02x", k))
		if err := atomicfile.Write(path, data, false); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	l.dirty, l.cacheKey = nil, key
	return nil
}

// encodeShard writes the cache file of files, in the order of their
// paths.
func encodeShard(files map[string]loaded, key string) ([]byte, error) {
	w := &record.Writer{}
	w.Buf = append(w.Buf, cacheMagic...)
	w.Str(key)
	w.Uint(uint64(len(files)))
	for _, p := range slices.Sorted(maps.Keys(files)) {
		f := files[p]
		a := f.article
		var params []byte
		if len(a.Params) > 0 {
			var err error
			if params, err = yaml.Marshal(a.Params); err != nil {
				return nil, fmt.Errorf("%s: front matter cache: %w", p, err)
			}
		}
		date, err := a.Date.MarshalBinary()
		if err != nil {
			return nil, fmt.Errorf("%s: front matter cache: %w", p, err)
		}
		for _, s := range []string{p, a.Title, a.Caption, a.Credit, a.Image, a.Source, a.SourceFile, a.Author, a.Summary, a.Slug, string(date), string(params)} {
			w.Str(s)
		}
		w.Uint(uint64(f.size))
		w.Uint(uint64(f.modTime.UnixNano()))
		w.Uint(uint64(a.BodyLine))
		w.Uint(a.Sum)
		w.Uint(flags(a.DateOnly, a.Draft))
		w.Uint(uint64(len(a.Tags)))
		for _, t := range a.Tags {
			w.Str(t)
		}
	}
	return w.Buf, nil
}

func flags(bits ...bool) uint64 {
	var f uint64
	for i, b := range bits {
		if b {
			f |= 1 << i
		}
	}
	return f
}

// LoadCache fills the Loader from the cache in the folder dir that
// SaveCache wrote with the same key. A shard that is missing, damaged or
// made with another key is left out: the next Load parses its files.
// It reads in the background, while Load lists and stats the content;
// Load and SaveCache wait for it.
func (l *Loader) LoadCache(dir, key string) {
	l.wait()
	done := make(chan struct{})
	l.reading = done
	go func() {
		defer close(done)
		var shards [cacheShards]map[string]loaded
		parallel.For(cacheShards, func(k int) error {
			shards[k] = readShard(filepath.Join(dir, fmt.Sprintf("%02x", k)), key)
			return nil
		})
		l.shards, l.cacheKey, l.dirty = shards, key, nil
	}()
}

// readShard reads one file of the cache; nil if it cannot be used.
func readShard(path, key string) map[string]loaded {
	raw, err := record.ReadShared(path)
	if err != nil {
		return nil
	}
	// The fields are slices of the one string.
	r := record.NewReader(raw, cacheMagic)
	if r.Str() != key {
		return nil
	}
	// A file's record takes 18 bytes at least.
	n := r.Uint()
	if n > uint64(len(raw))/18 {
		return nil
	}
	files := make(map[string]loaded, n)
	// The shard's articles are one array, and their tags slices of
	// another: a few allocations, not two per article.
	arts := make([]content.Article, n)
	tags := make([]string, 0, 4*n)
	for i := range n {
		var f [12]string
		for i := range f {
			f[i] = r.Str()
		}
		size, mod, bodyLine, sum, fl := int64(r.Uint()), int64(r.Uint()), int(r.Uint()), r.Uint(), r.Uint()
		nt, first := r.Uint(), len(tags)
		for range nt {
			if tags = append(tags, r.Str()); r.Bad() {
				return nil
			}
		}
		if r.Bad() {
			return nil
		}
		a := &arts[i]
		*a = content.Article{Path: f[0], Title: f[1], Caption: f[2], Credit: f[3], Image: f[4], Source: f[5],
			SourceFile: f[6], Author: f[7], Summary: f[8], Slug: f[9], BodyLine: bodyLine, Sum: sum,
			DateOnly: fl&1 != 0, Draft: fl&2 != 0}
		if nt > 0 {
			a.Tags = tags[first:len(tags):len(tags)]
		}
		if a.Date.UnmarshalBinary([]byte(f[10])) != nil {
			return nil
		}
		if f[11] != "" {
			if yaml.Unmarshal([]byte(f[11]), &a.Params) != nil {
				return nil
			}
		}
		modTime := time.Unix(0, mod)
		a.Restore(size, modTime)
		files[f[0]] = loaded{size: size, modTime: modTime, article: a}
	}
	return files
}
