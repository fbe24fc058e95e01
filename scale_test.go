package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var scale = flag.Bool("scale", false, "run the scale test at full size: 100,000 articles, 20,000 tags")

// TestScale builds a site at the edges of scale: many articles in one
// folder, many tags, one tag on every article, an article with 500 tags,
// a 5 MB article, titles of 1 and 2,000 characters. CI runs it small;
// -scale runs it at full size.
func TestScale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large site")
	}
	articles, tags := 1000, 2000
	if *scale {
		articles, tags = 100000, 20000
	}
	site := t.TempDir()
	dir := filepath.Join(site, "content")
	os.MkdirAll(dir, 0o755)
	for i := range articles {
		title := fmt.Sprintf("Article %d about the port", i)
		switch i {
		case 0:
			title = "X"
		case 1:
			title = strings.Repeat("Long title ", 200)[:2000]
		}
		tagList := fmt.Sprintf("[everywhere, t%d, t%d]", i%tags, (i*7+3)%tags)
		if i == 2 {
			var many []string
			for k := range 500 {
				many = append(many, fmt.Sprintf("many %d", k))
			}
			tagList = "[" + strings.Join(many, ", ") + "]"
		}
		body := "Some text about the port.\n"
		if i == 3 {
			body = strings.Repeat("A paragraph of a very long article, repeated to make five megabytes. ", 73000) + "\n"
		}
		front := fmt.Sprintf("---\ntitle: %q\ndate: 2019-%02d-%02d\ntags: %s\n---\n", title, 1+i%12, 1+i%28, tagList)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%06d.md", i)), []byte(front+body), 0o644)
	}
	dest := filepath.Join(site, "public")
	start := time.Now()
	cmd := exec.Command("/usr/bin/time", "-f", "%M", os.Args[0], "build", "--quiet", "--source", site, "--dest", dest)
	if _, err := exec.LookPath("/usr/bin/time"); err != nil {
		cmd = gazette("build", "--quiet", "--source", site, "--dest", dest)
	}
	cmd.Env = append(os.Environ(), "GAZETTE_TEST_MAIN=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	t.Logf("%d articles, %d tags: built in %s; peak RSS %s KB", articles, tags, time.Since(start).Round(time.Millisecond), strings.TrimSpace(string(out)))
	for _, p := range []string{"articles/a000000/index.html", "articles/a000003/index.html", "tags/everywhere/index.html", "tags/many-499/index.html",
		fmt.Sprintf("tags/everywhere/page/%d/index.html", (articles+19)/20)} {
		if _, err := os.Stat(filepath.Join(dest, p)); err != nil {
			t.Error(err)
		}
	}
	if page, err := os.ReadFile(filepath.Join(dest, "articles/a000001/index.html")); err != nil || !strings.Contains(string(page), "<h1>Long title Long title") {
		t.Errorf("the 2,000-character title's page: %v", err)
	}
	distinct := map[int]bool{}
	for i := range articles {
		distinct[i%tags], distinct[(i*7+3)%tags] = true, true
	}
	tagDirs, _ := os.ReadDir(filepath.Join(dest, "tags"))
	if want := len(distinct) + 500 + 1 + 2; len(tagDirs) != want { // + everywhere, by-count/, index.html
		t.Errorf("%d entries in tags/, want %d", len(tagDirs), want)
	}
	big, err := os.Stat(filepath.Join(dest, "articles/a000003/index.html"))
	if err != nil || big.Size() < 5e6 {
		t.Errorf("the 5 MB article: %v", err)
	}
}
