package site

import (
	"fmt"
	"math/rand"
	"testing"
	"time"

	"gazette/generator/content"
)

// benchArticles makes n articles shaped like a news archive: dates over
// twenty years, one to six tags each from a Zipf-distributed set of 800.
func benchArticles(n int) []*content.Article {
	r := rand.New(rand.NewSource(1))
	zipf := rand.NewZipf(r, 1.1, 1, 799)
	start := time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)
	arts := make([]*content.Article, n)
	for i := range arts {
		a := &content.Article{Path: fmt.Sprintf("content/a%07d.md", i), Title: fmt.Sprintf("Article %d", i)}
		a.Date = start.Add(time.Duration(r.Int63n(int64(20 * 365 * 24 * time.Hour))))
		for range 1 + r.Intn(6) {
			a.Tags = append(a.Tags, fmt.Sprintf("tag %d", zipf.Uint64()))
		}
		arts[i] = a
	}
	return arts
}

// BenchmarkRelated works out every article's related list in a site of
// 100,000 articles (per op: the whole site).
func BenchmarkRelated(b *testing.B) {
	arts := benchArticles(100_000)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		s, err := New(arts, Options{Config: content.DefaultConfig()})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for _, a := range s.Articles {
			a.relate(s.related)
		}
	}
}

// BenchmarkNew places 100,000 parsed articles into a site, as every
// build does after loading them.
func BenchmarkNew(b *testing.B) {
	arts := benchArticles(100_000)
	for b.Loop() {
		if _, err := New(arts, Options{Config: content.DefaultConfig()}); err != nil {
			b.Fatal(err)
		}
	}
}
