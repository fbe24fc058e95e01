package importer

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gazette/generator/content"
	"gazette/generator/lock"
)

const article = `Skip to main content
WORLD - ECONOMY

Dockers strike at the port of Le Havre

Dockers at Le Havre walked out on Friday, halting container traffic at France's busiest port for the third time this month.

Advertising

The union said the strike would last until the government withdrew its pension plan, which would raise the retirement age.

"We will stay out as long as it takes," a union leader told reporters outside the port's main gate on Friday morning.

Share :
`

// run imports the given files (name → content) into a site and returns
// the outcomes by input name.
func run(t *testing.T, site string, files map[string]string, opt Options) map[string]Outcome {
	t.Helper()
	raw := t.TempDir()
	var inputs []Input
	for name, data := range files {
		p := filepath.Join(raw, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, Input{Name: name, Path: p})
	}
	out := map[string]Outcome{}
	opt.Site = site
	opt.Report = func(o Outcome) { out[o.Input] = o }
	if _, err := Run(sorted(inputs), opt); err != nil {
		t.Fatal(err)
	}
	return out
}

func sorted(in []Input) []Input {
	for i := range in {
		for j := i + 1; j < len(in); j++ {
			if in[j].Name < in[i].Name {
				in[i], in[j] = in[j], in[i]
			}
		}
	}
	return in
}

func TestRun_writesAndIsIdempotent(t *testing.T) {
	site := t.TempDir()
	out := run(t, site, map[string]string{"a.txt": article}, Options{Source: "Le Monde"})
	o := out["a.txt"]
	if o.Status != Written || o.File != "content/dockers-strike-at-the-port-of-le-havre.md" {
		t.Fatalf("first import: %+v", o)
	}
	data, err := os.ReadFile(filepath.Join(site, o.File))
	if err != nil {
		t.Fatal(err)
	}
	a, err := content.Parse(o.File, data)
	if err != nil {
		t.Fatalf("written file does not parse: %v\n%s", err, data)
	}
	if a.Title != "Dockers strike at the port of Le Havre" || a.Source != "Le Monde" || a.SourceFile != "a.txt" ||
		strings.Join(a.Tags, ",") != "World,Economy" || bytes.Contains(data, []byte("Advertising")) {
		t.Errorf("article:\n%s", data)
	}
	out = run(t, site, map[string]string{"a.txt": article}, Options{Source: "Le Monde"})
	if o := out["a.txt"]; o.Status != Unchanged {
		t.Errorf("second import: %+v", o)
	}
	after, _ := os.ReadFile(filepath.Join(site, o.File))
	if !bytes.Equal(after, data) {
		t.Error("an unchanged import rewrote the file")
	}
}

func TestRun_keepsHandEdits(t *testing.T) {
	site := t.TempDir()
	o := run(t, site, map[string]string{"a.txt": article}, Options{})["a.txt"]
	p := filepath.Join(site, o.File)
	edited := []byte(strings.Replace(mustRead(t, p), "Dockers at", "Dock workers at", 1))
	os.WriteFile(p, edited, 0o644)
	// The importer changes its mind about the page (a new --source), but the
	// file was edited by hand since: it is kept.
	o = run(t, site, map[string]string{"a.txt": article}, Options{Source: "AFP"})["a.txt"]
	if o.Status != Kept || mustRead(t, p) != string(edited) {
		t.Errorf("edited file: %+v", o)
	}
	o = run(t, site, map[string]string{"a.txt": article}, Options{Source: "AFP", Force: true})["a.txt"]
	if o.Status != Updated || !strings.Contains(mustRead(t, p), "source: AFP") {
		t.Errorf("--force: %+v", o)
	}
}

