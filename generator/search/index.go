package search

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"gazette/generator/internal/parallel"
)

// The index's files, below the search folder:
//
//	meta.json       the number of articles, the year ranges, the commonest tags
//	t/_<hex>.bin    one node of the word tree: the words starting with the
//	                bytes <hex>, or the list of longer prefixes to try
//	d/<n>.bin       articles n×Chunk … n×Chunk+Chunk-1: URL, title, date, tags
//
// The snippet of a result comes from the article's own page, which the
// script fetches (and the browser then has cached when the reader opens
// it): the index does not hold a second copy of every article's text.
//
// .bin files are gzip, which the script unpacks with DecompressionStream,
// so that every host serves them at the same size.
const (
	Version  = 1
	MetaFile = "meta.json"
	// LeafSize is the most bytes of postings a node of the word tree holds
	// before it splits by the next byte of its words.
	LeafSize = 32 << 10
	// MaxPostings is the longest posting list kept: a word in more
	// articles than this keeps the MaxPostings where it weighs most. Such
	// a word says little about which article is meant, and so a query
	// downloads about the same bytes however big the archive grows.
	MaxPostings = 10000
	// TopTags is how many tags meta.json names for the tag filter.
	TopTags = 100
	// Chunk is how many articles' details share a d/ file: few enough
	// that showing ten results downloads little, enough that the index is
	// not a file per article.
	Chunk = 16
)

// Field weights and BM25's constants. A word's count in the body and
// tags goes through BM25; a word of the title adds as much again as the
// most the body can give, so that an article about a thing, named in its
// title, ranks above one that mentions it.
const (
	inTitle   = 1 << 16 // the title's count is kept above the body's
	tagWeight = 2
	k1        = 1.2
	b         = 0.75
	maxImpact = 2 * (k1 + 1)
)

// tagKey is the key, in the word tree, of the list of articles with a tag
// (by the tag's slug): it starts with a byte no word has.
const tagKey = "\x01"

// Doc is one article to index.
type Doc struct {
	URL      string // below the site root: "articles/slug/"
	Title    string
	Date     time.Time // the zero Time for an undated article
	DateText string    // the date as the site shows it
	Tags     []Tag
	Text     string // the body's plain text, to index
}

// Tag is one of an article's tags.
type Tag struct{ Name, Slug, URL string }

// Build indexes docs 0 … n-1, which doc returns, oldest first: an id is
// an article's place in that order, so that adding a new article changes
// no other article's id. It calls write, from several goroutines at once,
// with the name (below the search folder) and content of each file.
func Build(n int, doc func(i int) (Doc, error), write func(name string, data []byte) error) error {
	lens := make([]uint32, n)
	years := make([]int, n) // 0 for undated
	details := make([]detail, n)
	var (
		mu    sync.Mutex // guards tags
		tags  = map[string]*tagCount{}
		parts = make([]*dict, runtime.GOMAXPROCS(0))
	)
	workers, err := parallel.Ranges(n, func(w, lo, hi int) error {
		d := newDict()
		tf := map[string]uint32{}
		for i := lo; i < hi; i++ {
			dc, err := doc(i)
			if err != nil {
				return err
			}
			clear(tf)
			dl := uint32(0)
			add := func(weight uint32) func(string) {
				return func(word string) {
					tf[word] += weight
					dl++
				}
			}
			Tokens(dc.Title, add(inTitle))
			for _, t := range dc.Tags {
				Tokens(t.Name, add(tagWeight))
			}
			Tokens(dc.Text, add(1))
			lens[i] = dl
			for word, f := range tf {
				d.add(word, i, f)
			}
			for _, t := range dc.Tags {
				d.add(tagKey+t.Slug, i, 0)
			}
			mu.Lock()
			for _, t := range dc.Tags {
				c := tags[t.Slug]
				if c == nil {
					c = &tagCount{name: t.Name, slug: t.Slug}
					tags[t.Slug] = c
				}
				c.n++
			}
			mu.Unlock()
			if !dc.Date.IsZero() {
				years[i] = dc.Date.Year()
			}
			details[i] = newDetail(dc)
		}
		parts[w] = d
		return nil
	})
	if err != nil {
		return err
	}

	total := 0
	for _, l := range lens {
		total += int(l)
	}
	avg := stableAverage(total, n)
	entries := mergeEntries(parts[:workers], lens, avg)
	// The files: the tree's nodes and the details' chunks, each made and
	// written on its own, so that only the entries are held.
	var nodes []node
	tree(entries, "", &nodes)
	chunks := (n + Chunk - 1) / Chunk
	err = parallel.For(len(nodes)+chunks, func(i int) error {
		var name string
		var data []byte
		var err error
		if i < len(nodes) {
			name = NodeFile(nodes[i].prefix)
			data, err = gzipped(nodes[i].encode(), gzip.BestCompression)
		} else {
			lo := (i - len(nodes)) * Chunk
			name = fmt.Sprintf("d/%d.bin", lo/Chunk)
			if data, err = json.Marshal(details[lo:min(lo+Chunk, n)]); err == nil {
				data, err = gzipped(data, gzip.BestCompression)
			}
		}
		if err == nil {
			err = write(name, data)
		}
		return err
	})
	if err != nil {
		return err
	}
	meta, err := metaFile(n, years, tags)
	if err != nil {
		return err
	}
	return write(MetaFile, meta)
}

