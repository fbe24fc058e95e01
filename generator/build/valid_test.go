package build

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"gazette/generator/internal/browsertest"
)

// validSites are the sites the validity tests build: the fixture and the
// repository's own sample archive, each at a domain root and under a path.
var validSites = []struct{ name, src, base string }{
	{"fixture-root", "testdata/site", "https://example.org/"},
	{"fixture-path", "testdata/site", "https://example.org/archive/"},
	{"sample-root", "../..", "https://example.org/"},
	{"sample-path", "../..", "https://example.org/archive/"},
}

// resolve maps a URL found in the built site to the file that serves it,
// or "" when the URL points outside the site.
func resolve(pageURL, ref, base string) (string, bool) {
	b, _ := url.Parse(base)
	p, _ := url.Parse(pageURL)
	u, err := p.Parse(ref)
	if err != nil {
		return "", true
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host != b.Host {
		return "", false
	}
	if !strings.HasPrefix(u.Path, b.Path) {
		// A full URL elsewhere on the host is content's business; a path
		// the theme wrote there is a broken link.
		return u.Path, !strings.Contains(ref, "://")
	}
	rel := strings.TrimPrefix(u.Path, b.Path)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel, true
}

// TestSite_links checks that every href and src inside the site resolves
// to a file of public/.
func TestSite_links(t *testing.T) {
	for _, vs := range validSites {
		t.Run(vs.name, func(t *testing.T) {
			files := readTree(t, buildSite(t, vs.src, vs.base))
			checked := 0
			for name, data := range files {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				pageURL := vs.base + strings.TrimSuffix(name, "index.html")
				for _, ref := range links(data) {
					file, inside := resolve(pageURL, ref, vs.base)
					if !inside {
						continue
					}
					checked++
					if _, ok := files[file]; !ok {
						t.Errorf("%s: link %q leads to %q, which is not in the site", name, ref, file)
					}
				}
			}
			if checked < 50 {
				t.Errorf("only %d internal links checked", checked)
			}
		})
	}
}

// links returns the URLs of a page's href and src attributes.
func links(page []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			for _, a := range z.Token().Attr {
				if a.Key == "href" || a.Key == "src" {
					out = append(out, a.Val)
				}
			}
		}
	}
}

// TestSite_feeds parses every feed with a real feed reader library and
// checks that item links are absolute, resolve, and are unique.
func TestSite_feeds(t *testing.T) {
	for _, vs := range validSites {
		t.Run(vs.name, func(t *testing.T) {
			files := readTree(t, buildSite(t, vs.src, vs.base))
			feeds := 0
			for name, data := range files {
				base := filepath.Base(name)
				if base != "index.xml" && base != "atom.xml" && base != "feed.json" {
					continue
				}
				feeds++
				f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				if len(f.Items) == 0 {
					t.Errorf("%s: no items", name)
				}
				if f.FeedLink != "" && f.FeedLink != vs.base+name {
					t.Errorf("%s: self link %q", name, f.FeedLink)
				}
				seen := map[string]bool{}
				for _, it := range f.Items {
					if seen[it.GUID] || it.GUID == "" {
						t.Errorf("%s: guid %q empty or repeated", name, it.GUID)
					}
					seen[it.GUID] = true
					if !strings.HasPrefix(it.Link, vs.base) {
						t.Errorf("%s: item link %q is not absolute under %s", name, it.Link, vs.base)
					}
					if file, _ := resolve(vs.base, it.Link, vs.base); files[file] == nil {
						t.Errorf("%s: item link %q does not resolve", name, it.Link)
					}
				}
			}
			if feeds < 6 {
				t.Errorf("only %d feeds", feeds)
			}
		})
	}
}

// TestSite_sitemap checks that sitemap.xml parses and every location in it
// resolves, and that robots.txt points at it.
func TestSite_sitemap(t *testing.T) {
	for _, vs := range validSites {
		t.Run(vs.name, func(t *testing.T) {
			files := readTree(t, buildSite(t, vs.src, vs.base))
			var set struct {
				URLs []struct {
					Loc string `xml:"loc"`
				} `xml:"url"`
			}
			if err := xml.Unmarshal(files["sitemap.xml"], &set); err != nil {
				t.Fatal(err)
			}
			if len(set.URLs) < 5 {
				t.Errorf("sitemap has %d URLs", len(set.URLs))
			}
			for _, u := range set.URLs {
				if file, _ := resolve(vs.base, u.Loc, vs.base); !strings.HasPrefix(u.Loc, vs.base) || files[file] == nil {
					t.Errorf("sitemap location %q does not resolve", u.Loc)
				}
			}
			if !bytes.Contains(files["robots.txt"], []byte("Sitemap: "+vs.base+"sitemap.xml\n")) {
				t.Errorf("robots.txt: %s", files["robots.txt"])
			}
		})
	}
}

// vnuJar finds the W3C Nu HTML Checker: $GAZETTE_VNU_JAR, or the npm
// package vnu-jar installed at the repository root; it runs with Java.
func vnuJar(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("java"); err != nil {
		browsertest.Need(t, "Java", "apt-get install openjdk-17-jre-headless", err)
	}
	if jar := os.Getenv("GAZETTE_VNU_JAR"); jar != "" {
		return jar
	}
	return browsertest.NodeFile(t, "vnu-jar/build/dist/vnu.jar")
}

// TestSite_htmlValid runs the W3C Nu HTML Checker on every page.
func TestSite_htmlValid(t *testing.T) {
	jar := vnuJar(t)
	var dirs []string
	for _, vs := range validSites {
		dirs = append(dirs, buildSite(t, vs.src, vs.base))
	}
	args := append([]string{"-jar", jar, "--errors-only", "--format", "json", "--skip-non-html"}, dirs...)
	out, err := exec.Command("java", args...).CombinedOutput()
	var report struct {
		Messages []struct {
			URL, Type, Message string
			LastLine           int
		}
	}
	if jerr := json.Unmarshal(out, &report); jerr != nil {
		t.Fatalf("vnu: %v: %s", err, out)
	}
	for _, m := range report.Messages {
		t.Errorf("%s:%d: %s: %s", m.URL, m.LastLine, m.Type, m.Message)
	}
	if err != nil && len(report.Messages) == 0 {
		t.Errorf("vnu: %v", err)
	}
}
