package build

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"gazette/generator/internal/browsertest"
)

// benchQuery is one query of bench/search: want, when set, is the URL
// path (below the site root) of the article it should find.
type benchQuery struct {
	Q    string `json:"q"`
	Want string `json:"want,omitempty"`
}

// benchResult is what TestSearchBench measures of one query with one
// tool.
type benchResult struct {
	Tool  string  `json:"tool"`
	Q     string  `json:"q"`
	First int     `json:"first_bytes"` // downloaded by the query on a fresh page
	Next  int     `json:"next_bytes"`  // by the next query, another one, on the same page
	MS    float64 `json:"ms"`          // from the last keystroke to the first results
	Rank  int     `json:"rank"`        // of Want among the results, from 1; 0 if not in the top 10
}

// TestSearchBench measures search in Chromium on a built site, for
// bench/search: for each query, the bytes it downloads (on a fresh page,
// and after another query) and the time from the last keystroke to the
// first results shown, for gazette's search page and, when the site has a
// pagefind/ folder, for Pagefind's API. It runs only when
// GAZETTE_SEARCH_BENCH names the built site; GAZETTE_SEARCH_QUERIES names
// a JSON file of queries. It prints one JSON line per query and tool.
func TestSearchBench(t *testing.T) {
	dir := os.Getenv("GAZETTE_SEARCH_BENCH")
	if dir == "" {
		t.Skip("set GAZETTE_SEARCH_BENCH to a built site (see bench/search)")
	}
	var queries []benchQuery
	data, err := os.ReadFile(os.Getenv("GAZETTE_SEARCH_QUERIES"))
	if err == nil {
		err = json.Unmarshal(data, &queries)
	}
	if err != nil {
		t.Fatalf("GAZETTE_SEARCH_QUERIES: %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + l.Addr().String() + "/"
	var files http.Handler = http.FileServer(http.Dir(dir))
	if os.Getenv("GAZETTE_SEARCH_GZIP") != "" {
		files = gzipText(files)
	}
	// The server counts the bytes it sends for the search (its script, its
	// index, the pages or fragments of snippets), as the browser's own
	// counts miss what a worker fetches; nothing may be cached.
	var sent atomic.Int64
	counted := func(p string) bool {
		return strings.HasPrefix(p, "/search/index/") || p == "/search.js" || strings.HasPrefix(p, "/articles/") || strings.HasPrefix(p, "/pagefind/")
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if counted(r.URL.Path) {
			w = &countingWriter{ResponseWriter: w, n: &sent}
		}
		if r.URL.Path == "/__pagefind.html" {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<!DOCTYPE html><title>pagefind</title><script type="module">window.pagefind = await import("/pagefind/pagefind.js"); await pagefind.options({}); window.ready = true;</script>`)
			return
		}
		files.ServeHTTP(w, r)
	})}
	go srv.Serve(l)
	defer srv.Close()
	ctx := browsertest.New(t)
	if err := chromedp.Run(ctx, network.Enable(), network.SetCacheDisabled(true), chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	await := func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }
	// snippetsShown: the results in view (and the 200 pixels below) have
	// their snippets.
	const snippetsShown = `[...document.querySelectorAll('#results li.card')].filter(li => li.getBoundingClientRect().top < innerHeight + 200).every(li => li.querySelector('.snippet').textContent)`
	reset := chromedp.ActionFunc(func(context.Context) error { sent.Store(0); return nil })
	read := func(n *int) chromedp.Action {
		return chromedp.ActionFunc(func(context.Context) error { *n = int(sent.Load()); return nil })
	}
	_, pagefind := os.Stat(filepath.Join(dir, "pagefind", "pagefind.js"))
	other := func(i int) string { return queries[(i+1)%len(queries)].Q }
	for i, q := range queries {
		// Gazette: type the query key by key on a fresh search page.
		var res benchResult
		var links []string
		err := chromedp.Run(ctx,
			reset,
			chromedp.Navigate(base+"search/"),
			browsertest.WaitFor(`document.querySelector('.filters') && !document.querySelector('.filters').hidden`),
			chromedp.Evaluate(`window.__t = {}; performance.setResourceTimingBufferSize(10000);
document.getElementById('q').addEventListener('input', () => { window.__t.input = performance.now(); window.__t.shown = 0; }, true);
new MutationObserver(() => { const l = document.getElementById('results'); if (!l.hasAttribute('aria-busy') && !window.__t.shown) window.__t.shown = performance.now(); })
  .observe(document.getElementById('results'), {attributes: true, attributeFilter: ['aria-busy']});`, nil),
			chromedp.SendKeys("#q", q.Q),
			browsertest.WaitFor(`window.__t.shown > window.__t.input && /match/.test(document.getElementById('status').textContent)`),
			browsertest.WaitFor(snippetsShown),
			chromedp.Evaluate(`window.__t.shown - window.__t.input`, &res.MS),
			read(&res.First),
			chromedp.Evaluate(`[...document.querySelectorAll('#results h2 a')].map(a => new URL(a.href).pathname)`, &links),
			// The next query, another one, on the same page.
			reset,
			chromedp.Evaluate(`document.getElementById('q').value = ''`, nil),
			chromedp.SendKeys("#q", other(i)),
			browsertest.WaitFor(resultsShown),
			browsertest.WaitFor(snippetsShown),
			read(&res.Next),
		)
		if err != nil {
			t.Fatalf("gazette %q: %v", q.Q, err)
		}
		res.Tool, res.Q, res.Rank = "gazette", q.Q, rank(links, q.Want)
		report(t, res)
		if pagefind != nil {
			continue
		}
		// Pagefind: its API on a page of its own, the query and the data of
		// the first ten results (what its UI shows).
		run := func(q string, urls *[]string) chromedp.Action {
			return chromedp.Evaluate(fmt.Sprintf(`(async () => { const t0 = performance.now();
const r = await pagefind.search(%q);
const data = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
window.__ms = performance.now() - t0; return data.map(d => new URL(d.url, location.href).pathname); })()`, q), urls, await)
		}
		res = benchResult{Tool: "pagefind", Q: q.Q}
		var ignore []string
		err = chromedp.Run(ctx,
			reset,
			chromedp.Navigate(base+"__pagefind.html"),
			browsertest.WaitFor(`window.ready === true`),
			run(q.Q, &links),
			chromedp.Evaluate(`window.__ms`, &res.MS),
			read(&res.First),
			reset,
			run(other(i), &ignore),
			read(&res.Next),
		)
		if err != nil {
			t.Fatalf("pagefind %q: %v", q.Q, err)
		}
		res.Rank = rank(links, q.Want)
		report(t, res)
	}
}

// countingWriter adds the bytes written through it to n.
type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (w *countingWriter) Write(b []byte) (int, error) {
	w.n.Add(int64(len(b)))
	return w.ResponseWriter.Write(b)
}

// gzipText compresses HTML, CSS, JavaScript and JSON as static hosts
// (GitHub Pages, Netlify, Cloudflare) do; other files go as they are.
func gzipText(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ext := path.Ext(r.URL.Path)
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") || (ext != "" && ext != ".html" && ext != ".css" && ext != ".js" && ext != ".json") {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.Header().Set("Content-Encoding", "gzip")
		w.WriteHeader(rec.Code)
		zw := gzip.NewWriter(w)
		zw.Write(rec.Body.Bytes())
		zw.Close()
	})
}

// rank is the place of want among the result paths, from 1, or 0.
func rank(paths []string, want string) int {
	if want == "" {
		return 0
	}
	for i, p := range paths {
		if strings.TrimPrefix(p, "/") == strings.TrimPrefix(want, "/") {
			return i + 1
		}
	}
	return 0
}

func report(t *testing.T, r benchResult) {
	line, _ := json.Marshal(r)
	fmt.Println("BENCH " + string(line))
}
