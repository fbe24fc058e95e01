package search

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"io"
	"math"
	"sort"
	"strings"
	"sync"
	"testing"
)

// index is a built index in memory, read back the way search.js reads it,
// for tests.
type index struct {
	files   map[string][]byte
	fetched []string // the files lookups read, in order
	plain   map[string][]byte
}

// build indexes docs (oldest first) into memory.
func build(t testing.TB, docs []Doc) *index {
	t.Helper()
	ix := &index{files: map[string][]byte{}}
	var mu sync.Mutex
	err := Build(len(docs), func(i int) (Doc, error) { return docs[i], nil }, func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := ix.files[name]; dup {
			t.Errorf("%s written twice", name)
		}
		ix.files[name] = append([]byte(nil), data...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func (ix *index) read(t testing.TB, name string) []byte {
	t.Helper()
	ix.fetched = append(ix.fetched, name)
	if out, ok := ix.plain[name]; ok {
		return out
	}
	data, ok := ix.files[name]
	if !ok {
		t.Fatalf("no file %s", name)
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if ix.plain == nil {
		ix.plain = map[string][]byte{}
	}
	ix.plain[name] = out
	return out
}

type posting struct {
	id     int
	impact byte
}

type testEntry struct {
	word     string
	df       int
	postings []posting
}

func readUvarint(t testing.TB, r *bytes.Reader) int {
	v, err := binary.ReadUvarint(r)
	if err != nil {
		t.Fatalf("bad varint: %v", err)
	}
	return int(v)
}

func readEntry(t testing.TB, r *bytes.Reader) testEntry {
	n := readUvarint(t, r)
	body := make([]byte, n)
	io.ReadFull(r, body)
	br := bytes.NewReader(body)
	word := make([]byte, readUvarint(t, br))
	io.ReadFull(br, word)
	e := testEntry{word: string(word), df: readUvarint(t, br)}
	tag := strings.HasPrefix(e.word, tagKey)
	id := -1
	for k := readUvarint(t, br); k > 0; k-- {
		id += readUvarint(t, br)
		p := posting{id: id}
		if !tag {
			p.impact, _ = br.ReadByte()
		}
		e.postings = append(e.postings, p)
	}
	if br.Len() != 0 {
		t.Fatalf("entry %q: %d bytes left over", e.word, br.Len())
	}
	return e
}

// lookup walks the word tree to key's entry, as search.js does.
func (ix *index) lookup(t testing.TB, key string) (testEntry, bool) {
	for depth := 0; ; depth++ {
		r := bytes.NewReader(ix.read(t, NodeFile(key[:depth])))
		kind, _ := r.ReadByte()
		if kind == 0 {
			for n := readUvarint(t, r); n > 0; n-- {
				if e := readEntry(t, r); e.word == key {
					return e, true
				}
			}
			return testEntry{}, false
		}
		hasExact, _ := r.ReadByte()
		var exact testEntry
		if hasExact == 1 {
			exact = readEntry(t, r)
		}
		if depth == len(key) {
			return exact, hasExact == 1
		}
		next := make([]byte, readUvarint(t, r))
		io.ReadFull(r, next)
		if bytes.IndexByte(next, key[depth]) < 0 {
			return testEntry{}, false
		}
	}
}

type meta struct {
	Docs  int      `json:"docs"`
	Years [][3]int `json:"years"`
	Tags  [][3]any `json:"tags"`
}

func (ix *index) meta(t testing.TB) meta {
	var m meta
	if err := json.Unmarshal(ix.files[MetaFile], &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// query ranks the articles for q as search.js does, without prefix
// matching: the sum over q's words of idf times impact.
func (ix *index) query(t testing.TB, q string) []int {
	n := ix.meta(t).Docs
	scores := map[int]float64{}
	seen := map[string]bool{}
	Tokens(q, func(w string) {
		if seen[w] {
			return
		}
		seen[w] = true
		e, ok := ix.lookup(t, w)
		if !ok {
			return
		}
		idf := math.Log(1 + (float64(n)-float64(e.df)+0.5)/(float64(e.df)+0.5))
		for _, p := range e.postings {
			scores[p.id] += idf * float64(p.impact)
		}
	})
	ids := make([]int, 0, len(scores))
	for id := range scores {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if scores[ids[i]] != scores[ids[j]] {
			return scores[ids[i]] > scores[ids[j]]
		}
		return ids[i] > ids[j]
	})
	return ids
}
