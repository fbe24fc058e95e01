package search

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// archive makes n articles of random words from a vocabulary of v words,
// some with tags and dates, deterministically.
func archive(n, v int) []Doc {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, v)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%s%d", string(rune('a'+i%26)), i)
	}
	tags := []Tag{{"Syria", "syria", "tags/syria/"}, {"France", "france", "tags/france/"}, {"EU", "eu", "tags/eu/"}}
	docs := make([]Doc, n)
	for i := range docs {
		var body []string
		for range 20 + r.IntN(200) {
			// Zipf-like: low word numbers are common.
			body = append(body, vocab[int(float64(v)*r.Float64()*r.Float64()*r.Float64())])
		}
		d := Doc{URL: fmt.Sprintf("articles/a%d/", i), Title: vocab[r.IntN(v)] + " " + vocab[r.IntN(v)], Text: strings.Join(body, " ")}
		if i%7 != 0 {
			d.Date = time.Date(2000+i*20/n, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		for k, t := range tags {
			if (i+k)%(k+2) == 0 {
				d.Tags = append(d.Tags, t)
			}
		}
		docs[i] = d
	}
	// Undated articles come first, as they do in a site's oldest-first order.
	slices.SortStableFunc(docs, func(a, b Doc) int { return a.Date.Compare(b.Date) })
	return docs
}

// TestRouting builds an index big enough to split its word tree many
// levels deep and finds every word through it, reading only the nodes on
// the word's path.
func TestRouting(t *testing.T) {
	docs := archive(3000, 20000)
	ix := build(t, docs)
	df := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		count := func(w string) {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
		Tokens(d.Title+" "+d.Text, count)
		for _, tg := range d.Tags {
			Tokens(tg.Name, count)
			count(tagKey + tg.Slug)
		}
	}
	nodes := 0
	for name := range ix.files {
		if strings.HasPrefix(name, "t/") {
			nodes++
		}
	}
	if nodes < 20 {
		t.Fatalf("only %d nodes: the tree did not split", nodes)
	}
	reached := map[string]bool{}
	deepest := 0
	for w, n := range df {
		ix.fetched = nil
		e, ok := ix.lookup(t, w)
		if !ok {
			t.Fatalf("%q not found", w)
		}
		if e.df != n || (len(e.postings) != min(n, MaxPostings) && !strings.HasPrefix(w, tagKey)) {
			t.Fatalf("%q: df %d with %d postings, want %d", w, e.df, len(e.postings), n)
		}
		for i, name := range ix.fetched {
			reached[name] = true
			if name != NodeFile(w[:i]) {
				t.Fatalf("%q: read %s at depth %d", w, name, i)
			}
		}
		deepest = max(deepest, len(ix.fetched))
	}
	for _, miss := range []string{"zzz", "w", "wa", "", "wa0x"} {
		if miss == "" {
			continue
		}
		if _, ok := ix.lookup(t, miss); ok {
			t.Errorf("%q found", miss)
		}
	}
	for name, data := range ix.files {
		if strings.HasPrefix(name, "t/") && !reached[name] {
			t.Errorf("%s is on no word's path", name)
		}
		if strings.HasPrefix(name, "t/") && len(ix.read(t, name)) > LeafSize+64<<10 {
			t.Errorf("%s holds %d bytes", name, len(data))
		}
	}
	t.Logf("%d words, %d nodes, %d deep", len(df), nodes, deepest)
}

// TestRanking checks the order of results on a small fixture.
func TestRanking(t *testing.T) {
	filler := strings.Repeat("and then the other thing happened there ", 20)
	docs := []Doc{
		{URL: "0", Title: "Weather", Text: "Raqqa is named once. " + filler},
		{URL: "1", Title: "Raqqa under fire", Text: "Raqqa is named twice: Raqqa. " + filler},
		{URL: "2", Title: "Markets", Text: "Raqqa, Raqqa, Raqqa and Raqqa again. " + filler},
		{URL: "3", Title: "Short", Text: "Raqqa once, in a short article."},
		{URL: "4", Title: "Strikes in Raqqa", Text: "Air strikes hit Raqqa. " + filler},
		{URL: "5", Title: "The strike", Text: "A strike at the port. " + filler},
		{URL: "6", Title: "Nothing", Text: filler},
	}
	ix := build(t, docs)
	for _, c := range []struct {
		q    string
		want []int
	}{
		// A title hit first; more mentions before fewer; a short article
		// before a long one that names the word as often.
		{"raqqa", []int{1, 4, 2, 3, 0}},
		// Both words, then the rarer word (in title and body), then the
		// commoner.
		{"raqqa strike", []int{4, 5, 1, 2, 3, 0}},
		{"STRIKING", []int{5, 4}},
		{"nowhere", nil},
	} {
		if got := ix.query(t, c.q); !slices.Equal(got, c.want) {
			t.Errorf("query %q = %v, want %v", c.q, got, c.want)
		}
	}
}

// TestMaxPostings: a word in more articles than MaxPostings keeps the
// strongest MaxPostings, in id order, and its true article count.
func TestMaxPostings(t *testing.T) {
	n := MaxPostings + 500
	docs := make([]Doc, n)
	for i := range docs {
		text := "common words here"
		if i%10 == 0 {
			text = "common common common words"
		}
		docs[i] = Doc{URL: fmt.Sprint(i), Title: "t", Text: text}
	}
	ix := build(t, docs)
	e, ok := ix.lookup(t, "common")
	if !ok || e.df != n || len(e.postings) != MaxPostings {
		t.Fatalf("df %d, %d postings; want %d, %d", e.df, len(e.postings), n, MaxPostings)
	}
	strong := 0
	for i, p := range e.postings {
		if i > 0 && p.id <= e.postings[i-1].id {
			t.Fatal("postings out of order")
		}
		if p.id%10 == 0 {
			strong++
		}
	}
	if strong != (n+9)/10 {
		t.Errorf("%d of the %d strongest postings kept", strong, (n+9)/10)
	}
}

// TestMeta checks the year ranges and tag counts of meta.json.
func TestMeta(t *testing.T) {
	docs := archive(200, 500)
	m := build(t, docs).meta(t)
	if m.Docs != 200 {
		t.Errorf("docs = %d", m.Docs)
	}
	prev := 0
	for _, y := range m.Years {
		if y[1] < prev || y[2] <= y[1] {
			t.Errorf("bad range %v", y)
		}
		for id := y[1]; id < y[2]; id++ {
			if docs[id].Date.Year() != y[0] {
				t.Errorf("doc %d in year %d has date %v", id, y[0], docs[id].Date)
			}
		}
		prev = y[2]
	}
	if len(m.Years) != 20 {
		t.Errorf("%d years", len(m.Years))
	}
	count := map[string]int{}
	for _, d := range docs {
		for _, t := range d.Tags {
			count[t.Slug]++
		}
	}
	for _, tg := range m.Tags {
		if int(tg[2].(float64)) != count[tg[1].(string)] {
			t.Errorf("tag %v, want count %d", tg, count[tg[1].(string)])
		}
	}
}

// TestTagLists: the list of a tag's articles is complete.
func TestTagLists(t *testing.T) {
	docs := archive(500, 500)
	ix := build(t, docs)
	e, ok := ix.lookup(t, tagKey+"syria")
	if !ok {
		t.Fatal("no list for tag syria")
	}
	var want []int
	for id, d := range docs {
		if slices.ContainsFunc(d.Tags, func(t Tag) bool { return t.Slug == "syria" }) {
			want = append(want, id)
		}
	}
	var got []int
	for _, p := range e.postings {
		got = append(got, p.id)
	}
	if !slices.Equal(got, want) {
		t.Errorf("syria: %d articles listed, want %d", len(got), len(want))
	}
}

// TestReproducible: the index is the same bytes whatever the number of
// cores that built it.
func TestReproducible(t *testing.T) {
	docs := archive(1000, 3000)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(1)
	one := build(t, docs)
	runtime.GOMAXPROCS(3)
	three := build(t, docs)
	if len(one.files) != len(three.files) {
		t.Fatalf("%d files, then %d", len(one.files), len(three.files))
	}
	for name, data := range one.files {
		if !bytes.Equal(data, three.files[name]) {
			t.Errorf("%s differs", name)
		}
	}
}

// TestIncremental: editing one article, or adding a new one, rewrites at
// most the d/ file of its details and only nodes on the paths of its words
// (and new nodes of a split), not the whole index.
func TestIncremental(t *testing.T) {
	docs := archive(3000, 20000)
	before := build(t, docs)
	check := func(what string, after *index, docs ...Doc) {
		t.Helper()
		onPath := map[string]bool{}
		mark := func(w string) {
			for i := range len(w) + 1 {
				onPath[NodeFile(w[:i])] = true
			}
		}
		for _, d := range docs {
			Tokens(d.Title+" "+d.Text, mark)
			for _, tg := range d.Tags {
				Tokens(tg.Name, mark)
				mark(tagKey + tg.Slug)
			}
		}
		nodes, docFiles, total := 0, 0, 0
		for name, data := range after.files {
			if strings.HasPrefix(name, "t/") {
				total++
			}
			old, existed := before.files[name]
			if bytes.Equal(old, data) || name == MetaFile {
				continue
			}
			if strings.HasPrefix(name, "t/") {
				nodes++
				if existed && !onPath[name] {
					t.Errorf("%s: %s rewritten", what, name)
				}
			} else {
				docFiles++
			}
		}
		t.Logf("%s: %d of %d nodes and %d article files rewritten", what, nodes, total, docFiles)
		if docFiles > 1 || nodes == total {
			t.Errorf("%s: %d of %d nodes and %d article files rewritten", what, nodes, total, docFiles)
		}
	}
	edited := slices.Clone(docs)
	edited[1234].Text += " a few new words wzz1 wzz2"
	edited[1234].Title = "A new title"
	check("edit", build(t, edited), docs[1234], edited[1234])
	added := append(slices.Clone(docs), Doc{URL: "new", Title: "New", Date: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Text: docs[5].Text})
	check("add", build(t, added), added[len(added)-1])
}