// stableAverage is the average document length BM25 divides by, rounded
// to one of 8 steps per doubling, so that adding or editing an article
// seldom changes it, and with it every posting's weight.
func stableAverage(total, n int) float64 {
	if n == 0 || total == 0 {
		return 1
	}
	return math.Exp2(math.Round(8*math.Log2(float64(total)/float64(n))) / 8)
}

// impact is a posting's weight as a byte: BM25's term-frequency part,
// with document length normalisation, for the body and tags, plus k1+1
// when the title has the word. The script multiplies it by the word's
// idf, which it works out from the word's document count. tf is the
// title's count times inTitle plus the body's.
func impact(tf uint32, dl uint32, avg float64) byte {
	if tf == 0 {
		return 0
	}
	f := float64(tf % inTitle)
	w := f * (k1 + 1) / (f + k1*(1-b+b*float64(dl)/avg))
	if tf >= inTitle {
		w += k1 + 1
	}
	return byte(max(1, min(255, math.Round(w/maxImpact*255))))
}

// A dict is one goroutine's posting lists, for a contiguous range of ids.
type dict struct {
	index map[string]int32 // word → its place in lists
	lists []plist
}

// plist is a posting list being built: varint id gaps and term counts.
type plist struct {
	buf  []byte
	last int32
	n    int32
}

func newDict() *dict { return &dict{index: map[string]int32{}} }

func (d *dict) add(word string, id int, tf uint32) {
	k, ok := d.index[word]
	if !ok {
		k = int32(len(d.lists))
		d.index[strings.Clone(word)] = k // not a slice of the article's text
		d.lists = append(d.lists, plist{last: -1})
	}
	p := &d.lists[k]
	p.buf = binary.AppendUvarint(p.buf, uint64(int32(id)-p.last))
	p.buf = binary.AppendUvarint(p.buf, uint64(tf))
	p.last = int32(id)
	p.n++
}

// entry is one word's encoded posting list, ready for the tree.
type entry struct {
	word string
	data []byte
}

// mergeEntries joins the dictionaries' lists word by word, in word order,
// and encodes each as a tree entry:
//
//	uvarint  length of the rest of the entry
//	uvarint  length of the word, then the word
//	uvarint  df: the number of articles with the word
//	uvarint  n: the number of postings that follow (≤ MaxPostings)
//	n ×      uvarint id gap, then, for words but not tag keys, one impact byte
func mergeEntries(parts []*dict, lens []uint32, avg float64) []entry {
	seen := map[string]bool{}
	var words []string
	for _, d := range parts {
		for w := range d.index {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	sort.Strings(words)
	entries := make([]entry, len(words))
	parallel.For(len(words), func(i int) error {
		word := words[i]
		var lists []*plist
		n := 0
		for _, d := range parts {
			if k, ok := d.index[word]; ok {
				lists = append(lists, &d.lists[k])
				n += int(d.lists[k].n)
			}
		}
		ids, imps := make([]int32, 0, n), make([]byte, 0, n)
		for _, p := range lists {
			id := int32(-1) // the first gap counts from -1
			for r := p.buf; len(r) > 0; {
				gap, k := binary.Uvarint(r)
				tf, k2 := binary.Uvarint(r[k:])
				r = r[k+k2:]
				id += int32(gap)
				ids = append(ids, id)
				imps = append(imps, impact(uint32(tf), lens[id], avg))
			}
			*p = plist{} // done with: its memory can go
		}
		df := len(ids)
		isTag := strings.HasPrefix(word, tagKey)
		if !isTag && len(ids) > MaxPostings {
			ids, imps = strongest(ids, imps, MaxPostings)
		}
		e := make([]byte, 0, 16+len(word)+2*len(ids))
		e = binary.AppendUvarint(e, uint64(len(word)))
		e = append(e, word...)
		e = binary.AppendUvarint(e, uint64(df))
		e = binary.AppendUvarint(e, uint64(len(ids)))
		last := int32(-1)
		for k, id := range ids {
			e = binary.AppendUvarint(e, uint64(id-last))
			last = id
			if !isTag {
				e = append(e, imps[k])
			}
		}
		entries[i] = entry{word, binary.AppendUvarint(make([]byte, 0, len(e)+3), uint64(len(e)))}
		entries[i].data = append(entries[i].data, e...)
		return nil
	})
	return entries
}

// strongest keeps the n postings of greatest impact, newer articles first
// among equals, in id order.
func strongest(ids []int32, imps []byte, n int) ([]int32, []byte) {
	order := make([]int, len(ids))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		if imps[order[a]] != imps[order[b]] {
			return imps[order[a]] > imps[order[b]]
		}
		return ids[order[a]] > ids[order[b]]
	})
	order = order[:n]
	slices.Sort(order)
	outIDs, outImps := make([]int32, n), make([]byte, n)
	for k, i := range order {
		outIDs[k], outImps[k] = ids[i], imps[i]
	}
	return outIDs, outImps
}

