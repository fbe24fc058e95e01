package content

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden .err files")

// TestParse_bad checks the exact message for each bad file in testdata/bad
// against the .err file beside it.
func TestParse_bad(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.md")
	if len(files) == 0 {
		t.Fatal("no test files")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, perr := Parse("content/"+filepath.Base(f), data)
			if perr == nil {
				t.Fatal("Parse succeeded, want an error")
			}
			golden := strings.TrimSuffix(f, ".md") + ".err"
			if *update {
				os.WriteFile(golden, []byte(perr.Error()+"\n"), 0o644)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got := perr.Error() + "\n"; got != string(want) {
				t.Errorf("error:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestParse_full(t *testing.T) {
	data, err := os.ReadFile("testdata/good/full.md")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse("content/full.md", data)
	if err != nil {
		t.Fatal(err)
	}
	want := &Article{
		Title:      "France launches more air strikes on IS targets in Syria",
		Date:       time.Date(2015, 10, 9, 0, 0, 0, 0, time.UTC),
		DateOnly:   true,
		Tags:       []string{"France", "Russia", "Syria"},
		Caption:    "A file photo of a French air force Rafale fighter jet",
		Credit:     "Reuters",
		Image:      "/images/rafale.jpg",
		Source:     "https://www.rfi.fr/en/",
		SourceFile: "000_003599a21b775801.txt",
		Author:     "RFI",
		Summary:    "France strikes again.",
		Slug:       "france-strikes",
		Params:     map[string]any{"rating": 5, "people": []any{"Le Drian"}},
		Body:       []byte("France has carried out a second wave of air strikes.\n"),
		Path:       "content/full.md",
		BodyLine:   17,
	}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("Parse:\n got %+v\nwant %+v", a, want)
	}
}

func TestParse_crlfBOM(t *testing.T) {
	data, _ := os.ReadFile("testdata/good/crlf-bom.md")
	a, err := Parse("x.md", data)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "CRLF and BOM" || string(a.Body) != "Body line.\n" || len(a.Tags) != 2 || a.BodyLine != 8 {
		t.Errorf("got %+v", a)
	}
	if want := time.Date(2015, 11, 13, 9, 33, 0, 0, time.UTC); !a.Date.Equal(want) || a.DateOnly {
		t.Errorf("date %v, want %v", a.Date, want)
	}
}

func TestParse_undated(t *testing.T) {
	for _, fm := range []string{"", "date:\n", "date: null\n", "date: \"\"\n"} {
		a, err := Parse("x.md", []byte("---\ntitle: T\n"+fm+"---\n"))
		if err != nil {
			t.Fatalf("%q: %v", fm, err)
		}
		if a.Dated() {
			t.Errorf("%q: dated %v", fm, a.Date)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in       string
		want     time.Time
		dateOnly bool
	}{
		{"2015-11-13", time.Date(2015, 11, 13, 0, 0, 0, 0, time.UTC), true},
		{"2015-11-13T10:33:00Z", time.Date(2015, 11, 13, 10, 33, 0, 0, time.UTC), false},
		{"2015-11-13T10:33:00+01:00", time.Date(2015, 11, 13, 9, 33, 0, 0, time.UTC), false},
		{"2015-11-13T10:33:00.5Z", time.Date(2015, 11, 13, 10, 33, 0, 5e8, time.UTC), false},
		{"2015-11-13 10:33:00", time.Date(2015, 11, 13, 10, 33, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		got, dateOnly, err := ParseDate(tt.in)
		if err != nil || !got.Equal(tt.want) || dateOnly != tt.dateOnly {
			t.Errorf("ParseDate(%q) = %v, %v, %v", tt.in, got, dateOnly, err)
		}
	}
	for _, bad := range []string{"13/11/2015", "2015-13-01", "yesterday", "2015-11-13T25:00:00Z"} {
		if _, _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) succeeded", bad)
		}
	}
}

func TestFormat_roundTrip(t *testing.T) {
	data, _ := os.ReadFile("testdata/good/full.md")
	a, err := Parse("content/full.md", data)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Format(a)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("content/full.md", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	b.BodyLine = a.BodyLine
	if !reflect.DeepEqual(a, b) {
		t.Errorf("round trip:\n got %+v\nwant %+v\n%s", b, a, out)
	}
}

func TestFormat_quoting(t *testing.T) {
	a := &Article{Title: "yes", Tags: []string{"null", "a, b", "Côte d'Ivoire"}, Caption: "2015-11-13", Body: []byte("x\n")}
	out, err := Format(a)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("x.md", out)
	if err != nil {
		t.Fatal(err)
	}
	if b.Title != "yes" || !reflect.DeepEqual(b.Tags, a.Tags) || b.Caption != a.Caption {
		t.Errorf("got %+v from\n%s", b, out)
	}
}

func TestWarnings(t *testing.T) {
	a, err := Parse("content/x.md", []byte("---\ntitle: T\ntag: [a]\nTitle: x\nmood: calm\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`content/x.md: warning: front matter: field "Title" is not one gazette knows (did you mean "title"?)`,
		`content/x.md: warning: front matter: field "tag" is not one gazette knows (did you mean "tags"?)`,
	}
	if got := a.Warnings(); !reflect.DeepEqual(got, want) {
		t.Errorf("Warnings() = %q, want %q", got, want)
	}
}

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "gazette.yaml")
		os.WriteFile(p, []byte(s), 0o644)
		return p
	}
	c, err := LoadConfig(filepath.Join(dir, "missing.yaml"))
	if err != nil || !reflect.DeepEqual(c, DefaultConfig()) {
		t.Errorf("missing file: %+v, %v", c, err)
	}
	c, err = LoadConfig(write("title: Wire\nbase_url: https://example.org/archive\npage_size: 5\n"))
	if err != nil || c.Title != "Wire" || c.BaseURL != "https://example.org/archive/" || c.PageSize != 5 || c.FeedSize != 20 {
		t.Errorf("got %+v, %v", c, err)
	}
	c, err = LoadConfig(write("feeds: [json, rss]\n"))
	if err != nil || !reflect.DeepEqual(c.Feeds, []string{"json", "rss"}) {
		t.Errorf("feeds: got %q, %v", c.Feeds, err)
	}
	c, err = LoadConfig(write("feeds: []\n"))
	if err != nil || c.Feeds == nil || len(c.Feeds) != 0 {
		t.Errorf("no feeds: got %#v, %v", c.Feeds, err)
	}
	for _, tt := range []struct{ in, want string }{
		{"title: x\npagesize: 5\n", `gazette.yaml:2: config: unknown key "pagesize" (known keys: base_url, description, feed_full_content, feed_size, feeds, language, page_size, related, search, title, unsafe_html)`},
		{"feeds: [rss, rdf]\n", `gazette.yaml: config: feeds: unknown format "rdf" (known formats: rss, atom, json)`},
		{"feeds: [rss, atom, rss]\n", `gazette.yaml: config: feeds: "rss" is listed twice`},
		{"page_size: 0\n", "gazette.yaml: config: page_size must be at least 1, not 0"},
		{"base_url: example.org\n", `gazette.yaml: config: base_url: base URL "example.org" must be an absolute http or https URL, such as https://archive.example.org/`},
		{"page_size: many\n", "gazette.yaml:1: front matter: cannot unmarshal !!str `many` into int"},
	} {
		_, err := LoadConfig(write(tt.in))
		if err == nil || !strings.HasSuffix(err.Error(), tt.want) {
			t.Errorf("LoadConfig(%q) = %v, want …%s", tt.in, err, tt.want)
		}
	}
}

func TestLoadTags(t *testing.T) {
	p := filepath.Join(t.TempDir(), "tags.yaml")
	os.WriteFile(p, []byte("EU:\nIslamic State:\n  slug: islamic-state\n  aliases: [IS, ISIS]\n"), 0o644)
	got, err := LoadTags(p)
	want := []TagEntry{{Name: "EU", Line: 1}, {Name: "Islamic State", Slug: "islamic-state", Aliases: []string{"IS", "ISIS"}, Line: 2}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("LoadTags = %+v, %v", got, err)
	}
	os.WriteFile(p, []byte("EU:\n  alias: [x]\n"), 0o644)
	if _, err := LoadTags(p); err == nil || !strings.Contains(err.Error(), `tags.yaml:2: tags: "EU": unknown key "alias"`) {
		t.Errorf("bad key: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, dir := range []string{"testdata/good", "testdata/bad"} {
		files, _ := filepath.Glob(dir + "/*.md")
		for _, file := range files {
			data, _ := os.ReadFile(file)
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse("x.md", data)
		if err != nil {
			return
		}
		out, err := Format(a)
		if err != nil {
			return // a value YAML cannot write back, such as a NaN key
		}
		b, err := Parse("x.md", out)
		if err != nil {
			t.Fatalf("Parse(Format(a)): %v\n%s", err, out)
		}
		if b.Title != a.Title || !b.Date.Equal(a.Date) || !reflect.DeepEqual(b.Tags, a.Tags) || string(b.Body) != string(a.Body) || b.Caption != a.Caption || b.Slug != a.Slug {
			t.Fatalf("Parse(Format(a)) = %+v, want %+v", b, a)
		}
	})
}

// TestParse_hostile feeds front matter meant to hurt: each gives an error
// naming the file, in bounded time and memory.
func TestParse_hostile(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	var b strings.Builder
	for i := range 3000 {
		b.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	deepMap := b.String()
	tests := []struct{ name, in, want string }{
		{"10 MB string", "---\ntitle: " + strings.Repeat("x", 10<<20) + "\n---\n", "front matter: no closing \"---\" in the first 1048576 bytes"},
		{"10 MB unclosed", "---\n" + strings.Repeat("a: b\n", 2<<20), "front matter: no closing \"---\" in the first 1048576 bytes"},
		{"deep sequence", "---\ntitle: x\nx: " + deep + "\n---\n", "front matter:"},
		{"deep mapping", "---\ntitle: x\nx:\n" + deepMap + "---\n", "front matter:"},
		{"tabs", "---\ntitle: x\ntags:\n\t- a\n---\n", "x.md:4: front matter:"},
		{"wrong type", "---\ntitle: {a: 1}\n---\n", "x.md:2: front matter: title must be a string"},
		{"tags of maps", "---\ntitle: x\ntags: [{a: 1}]\n---\n", "x.md:3: front matter: tags must be a list of strings"},
		{"binary", "---\ntitle: \x00\x01\x02\n---\n", "x.md:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.md", []byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				msg := fmt.Sprint(err)
				if len(msg) > 300 {
					msg = msg[:300]
				}
				t.Errorf("got %s, want …%s…", msg, tt.want)
			}
		})
	}
}

// TestReadBody: a dropped body reads again as it was parsed (BOM, CRLF and
// control characters handled the same way), and not at all once the file
// has changed.
func TestReadBody(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.md")
	os.WriteFile(p, []byte("\xef\xbb\xbf---\r\ntitle: T\r\n---\r\nBody\x07 line.\r\n\r\nTwo.\r\n"), 0o644)
	a, err := ParseFile(p)
	if err != nil {
		t.Fatal(err)
	}
	want := string(a.Body)
	a.DropBody()
	if a.Body != nil {
		t.Fatal("the body is still held")
	}
	got, err := a.ReadBody()
	if err != nil || string(got) != want {
		t.Fatalf("ReadBody = %q, %v; want %q", got, err, want)
	}
	os.WriteFile(p, []byte("---\ntitle: T\n---\nAnother body, longer than the first.\n"), 0o644)
	if _, err := a.ReadBody(); err == nil || !strings.Contains(err.Error(), "changed while the site was being built") {
		t.Errorf("ReadBody of a changed file: %v", err)
	}
	b := &Article{Body: []byte("kept")}
	b.DropBody() // not read by ParseFile: nothing to read again from
	if got, _ := b.ReadBody(); string(got) != "kept" {
		t.Errorf("an article not from a file lost its body: %q", got)
	}
}
