package build

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"gazette/generator/internal/sample"
)

// benchSite loads a site of n sample articles.
func benchSite(b *testing.B, n int) *Site {
	b.Helper()
	src := b.TempDir()
	os.MkdirAll(filepath.Join(src, "content"), 0o755)
	for i := range n {
		if err := os.WriteFile(filepath.Join(src, "content", fmt.Sprintf("a%05d.md", i)), sample.Article(i), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	s, err := Load(Options{Source: src, Theme: theme})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// benchPage renders the page at path again and again.
func benchPage(b *testing.B, s *Site, path string) {
	b.Helper()
	for _, p := range s.Pages() {
		if p.Path != path {
			continue
		}
		for b.Loop() {
			data, err := p.Render()
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
		}
		return
	}
	b.Fatalf("no page %s", path)
}

// BenchmarkArticlePage renders the oldest article's page (its body
// converted each time: no feed holds it) of a 500-article site.
func BenchmarkArticlePage(b *testing.B) {
	s := benchSite(b, 500)
	benchPage(b, s, index(s.Model.Articles[len(s.Model.Articles)-1].URL))
}

// BenchmarkListPage renders the second page of a 500-article site's
// latest articles: 20 cards, made once and reused as a build does.
func BenchmarkListPage(b *testing.B) {
	benchPage(b, benchSite(b, 500), "page/2/index.html")
}

// BenchmarkPlanPages plans every page of a 20,000-article site and works
// out their keys, as every incremental build does before it renders
// anything.
func BenchmarkPlanPages(b *testing.B) {
	s := benchSite(b, 20_000)
	siteKey, err := s.siteKey(Options{Theme: theme})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s.cardsOnce, s.windowsOnce = sync.Once{}, sync.Once{}
		keys(s.Pages(), siteKey)
	}
}
