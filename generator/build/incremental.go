package build

import (
	"encoding/binary"
	"fmt"
	"hash/crc64"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"gazette/generator/internal/atomicfile"
	"gazette/generator/internal/parallel"
	"gazette/generator/internal/record"
	"gazette/generator/output"
	"gazette/generator/site"
)

// Incremental builds.
//
// Every page of a site that depends on articles says what it depends on
// (Page.Deps): an article's page on its file's checksum, its own list
// data, its neighbours' and the articles its related list chooses from;
// a list page on its place in the list and its articles' list data; a
// feed on its items. Hashed with the site's key (gazette itself, the
// theme, the configuration, tags.yaml), that is the page's key. A build
// records every page's key in a manifest beside the site's content; the
// next build into the same, unchanged destination renders only the pages
// whose key changed and the few pages without dependencies (the tags
// index, sitemaps, 404…), writes those whose bytes changed, and removes
// the files no page makes any more. The output is byte for byte what a
// build into an empty folder makes (TestIncremental).
//
// The parsed front matter of every article is cached too (site.Loader's
// cache), so that loading a large site reads only the files that
// changed.
//
// When more than a tenth of the pages (and more than 100) changed, or with
// Options.Full, every page is rendered, and still only the files whose
// bytes changed are written (TestFull_inPlace). The site is made anew,
// written aside and swapped in whole, when there is no manifest for the
// destination, when the site's key changed (every page then changes), or
// when the destination is not the folder the manifest was made for.

// keyer hashes what a page depends on, eight bytes at a time (multiply
// and fold, as FNV does a byte at a time): pages' keys are only compared
// with the keys of the same gazette, so the hash need only be fast and
// well mixed, not standard.
type keyer struct{ h uint64 }

const (
	keyStart = 14695981039346656037
	keyMul   = 0x9e3779b97f4a7c15
)

func newKeyer() *keyer { return &keyer{h: keyStart} }

func (k *keyer) reset() { k.h = keyStart }

func (k *keyer) u64(x uint64) {
	h := (k.h ^ x) * keyMul
	k.h = h ^ h>>29
}

func (k *keyer) str(s string) {
	for len(s) >= 8 {
		k.u64(uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56)
		s = s[8:]
	}
	var tail uint64
	for i := 0; i < len(s); i++ {
		tail |= uint64(s[i]) << (8 * i)
	}
	k.u64(tail)
	k.u64(uint64(len(s)) | 1<<63) // ends the string, so that "ab","c" is not "a","bc"
}

func (k *keyer) int(x int) { k.u64(uint64(x)) }

func (k *keyer) bool(b bool) {
	if b {
		k.u64(1)
	} else {
		k.u64(0)
	}
}

func (k *keyer) time(t time.Time) {
	name, offset := t.Zone()
	k.u64(uint64(t.UnixNano()))
	k.int(offset)
	k.str(name)
}

func (k *keyer) sum() uint64 { return k.h }

// cards returns every article's card key: a hash of what lists, feeds
// and other articles' pages show of it.
func (b *Site) cards() []uint64 {
	b.cardsOnce.Do(func() {
		arts := b.Model.Articles
		b.cardKeys = make([]uint64, len(arts))
		parallel.Ranges(len(arts), func(_, lo, hi int) error {
			k := newKeyer()
			for _, a := range arts[lo:hi] {
				k.reset()
				// The file's path below the content folder: the same
				// whether the site is named by a relative path or an
				// absolute one (TestIncremental_sourceSpelling).
				k.str(strings.TrimPrefix(a.Path, b.contentDir))
				k.str(a.URL)
				k.str(a.Title)
				k.time(a.Date)
				k.bool(a.DateOnly)
				k.str(a.Summary)
				k.str(a.Image)
				k.str(a.Caption)
				k.str(a.Credit)
				k.str(a.Author)
				k.str(a.Source)
				k.str(a.SourceFile)
				k.bool(a.Draft)
				for _, t := range a.Tags {
					k.str(t.Name)
					k.str(t.URL)
				}
				if len(a.Params) > 0 {
					k.str(fmt.Sprint(a.Params))
				}
				b.cardKeys[a.Index] = k.sum()
			}
			return nil
		})
	})
	return b.cardKeys
}