// A node is one file of the word tree: a leaf holding entries, or a
// split node that names the next bytes to follow (and holds the entry of
// the word equal to its prefix, if there is one).
type node struct {
	prefix  string
	split   bool
	entries []entry // a leaf's entries, or a split node's own word
	next    []byte
}

// tree plans the node for the words of entries, all of which start with
// prefix, and those below it: a leaf when they fit in LeafSize (or cannot
// be split), else a split node by the next byte of the words.
func tree(entries []entry, prefix string, out *[]node) {
	size := 0
	for _, e := range entries {
		size += len(e.data)
	}
	if size <= LeafSize || len(entries) == 1 {
		*out = append(*out, node{prefix: prefix, entries: entries})
		return
	}
	nd := node{prefix: prefix, split: true}
	rest := entries
	if entries[0].word == prefix {
		nd.entries, rest = entries[:1], entries[1:]
	}
	for len(rest) > 0 {
		c := rest[0].word[len(prefix)]
		k := 1
		for k < len(rest) && rest[k].word[len(prefix)] == c {
			k++
		}
		nd.next = append(nd.next, c)
		tree(rest[:k], prefix+string([]byte{c}), out)
		rest = rest[k:]
	}
	*out = append(*out, nd)
}

// encode writes a node:
//
//	leaf:  0, uvarint count, entries
//	split: 1, 0 or 1 then the entry of the word equal to prefix,
//	       uvarint count, the next bytes in order
func (nd *node) encode() []byte {
	var b []byte
	if !nd.split {
		b = append(b, 0)
		b = binary.AppendUvarint(b, uint64(len(nd.entries)))
		for _, e := range nd.entries {
			b = append(b, e.data...)
		}
		return b
	}
	b = append(b, 1, byte(len(nd.entries)))
	for _, e := range nd.entries {
		b = append(b, e.data...)
	}
	b = binary.AppendUvarint(b, uint64(len(nd.next)))
	return append(b, nd.next...)
}

// NodeFile is the name of the word tree's node for a prefix.
func NodeFile(prefix string) string { return "t/_" + hex.EncodeToString([]byte(prefix)) + ".bin" }

// gzipped compresses data with no name or time in the header, so that the
// same content always gives the same bytes. Compressors are reused: each
// holds about a megabyte of tables.
func gzipped(data []byte, level int) ([]byte, error) {
	pool := &writers[level-gzip.BestSpeed]
	zw, _ := pool.Get().(*gzip.Writer)
	var buf bytes.Buffer
	buf.Grow(len(data)/3 + 64)
	if zw == nil {
		var err error
		if zw, err = gzip.NewWriterLevel(&buf, level); err != nil {
			return nil, err
		}
	} else {
		zw.Reset(&buf)
	}
	defer pool.Put(zw)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writers are the pools of gzip writers, by level.
var writers [gzip.BestCompression - gzip.BestSpeed + 1]sync.Pool

// detail is what a result shows of an article, in its d/ file.
type detail struct {
	URL      string      `json:"u"`
	Title    string      `json:"t"`
	Date     string      `json:"d,omitempty"`
	DateText string      `json:"dt,omitempty"`
	Tags     [][2]string `json:"g,omitempty"`
}

func newDetail(d Doc) detail {
	out := detail{URL: d.URL, Title: d.Title, DateText: d.DateText}
	if !d.Date.IsZero() {
		out.Date = d.Date.Format("2006-01-02")
	}
	for _, t := range d.Tags {
		out.Tags = append(out.Tags, [2]string{t.Name, t.URL})
	}
	return out
}

type tagCount struct {
	name, slug string
	n          int
}

// metaFile is meta.json: what the script needs before its first query.
func metaFile(n int, years []int, tags map[string]*tagCount) ([]byte, error) {
	// Ids run oldest first, so each year is one range of ids.
	ys := [][3]int{}
	for i, y := range years {
		if y == 0 {
			continue
		}
		if len(ys) > 0 && ys[len(ys)-1][0] == y {
			ys[len(ys)-1][2] = i + 1
		} else {
			ys = append(ys, [3]int{y, i, i + 1})
		}
	}
	list := make([]*tagCount, 0, len(tags))
	for _, t := range tags {
		list = append(list, t)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].n != list[j].n {
			return list[i].n > list[j].n
		}
		return list[i].slug < list[j].slug
	})
	list = list[:min(TopTags, len(list))]
	sort.Slice(list, func(i, j int) bool { return strings.ToLower(list[i].name) < strings.ToLower(list[j].name) })
	top := make([][3]any, len(list))
	for i, t := range list {
		top[i] = [3]any{t.name, t.slug, t.n}
	}
	return json.Marshal(map[string]any{
		"version": Version, "docs": n, "years": ys, "tags": top,
		"k1": k1, "max_postings": MaxPostings, "chunk": Chunk,
	})
}
