package render

import (
	"io"
	"testing"

	"gazette/generator/content"
	"gazette/generator/internal/sample"
)

// BenchmarkMarkdown converts one article's body to HTML.
func BenchmarkMarkdown(b *testing.B) {
	a, err := content.Parse("content/a.md", sample.Article(1))
	if err != nil {
		b.Fatal(err)
	}
	m := NewMarkdown(false, "/")
	b.SetBytes(int64(len(a.Body)))
	for b.Loop() {
		if err := m.Convert(a.Body, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSummary makes one article's summary from its body.
func BenchmarkSummary(b *testing.B) {
	a, err := content.Parse("content/a.md", sample.Article(1))
	if err != nil {
		b.Fatal(err)
	}
	m := NewMarkdown(false, "/")
	for b.Loop() {
		m.Summary(a.Body)
	}
}
