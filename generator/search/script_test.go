package search

import (
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gazette/generator/internal/browsertest"
)

// TestScript_sameWords runs the theme's search.js in Chromium and holds
// its words to Tokens': on the cases of TestTokens, on the sample article
// and on the hostile vectors of the build tests, word for word. A query
// can only find what the index holds if the two agree.
func TestScript_sameWords(t *testing.T) {
	script, err := os.ReadFile("../../templates/search.js")
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{}
	for _, c := range tokenCases {
		texts = append(texts, c.text)
	}
	for _, glob := range []string{"../../content/*.md", "../build/testdata/hostile/*.txt", "testdata/fuzz/FuzzTokens/*"} {
		files, _ := filepath.Glob(glob)
		if len(files) == 0 {
			t.Fatalf("no files %s", glob)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(data))
		}
	}
	// And random text over many scripts, with accents, marks, apostrophes
	// and punctuation where they fall.
	r := rand.New(rand.NewPCG(7, 7))
	ranges := [][2]rune{{'0', 'z'}, {0xC0, 0x24F}, {0x300, 0x36F}, {0x370, 0x3FF}, {0x400, 0x4FF},
		{0x600, 0x6FF}, {0x900, 0x97F}, {0x1E00, 0x1EFF}, {0x3040, 0x30FF}, {0x4E00, 0x4E80}, {0xAC00, 0xAC80},
		{0xFF00, 0xFF60}, {0x1F600, 0x1F64F}, {0x2000, 0x206F}}
	for range 100 {
		var b strings.Builder
		for range 400 {
			switch r.IntN(6) {
			case 0:
				b.WriteString([]string{" ", "'", "’", "'s ", "ʼ", "-", ". "}[r.IntN(7)])
			default:
				g := ranges[r.IntN(len(ranges))]
				b.WriteRune(g[0] + rune(r.IntN(int(g[1]-g[0]+1))))
			}
		}
		texts = append(texts, b.String())
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/search.js" {
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(script)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!DOCTYPE html><title>t</title><script src="/search.js"></script>`))
	}))
	defer srv.Close()
	in, _ := json.Marshal(texts)
	var out string
	ctx := browsertest.New(t)
	err = chromedp.Run(ctx,
		chromedp.Navigate(srv.URL),
		browsertest.WaitFor(`!!window.gazetteSearch`),
		chromedp.Evaluate(`JSON.stringify(`+string(in)+`.map(t => gazetteSearch.tokens(t).map(w => w.word)))`, &out),
	)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	total := 0
	for i, text := range texts {
		want := words(text)
		total += len(want)
		if !slices.Equal(got[i], want) {
			for k := range min(len(got[i]), len(want)) {
				if got[i][k] != want[k] {
					t.Errorf("text %d: word %d: search.js %q, Tokens %q", i, k, got[i][k], want[k])
					break
				}
			}
			t.Errorf("text %d: search.js %d words, Tokens %d", i, len(got[i]), len(want))
		}
	}
	t.Logf("%d texts, %d words agree", len(texts), total)
}
