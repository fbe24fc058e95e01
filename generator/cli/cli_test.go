package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var theme = os.DirFS("../../templates")

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Theme: theme, Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}
	code = Main(context.Background(), args, env)
	return code, out.String(), errb.String()
}

func TestMain_usage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		out, err string
	}{
		{nil, 2, "Usage: gazette <command>", ""},
		{[]string{"help"}, 0, "Commands:", ""},
		{[]string{"--help"}, 0, "import", ""},
		{[]string{"help", "build"}, 0, "--base-url", ""},
		{[]string{"build", "--help"}, 0, "Usage: gazette build", ""},
		{[]string{"import", "-h"}, 0, "--dry-run", ""},
		{[]string{"nosuch"}, 2, "", `error: unknown command "nosuch"; run 'gazette help' for the list`},
		{[]string{"build", "--nosuch"}, 2, "", "error: flag provided but not defined: -nosuch"},
		{[]string{"build", "extra"}, 2, "", `error: build takes no arguments, got "extra" (use --source DIR)`},
		{[]string{"import"}, 2, "", "error: import needs files or folders to import"},
		{[]string{"version"}, 0, "gazette ", ""},
	}
	for _, tt := range tests {
		code, out, errs := runCLI(t, "", tt.args...)
		if code != tt.code || !strings.Contains(out, tt.out) || !strings.Contains(errs, tt.err) {
			t.Errorf("gazette %q: exit %d, stdout %q, stderr %q", tt.args, code, out, errs)
		}
	}
}

func TestBuildAndImport(t *testing.T) {
	site := t.TempDir()
	raw := filepath.Join(t.TempDir(), "page.txt")
	seed, err := os.ReadFile("../importer/testdata/text/seed-rfi/input.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(raw, seed, 0o644)

	code, out, errs := runCLI(t, "", "import", "--site", site, raw)
	if code != 0 || !strings.Contains(out, "page.txt: written content/france-launches-more-air-strikes-on-is-targets-in-syria.md") ||
		!strings.Contains(out, "imported 1 file in") {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}
	code, out, _ = runCLI(t, string(seed), "import", "--site", site, "--dry-run", "-")
	if code != 0 || !strings.Contains(out, "stdin: duplicate") || !strings.Contains(out, "dropped: Advertising") {
		t.Errorf("dry run from stdin: %d %q", code, out)
	}
	code, out, errs = runCLI(t, "", "build", "--source", site, "--base-url", "https://example.org/news/")
	if code != 0 || !strings.Contains(out, "built 1 article, 3 tags: ") {
		t.Fatalf("build: %d %q %q", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(site, "public/articles/france-launches-more-air-strikes-on-is-targets-in-syria/index.html")); err != nil {
		t.Error(err)
	}
	os.WriteFile(filepath.Join(site, "content", "bad.md"), []byte("---\ntags: x\n---\n"), 0o644)
	code, _, errs = runCLI(t, "", "build", "--source", site)
	want := "error: " + filepath.Join(site, "content", "bad.md") + ":1: front matter: title is missing"
	if code != 1 || !strings.Contains(errs, want) || !strings.Contains(errs, "bad.md:2: front matter: tags must be a list of strings") {
		t.Errorf("bad build: %d %q", code, errs)
	}
}
