package content

import (
	"testing"

	"gazette/generator/internal/sample"
)

// BenchmarkParse parses one article file: front matter and body split.
func BenchmarkParse(b *testing.B) {
	data := sample.Article(1)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("content/a.md", data); err != nil {
			b.Fatal(err)
		}
	}
}
