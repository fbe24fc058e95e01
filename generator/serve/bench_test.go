package serve

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// BenchmarkEditLatency measures how long an edit to one article takes to
// show in the served page: from the file's write to the first response
// with the new title, polling every millisecond. It needs a site:
// GAZETTE_BENCH_SITE names one (bench/serve makes a 10,000-article one),
// which is copied, since the benchmark edits it. It reports the median
// and the 90th percentile.
func BenchmarkEditLatency(b *testing.B) {
	src := os.Getenv("GAZETTE_BENCH_SITE")
	if src == "" {
		b.Skip("set GAZETTE_BENCH_SITE to a site folder (see bench/serve)")
	}
	site := b.TempDir()
	copyTree(b, src, site)
	files, _ := filepath.Glob(filepath.Join(site, "content", "*.md"))
	if len(files) == 0 {
		b.Fatal("no articles")
	}
	sort.Strings(files)
	article := files[len(files)/2]
	orig, _ := os.ReadFile(article)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	loadStart := time.Now()
	s, err := New(Config{Source: site, Theme: theme, Settle: 10 * time.Millisecond}, l)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded %d articles in %s", len(s.current.site.Model.Articles), time.Since(loadStart))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Serve(ctx, l)
	var url string
	for _, a := range s.current.site.Model.Articles {
		if a.Path == article {
			url = s.URL() + a.URL
		}
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		marker := fmt.Sprintf("Edited %d", i)
		data := strings.Replace(string(orig), "title: \"", "title: \""+marker+" ", 1)
		t0 := time.Now()
		if err := os.WriteFile(article, []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			_, body := get(b, url)
			if strings.Contains(body, marker) {
				break
			}
			if time.Since(t0) > 30*time.Second {
				b.Fatal("the edit never showed")
			}
			time.Sleep(time.Millisecond)
		}
		lat = append(lat, time.Since(t0))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(lat[len(lat)*9/10].Microseconds())/1000, "ms-p90")
}