// windowKey is a hash of the card keys of t.Articles[lo:hi], in order,
// in constant time: a polynomial hash, Σ card_j·P^(j-lo) modulo 2^64,
// from prefix sums of each tag's list. (An article's page depends on a
// window of hundreds of articles in each of its tags' lists; hashing
// them one by one took longer than the rest of an incremental build.)
func (b *Site) windowKey(t *site.Tag, lo, hi int) uint64 {
	b.windowsOnce.Do(b.prefixSums)
	pre := b.prefix[t]
	return (pre[hi] - pre[lo]) * b.invPow[lo]
}

// windowBase is the polynomial hash's base: odd, so that it has an
// inverse modulo 2^64.
const windowBase = 0x9e3779b97f4a7c15

// windowInverse is windowBase's inverse modulo 2^64, by Newton's
// iteration: each step doubles the correct low bits.
var windowInverse = func() uint64 {
	x := uint64(windowBase) // correct to 3 bits for an odd number
	for range 6 {
		x *= 2 - windowBase*x
	}
	return x
}()

// prefixSums computes, for each tag, pre[j] = Σ_{m<j} card_m·P^m, and the
// inverse powers of P.
func (b *Site) prefixSums() {
	cards := b.cards()
	longest := 0
	b.prefix = make(map[*site.Tag][]uint64, len(b.Model.Tags))
	for _, t := range b.Model.Tags {
		pre := make([]uint64, len(t.Articles)+1)
		pow := uint64(1)
		for j, a := range t.Articles {
			pre[j+1] = pre[j] + cards[a.Index]*pow
			pow *= windowBase
		}
		b.prefix[t] = pre
		longest = max(longest, len(t.Articles))
	}
	b.invPow = make([]uint64, longest+1)
	inv := uint64(1)
	for j := range b.invPow {
		b.invPow[j] = inv
		inv *= windowInverse
	}
}

// card returns an article's card key, or 0 for none.
func (b *Site) card(a *site.Article) uint64 {
	if a == nil {
		return 0
	}
	return b.cards()[a.Index]
}

// keys returns each page's key: 0 for pages without Deps.
func keys(pages []Page, siteKey uint64) []uint64 {
	out := make([]uint64, len(pages))
	parallel.Ranges(len(pages), func(_, lo, hi int) error {
		k := newKeyer()
		for i := lo; i < hi; i++ {
			out[i] = pageKey(k, siteKey, pages[i].Path, pages[i].Deps)
		}
		return nil
	})
	return out
}

// fillExact works out, on every core, the exact key (Page.Exact) of each
// of pages that has one and whose place in exact is still 0.
func fillExact(pages []Page, exact []uint64, siteKey uint64) {
	parallel.Ranges(len(pages), func(_, lo, hi int) error {
		k := newKeyer()
		for i := lo; i < hi; i++ {
			if exact[i] == 0 {
				exact[i] = pageKey(k, siteKey, pages[i].Path, pages[i].Exact)
			}
		}
		return nil
	})
}

// pageKey is the key of the page at path with the dependencies deps, or
// 0 when deps is nil.
func pageKey(k *keyer, siteKey uint64, path string, deps func(*keyer)) uint64 {
	if deps == nil {
		return 0
	}
	k.reset()
	k.u64(siteKey)
	k.str(path)
	deps(k)
	return k.sum() | 1 // never 0
}

// siteKey hashes what every page depends on: the gazette program, the
// theme's files, the configuration and tags.yaml, and the build's own
// options.
func (b *Site) siteKey(opt Options) (uint64, error) {
	k := newKeyer()
	k.u64(programSum())
	if fsys := themeFS(opt); fsys != nil {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			k.str(p)
			k.str(string(data))
			return nil
		})
		if err != nil {
			return 0, fmt.Errorf("read the theme: %w", err)
		}
	}
	k.str(fmt.Sprintf("%#v", b.Model.Config))
	if data, err := os.ReadFile(filepath.Join(opt.Source, "tags.yaml")); err == nil {
		k.str(string(data))
	}
	k.str(opt.BaseURL)
	k.bool(opt.Drafts)
	return k.sum(), nil
}

// programSum is a checksum of the running program, so that a new gazette
// (which may render differently) makes a whole build.
var programSum = sync.OnceValue(func() uint64 {
	exe, err := os.Executable()
	if err != nil {
		return uint64(time.Now().UnixNano()) // unknown: never the same
	}
	f, err := os.Open(exe)
	if err != nil {
		return uint64(time.Now().UnixNano())
	}
	defer f.Close()
	h := crc64.New(crc64.MakeTable(crc64.ECMA))
	if _, err := io.Copy(h, f); err != nil {
		return uint64(time.Now().UnixNano())
	}
	return h.Sum64()
})

