// Command ref runs a reference article extractor over a folder of saved
// HTML pages and writes what it extracts as Markdown files the corpus
// scorer reads, so that gazette's importer can be measured side by side
// with it. It is a module of its own, so that gazette does not depend on
// the extractors it is measured against.
//
//	ref trafilatura|readability IN_DIR OUT_DIR
//
// It works one page at a time, in one goroutine, and prints the pages
// per second of its whole run (reading, extracting, writing).
package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
)

// extracted is what an extractor gives for one page.
type extracted struct {
	title, body string
	date        time.Time
}

var extractors = map[string]func(path string) (extracted, error){
	"trafilatura": func(path string) (extracted, error) {
		f, err := os.Open(path)
		if err != nil {
			return extracted{}, err
		}
		defer f.Close()
		r, err := trafilatura.Extract(f, trafilatura.Options{EnableFallback: true, ExcludeComments: true})
		if err != nil {
			return extracted{}, err
		}
		return extracted{title: r.Metadata.Title, body: r.ContentText, date: r.Metadata.Date}, nil
	},
	"readability": func(path string) (extracted, error) {
		f, err := os.Open(path)
		if err != nil {
			return extracted{}, err
		}
		defer f.Close()
		a, err := readability.FromReader(f, &url.URL{Scheme: "https", Host: "example.org", Path: "/"})
		if err != nil {
			return extracted{}, err
		}
		var body strings.Builder
		if err := a.RenderText(&body); err != nil {
			return extracted{}, err
		}
		date, _ := a.PublishedTime()
		return extracted{title: a.Title(), body: body.String(), date: date}, nil
	},
}

func main() {
	if len(os.Args) != 4 || extractors[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: ref trafilatura|readability IN_DIR OUT_DIR")
		os.Exit(2)
	}
	extract, in, out := extractors[os.Args[1]], os.Args[2], os.Args[3]
	pages, err := filepath.Glob(filepath.Join(in, "*.htm*"))
	if err != nil || len(pages) == 0 {
		fmt.Fprintf(os.Stderr, "ref: no .html pages in %s\n", in)
		os.Exit(1)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "ref:", err)
		os.Exit(1)
	}
	start := time.Now()
	failed := 0
	for _, p := range pages {
		e, err := extract(p)
		if err != nil {
			failed++
			continue
		}
		name := filepath.Base(p)
		var b strings.Builder
		b.WriteString("---\n")
		fmt.Fprintf(&b, "title: %s\n", quote(e.title))
		if !e.date.IsZero() {
			fmt.Fprintf(&b, "date: %s\n", e.date.Format("2006-01-02"))
		}
		fmt.Fprintf(&b, "source_file: %s\n", quote(name))
		b.WriteString("---\n")
		b.WriteString(e.body)
		b.WriteString("\n")
		if err := os.WriteFile(filepath.Join(out, strings.TrimSuffix(name, filepath.Ext(name))+".md"), []byte(b.String()), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "ref:", err)
			os.Exit(1)
		}
	}
	took := time.Since(start)
	fmt.Printf("%s: %d pages in %.2f s, %.1f pages/s, %d failed\n", os.Args[1], len(pages), took.Seconds(), float64(len(pages))/took.Seconds(), failed)
}

// quote writes a YAML double-quoted scalar.
func quote(s string) string {
	q, _ := json.Marshal(strings.TrimSpace(s))
	return string(q)
}
