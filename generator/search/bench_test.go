package search

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// benchDocs are the articles of $GAZETTE_BENCH_ARCHIVE (a content/ folder,
// such as one made by bench/build; body text only), or a synthetic
// archive.
func benchDocs(b *testing.B) []Doc {
	dir := os.Getenv("GAZETTE_BENCH_ARCHIVE")
	if dir == "" {
		return archive(5000, 50000)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	sort.Strings(files)
	if len(files) == 0 {
		b.Fatalf("no articles in %s", dir)
	}
	files = files[:min(len(files), 20000)]
	docs := make([]Doc, len(files))
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		if _, body, ok := bytes.Cut(data[3:], []byte("\n---\n")); ok {
			data = body
		}
		docs[i] = Doc{URL: f, Title: filepath.Base(f), Text: string(data)}
	}
	return docs
}

// textBytes is the size of the documents' text, for MB/s.
func textBytes(docs []Doc) int64 {
	n := 0
	for _, d := range docs {
		n += len(d.Text)
	}
	return int64(n)
}

// BenchmarkBuild indexes the bench archive into memory; it reports
// articles per second and MB of text per second.
func BenchmarkBuild(b *testing.B) {
	docs := benchDocs(b)
	b.SetBytes(textBytes(docs))
	b.ResetTimer()
	for range b.N {
		if err := Build(len(docs), func(i int) (Doc, error) { return docs[i], nil }, func(string, []byte) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkTokens normalises the bench archive's words.
func BenchmarkTokens(b *testing.B) {
	docs := benchDocs(b)
	b.SetBytes(textBytes(docs))
	b.ResetTimer()
	for range b.N {
		for _, d := range docs {
			Tokens(d.Text, func(string) {})
		}
	}
}