// manifest is what a build records of the site it made in a destination.
type manifest struct {
	Site  uint64 // the site's key
	Dest  string // the destination folder's identity (output.Identity)
	Paths []string
	Keys  []uint64 // by Paths; 0 for pages without dependencies
	Exact []uint64 // by Paths; 0 for pages without an exact key

	at map[string]int // each path's place in Paths, made when first needed
}

// finder returns a function that finds the place in m.Paths of the path
// of a build's page i: where the page was, shifted by the pages added or
// removed before it, and only when it is not there by a map of every
// path (in a build that adds or removes none, never).
func (m *manifest) finder() func(i int, path string) (int, bool) {
	shift := 0
	return func(i int, path string) (int, bool) {
		if j := i + shift; j >= 0 && j < len(m.Paths) && m.Paths[j] == path {
			return j, true
		}
		if m.at == nil {
			m.at = make(map[string]int, len(m.Paths))
			for j, p := range m.Paths {
				m.at[p] = j
			}
		}
		j, ok := m.at[path]
		if ok {
			shift = j - i
		}
		return j, ok
	}
}

// manifestPath is the manifest, in the state folder, of the destination
// dest.
func manifestPath(state, dest string) string {
	abs, err := filepath.Abs(dest)
	if err != nil {
		abs = dest
	}
	h := fnv.New64a()
	io.WriteString(h, abs)
	return filepath.Join(state, fmt.Sprintf("manifest-%016x", h.Sum64()))
}

// manifestMagic starts a manifest file; its last digit is the format's
// version.
const manifestMagic = "gazette-manifest-2\n"

func readManifest(path string) *manifest {
	data, err := record.ReadShared(path)
	if err != nil {
		return nil
	}
	r := record.NewReader(data, manifestMagic)
	m := manifest{Site: r.Uint(), Dest: r.Str()}
	n := r.Uint()
	if r.Bad() || n > uint64(len(data)) { // each page takes two bytes at least
		return nil
	}
	m.Paths, m.Keys, m.Exact = make([]string, n), make([]uint64, n), make([]uint64, n)
	for i := range m.Paths {
		m.Paths[i], m.Keys[i], m.Exact[i] = r.Str(), r.Uint(), r.Uint()
	}
	if r.Bad() {
		return nil
	}
	return &m
}

// readManifestAsync reads the manifest at path in the background, while
// the site loads: the result is received from the channel.
func readManifestAsync(path string) <-chan *manifest {
	c := make(chan *manifest, 1)
	go func() { c <- readManifest(path) }()
	return c
}

// writeManifest records the pages of a build, with their keys and exact
// keys, through a temporary file.
func writeManifest(path string, siteKey uint64, dest string, pages []Page, keys, exact []uint64) error {
	// Sized once: growing a buffer of megabytes doubles the memory
	// touched, and fresh memory is dear (see record.ReadShared).
	size := len(manifestMagic) + 64
	for _, p := range pages {
		size += len(p.Path) + 3*binary.MaxVarintLen64
	}
	w := &record.Writer{Buf: make([]byte, 0, size)}
	w.Buf = append(w.Buf, manifestMagic...)
	w.Uint(siteKey)
	w.Str(output.Identity(dest))
	w.Uint(uint64(len(pages)))
	for i, p := range pages {
		w.Str(p.Path)
		w.Uint(keys[i])
		w.Uint(exact[i])
	}
	if err := atomicfile.Write(path, w.Buf, false); err != nil {
		return fmt.Errorf("record the build in %s: %w", path, err)
	}
	return nil
}

// pagePlan is what an incremental build must do.
type pagePlan struct {
	todo    []int    // the pages to render, by index
	exact   []uint64 // each page's exact key, where known; 0 elsewhere
	changed int      // pages rendered because their keys changed
	rekeyed int      // pages whose key changed and exact key did not
	gone    []string // the manifest's pages the site no longer has
}