func TestRun_duplicates(t *testing.T) {
	site := t.TempDir()
	near := strings.Replace(article, "Share :", "Follow us on Twitter\nCookie settings", 1)
	out := run(t, site, map[string]string{"a.txt": article, "b.txt": article, "c.txt": near}, Options{})
	if out["a.txt"].Status != Written {
		t.Fatalf("a: %+v", out["a.txt"])
	}
	for _, name := range []string{"b.txt", "c.txt"} {
		if o := out[name]; o.Status != Duplicate || o.File != out["a.txt"].File {
			t.Errorf("%s: %+v", name, o)
		}
	}
	files, _ := filepath.Glob(filepath.Join(site, "content", "*.md"))
	if len(files) != 1 {
		t.Errorf("%d files written", len(files))
	}
}

func TestRun_sameTitleNewSlug(t *testing.T) {
	site := t.TempDir()
	other := strings.Replace(article, "Dockers at Le Havre walked out on Friday", "Port workers in Marseille stopped work on Monday", 1)
	other = strings.Replace(other, "The union said the strike would last", "Organisers said the stoppage could go on", 1)
	other = strings.Replace(other, "\"We will stay out as long as it takes,\"", "\"Nobody is going back in today,\"", 1)
	out := run(t, site, map[string]string{"a.txt": article, "b.txt": other}, Options{})
	if out["a.txt"].File != "content/dockers-strike-at-the-port-of-le-havre.md" || out["b.txt"].File != "content/dockers-strike-at-the-port-of-le-havre-2.md" {
		t.Errorf("files: %q, %q (%+v)", out["a.txt"].File, out["b.txt"].File, out["b.txt"])
	}
}

func TestRun_badInput(t *testing.T) {
	site := t.TempDir()
	big := strings.Repeat("x", MaxInput+1)
	out := run(t, site, map[string]string{
		"empty.txt":     "",
		"blank.txt":     "\n \n\t\n",
		"binary.txt":    "PK\x03\x04\x00\x00binary",
		"furniture.txt": "Home\nNews\nShare\nSubscribe\nAdvertisement\n",
		"big.txt":       big,
		"utf16.txt":     "\xff\xfeH\x00i\x00",
		"good.txt":      article,
	}, Options{})
	want := map[string]string{
		"empty.txt":     "empty file",
		"blank.txt":     "empty file",
		"binary.txt":    "binary file, not text",
		"furniture.txt": "no article text found",
		"big.txt":       "larger than the 16 MB a page can be",
		"utf16.txt":     "UTF-16",
	}
	for name, msg := range want {
		if o := out[name]; o.Status != Skipped || !strings.Contains(o.Detail, msg) {
			t.Errorf("%s: %+v, want skipped: …%s…", name, o, msg)
		}
	}
	if out["good.txt"].Status != Written {
		t.Errorf("the good file was not written after bad ones: %+v", out["good.txt"])
	}
	files, _ := filepath.Glob(filepath.Join(site, "content", "*.md"))
	if len(files) != 1 {
		t.Errorf("%d files written, want 1", len(files))
	}
}

func TestRun_encodings(t *testing.T) {
	site := t.TempDir()
	latin1 := strings.ReplaceAll(article, "France's", "France\xe9s") // é in Windows-1252
	crlf := "\xef\xbb\xbf" + strings.ReplaceAll(strings.Replace(article, "Le Havre", "Le Havre again", -1), "\n", "\r\n")
	out := run(t, site, map[string]string{"latin1.txt": latin1, "crlf.txt": crlf}, Options{})
	for name, want := range map[string]string{"latin1.txt": "Franceés", "crlf.txt": "Le Havre again"} {
		o := out[name]
		if o.Status != Written {
			t.Errorf("%s: %+v", name, o)
			continue
		}
		data := mustRead(t, filepath.Join(site, o.File))
		if !strings.Contains(data, want) || strings.Contains(data, "\r") || strings.Contains(data, "\ufeff") {
			t.Errorf("%s:\n%s", name, data)
		}
	}
}