// plan compares the pages of a build and their keys with the manifest of
// the site in the destination. A page without a key is rendered (and
// written when its bytes changed); one whose key is the one recorded is
// as it was, and so is its exact key; one whose key changed but that
// has an exact key is rendered only when that changed too.
func plan(man *manifest, pages []Page, keys []uint64, siteKey uint64) pagePlan {
	var pl pagePlan
	kept := make([]bool, len(man.Paths))
	pl.exact = make([]uint64, len(pages))
	var recheck []Page
	var recheckAt, recheckOld []int // in pages, in the manifest
	find := man.finder()
	for i, p := range pages {
		j, ok := find(i, p.Path)
		if ok {
			kept[j] = true
		}
		switch {
		case keys[i] == 0:
			pl.todo = append(pl.todo, i)
		case ok && man.Keys[j] == keys[i]:
			pl.exact[i] = man.Exact[j]
		case ok && p.Exact != nil && man.Exact[j] != 0:
			recheck = append(recheck, p)
			recheckAt, recheckOld = append(recheckAt, i), append(recheckOld, j)
		default:
			pl.todo = append(pl.todo, i)
			pl.changed++
		}
	}
	rechecked := make([]uint64, len(recheck))
	fillExact(recheck, rechecked, siteKey)
	for k, i := range recheckAt {
		pl.exact[i] = rechecked[k]
		if rechecked[k] == man.Exact[recheckOld[k]] {
			pl.rekeyed++
		} else {
			pl.todo = append(pl.todo, i)
			pl.changed++
		}
	}
	slices.Sort(pl.todo)
	for j, p := range man.Paths {
		if !kept[j] {
			pl.gone = append(pl.gone, p)
		}
	}
	return pl
}

// update changes the site in opt.Dest in place, as the manifest man
// (read from manPath) allows. done is false when it cannot, and a whole
// build must be made; then nothing was changed.
//
// When the manifest is of this site (same site key) and this
// destination, it renders the pages whose key changed and those without
// dependencies; with opt.Full, or when more than a tenth of the pages
// (and more than 100) changed, it renders every page. Either way each
// rendered page is compared with the file in the destination and written
// only when its bytes differ, and the files no page makes any more are
// removed.
func (b *Site) update(opt Options, manPath string, man *manifest, pages []Page, keys []uint64, siteKey uint64) (res *Result, done bool, err error) {
	if man == nil || man.Site != siteKey || man.Dest == "" || man.Dest != output.Identity(opt.Dest) {
		return nil, false, nil
	}
	pl := plan(man, pages, keys, siteKey)
	todo, exact, changed, gone := pl.todo, pl.exact, pl.changed, pl.gone
	all := opt.Full || changed+len(gone) > max(100, len(pages)/10)
	if all {
		// Much of the site may have changed: render it all, and let the
		// comparison with what is there decide what to write.
		todo = todo[:0]
		for i := range pages {
			todo = append(todo, i)
		}
	}
	// Everything is written into a staging folder beside the site before
	// anything is put in place: a build that fails changes nothing.
	change, err := output.Begin(opt.Dest)
	if err != nil {
		return nil, true, err
	}
	sel := make([]Page, len(todo))
	for j, i := range todo {
		sel[j] = pages[i]
	}
	searchTime, err := b.render(opt, sel, change.Put, func(p Page) error { return change.Folder(p.Path, p.Files) })
	if all {
		change.Prune()
	} else {
		for _, p := range gone {
			if err == nil {
				err = change.Remove(p)
			}
		}
	}
	if err != nil {
		change.Abort()
		return nil, true, fmt.Errorf("%w\n(nothing was changed in %s)", err, opt.Dest)
	}
	written := change.Written()
	result := &Result{Articles: len(b.Model.Articles), Tags: len(b.Model.Tags), Files: len(pages), Warnings: b.Model.Warnings,
		Search: searchTime, Incremental: true, Rendered: len(todo), Rewritten: written}
	fillExact(pages, exact, siteKey)
	if written == 0 && len(gone) == 0 && changed == 0 && !all {
		change.Abort() // the site stands as it is
		if pl.rekeyed > 0 {
			// Its pages are the same bytes, known by new keys.
			if err := writeManifest(manPath, siteKey, opt.Dest, pages, keys, exact); err != nil {
				return nil, true, err
			}
		}
		return result, true, nil
	}
	// Until the new manifest is in place the old one no longer
	// describes the site: without one, the next build is whole.
	if err := os.Remove(manPath); err != nil {
		change.Abort()
		return nil, true, err
	}
	if err := change.Commit(); err != nil {
		return nil, true, fmt.Errorf("%w\n(%s is part updated: the next build rebuilds it whole)", err, opt.Dest)
	}
	result.Removed = change.Removed()
	if err := writeManifest(manPath, siteKey, opt.Dest, pages, keys, exact); err != nil {
		return nil, true, err
	}
	return result, true, nil
}