func TestRun_dryRunWritesNothing(t *testing.T) {
	site := t.TempDir()
	out := run(t, site, map[string]string{"a.txt": article}, Options{DryRun: true})
	if o := out["a.txt"]; o.Status != Written || len(o.Dropped) == 0 {
		t.Errorf("dry run: %+v", o)
	}
	entries, _ := os.ReadDir(site)
	if len(entries) != 0 {
		t.Errorf("dry run wrote %v", entries)
	}
}

func TestRun_learnsAcrossRuns(t *testing.T) {
	site := t.TempDir()
	page := func(title, body string) string {
		return "Gazette Weekly Member Services Portal\n\n" + title + "\n\n" + body + "\n\nGazette Weekly is an independent publication founded by its readers in 1990.\n"
	}
	run(t, site, map[string]string{"a.txt": page("First story headline here", "The first story has a paragraph long enough to be taken as the body of the article.")}, Options{})
	m, err := LoadModel(filepath.Join(site, ".gazette", "boilerplate"))
	if err != nil || m.Docs() != 1 {
		t.Fatalf("model after one import: %v, %v", m, err)
	}
	o := run(t, site, map[string]string{"b.txt": page("Second story headline here", "The second story has another paragraph long enough to be taken as the body.")}, Options{})["b.txt"]
	data := mustRead(t, filepath.Join(site, o.File))
	if strings.Contains(data, "independent publication") {
		t.Errorf("a line of every page of the site reached the article:\n%s", data)
	}
	// Re-importing a page does not count its lines twice.
	run(t, site, map[string]string{"b.txt": page("Second story headline here", "The second story has another paragraph long enough to be taken as the body.")}, Options{})
	m, _ = LoadModel(filepath.Join(site, ".gazette", "boilerplate"))
	if m.Docs() != 2 {
		t.Errorf("model learnt from %d pages, want 2", m.Docs())
	}
}

func TestInputs(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"b.txt", "a.TXT", "sub/c.text", "skip.md", ".hidden/d.txt"} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte("x"), 0o644)
	}
	ins, err := Inputs([]string{dir, "-"}, strings.NewReader("from stdin"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, in := range ins {
		names = append(names, in.Name)
	}
	if got := strings.Join(names, " "); got != "a.TXT b.txt sub/c.text stdin" {
		t.Errorf("inputs %q", got)
	}
	if string(ins[3].Data) != "from stdin" {
		t.Errorf("stdin %q", ins[3].Data)
	}
	if _, err := Inputs([]string{filepath.Join(dir, "missing.txt")}, nil); err == nil || !strings.Contains(err.Error(), "missing.txt: no such file or directory") {
		t.Errorf("missing file: %v", err)
	}
}

func TestModel_saveLoad(t *testing.T) {
	m := NewModel()
	m.Learn("a line\nanother line")
	m.Learn("a line\nthird")
	p := filepath.Join(t.TempDir(), "boilerplate")
	if err := m.Save(p); err != nil {
		t.Fatal(err)
	}
	n, err := LoadModel(p)
	if err != nil || n.Docs() != 2 || n.Count("A LINE") != 2 || n.Count("third") != 1 || n.Count("nope") != 0 {
		t.Errorf("loaded %+v, %v", n, err)
	}
	os.WriteFile(p, []byte("garbage"), 0o644)
	if _, err := LoadModel(p); err == nil || !strings.Contains(err.Error(), "delete it to start a new one") {
		t.Errorf("garbage model: %v", err)
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestRun_lock(t *testing.T) {
	site := t.TempDir()
	lk, err := lock.Acquire(filepath.Join(site, ".gazette", "import.lock"), "import")
	if err != nil {
		t.Fatal(err)
	}
	defer lk.Release()
	_, err = Run(nil, Options{Site: site})
	if !errors.Is(err, lock.ErrHeld) {
		t.Errorf("import while another runs: %v", err)
	}
	if _, err := Run(nil, Options{Site: site, DryRun: true}); err != nil {
		t.Errorf("a dry run writes nothing and needs no lock: %v", err)
	}
}
