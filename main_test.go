package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"gazette/generator/content"
	"gazette/generator/importer"
)

var kills = flag.Int("kills", 20, "how many times the kill tests kill gazette")

// TestMain lets the test binary act as gazette itself when asked, so that
// tests can run it as a process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("GAZETTE_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// gazette returns a command that runs gazette with args.
func gazette(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "GAZETTE_TEST_MAIN=1")
	return cmd
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// words makes deterministic filler text.
func words(r *rand.Rand, n int) string {
	vocab := strings.Fields("the port strike union government minister said city police report week year talks workers deal plan court vote")
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(vocab[r.Intn(len(vocab))])
	}
	return b.String()
}

// writeSite writes a site of n articles; version changes every title,
// and the site's title, so that two versions build into different sites
// and each build makes the site anew.
func writeSite(t *testing.T, dir string, n int, version string) {
	t.Helper()
	r := rand.New(rand.NewSource(1))
	os.RemoveAll(filepath.Join(dir, "content"))
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	os.WriteFile(filepath.Join(dir, "gazette.yaml"), []byte("title: Kill test "+version+"\nbase_url: https://example.org/\n"), 0o644)
	for i := range n {
		body := fmt.Sprintf("---\ntitle: %s %d %s\ndate: 20%02d-%02d-%02d\ntags: [%s, %s]\n---\n%s.\n\n%s.\n",
			version, i, words(r, 6), 10+i%10, 1+i%12, 1+i%28, words(r, 1), words(r, 2), words(r, 120), words(r, 80))
		os.WriteFile(filepath.Join(dir, "content", fmt.Sprintf("a%04d.md", i)), []byte(body), 0o644)
	}
}

// TestKill_build kills gazette build at moments spread over a build's
// length, again and again: public/ is always the whole old site or the
// whole new one, and the next build succeeds.
func TestKill_build(t *testing.T) {
	if testing.Short() {
		t.Skip("kills builds")
	}
	root := t.TempDir()
	site := filepath.Join(root, "site")
	dest := filepath.Join(root, "public")
	versions := map[string]map[string]string{}
	var took time.Duration
	for _, v := range []string{"Old", "New"} {
		writeSite(t, site, 400, v)
		start := time.Now()
		if out, err := gazette("build", "--quiet", "--source", site, "--dest", dest).CombinedOutput(); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		took = max(took, time.Since(start))
		versions[v] = readTree(t, dest)
	}
	r := rand.New(rand.NewSource(2))
	current := "New"
	interrupted := 0
	for i := range *kills {
		next := map[string]string{"Old": "New", "New": "Old"}[current]
		writeSite(t, site, 400, next)
		cmd := gazette("build", "--quiet", "--source", site, "--dest", dest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int63n(int64(took))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got := readTree(t, dest)
		switch {
		case sameTree(got, versions[current]):
			interrupted++
		case sameTree(got, versions[next]):
			current = next // the build had finished
		default:
			t.Fatalf("kill %d: public/ is neither the old site nor the new one (%d files)", i, len(got))
		}
		if i%4 == 3 { // now and then, let a build finish
			rebuildAfterKill(t, i, "a kill", site, dest, versions[next])
			current = next
		}
	}
	t.Logf("%d kills over builds of %s (%d before the swap); public/ was whole every time", *kills, took, interrupted)
}

// rebuildAfterKill builds the site after kill i, the build after what,
// and checks that it succeeds and makes the site want.
func rebuildAfterKill(t *testing.T, i int, what, site, dest string, want map[string]string) {
	t.Helper()
	if out, err := gazette("build", "--quiet", "--source", site, "--dest", dest).CombinedOutput(); err != nil {
		t.Fatalf("kill %d: the next build failed: %v: %s", i, err, out)
	}
	if !sameTree(readTree(t, dest), want) {
		t.Fatalf("kill %d: the build after %s made a different site", i, what)
	}
}

// TestKill_incremental kills builds that change the site in place (one
// article's title changes between the two versions), incremental ones
// and, every other time, --full ones, at moments spread over their
// length: public/ is always the old site or the new one, or, when a kill
// lands among the final renames, a mix in which every file is whole, the
// old version or the new; and the next build makes exactly the new site.
func TestKill_incremental(t *testing.T) {
	if testing.Short() {
		t.Skip("kills builds")
	}
	root := t.TempDir()
	site := filepath.Join(root, "site")
	dest := filepath.Join(root, "public")
	writeSite(t, site, 400, "Same")
	retitle := func(v string) {
		p := filepath.Join(site, "content", "a0007.md")
		data, _ := os.ReadFile(p)
		lines := strings.SplitN(string(data), "\n", 3)
		lines[1] = "title: " + v + " edition of article seven"
		os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644)
	}
	versions := map[string]map[string]string{}
	var took time.Duration
	for _, v := range []string{"Old", "New", "Old"} {
		retitle(v)
		start := time.Now()
		out, err := gazette("build", "--source", site, "--dest", dest).CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if v == "New" && !strings.Contains(string(out), "rendered") {
			t.Fatalf("the build was not incremental: %s", out)
		}
		took = max(took, time.Since(start))
		versions[v] = readTree(t, dest)
	}
	r := rand.New(rand.NewSource(3))
	current, mixed := "Old", 0
	for i := range *kills {
		next := map[string]string{"Old": "New", "New": "Old"}[current]
		retitle(next)
		args := []string{"build", "--quiet", "--source", site, "--dest", dest}
		if i%2 == 1 {
			args = append(args, "--full")
		}
		cmd := gazette(args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int63n(int64(took))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got := readTree(t, dest)
		switch {
		case sameTree(got, versions[current]):
		case sameTree(got, versions[next]):
			current = next
		default:
			mixed++
			for name, data := range got {
				if data != versions[current][name] && data != versions[next][name] {
					t.Fatalf("kill %d: %s is neither its old version nor its new one", i, name)
				}
			}
			rebuildAfterKill(t, i, "a kill among the renames", site, dest, versions[next])
			current = next
		}
	}
	t.Logf("%d kills over incremental builds of %s; %d landed among the renames, and the next build made the site whole", *kills, took, mixed)
}

// TestKill_import kills gazette import again and again: every article file
// is always whole, the import's state files always read, and the next
// import succeeds.
func TestKill_import(t *testing.T) {
	if testing.Short() {
		t.Skip("kills imports")
	}
	root := t.TempDir()
	site := filepath.Join(root, "site")
	raw := filepath.Join(root, "raw")
	os.MkdirAll(raw, 0o755)
	seed, err := os.ReadFile("generator/importer/testdata/text/seed-rfi/input.txt")
	if err != nil {
		t.Fatal(err)
	}
	writeRaw := func(version int) {
		r := rand.New(rand.NewSource(int64(version)))
		for i := range 150 {
			page := strings.Replace(string(seed), "France launches more air strikes on IS targets in Syria",
				fmt.Sprintf("Story %d version %d %s", i, version, words(r, 5)), 1)
			page = strings.Replace(page, "The missile launches", words(r, 30)+". The missile launches", 1)
			os.WriteFile(filepath.Join(raw, fmt.Sprintf("p%03d.txt", i)), []byte(page), 0o644)
		}
	}
	writeRaw(0)
	start := time.Now()
	if out, err := gazette("import", "--quiet", "--site", site, raw).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	took := time.Since(start)
	r := rand.New(rand.NewSource(3))
	for i := range *kills {
		writeRaw(i + 1)
		cmd := gazette("import", "--quiet", "--force", "--site", site, raw)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int63n(int64(took) + 1)))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		for name, data := range readTree(t, filepath.Join(site, "content")) {
			if strings.HasPrefix(filepath.Base(name), ".") {
				continue // a killed import's temporary file: never read, removed by the next import
			}
			if _, err := content.Parse(name, []byte(data)); err != nil {
				t.Fatalf("kill %d: %s is torn: %v", i, name, err)
			}
		}
		if data, err := os.ReadFile(filepath.Join(site, ".gazette", "imports.json")); err == nil && !json.Valid(data) {
			t.Fatalf("kill %d: imports.json is torn", i)
		}
		if _, err := importer.LoadModel(filepath.Join(site, ".gazette", "boilerplate")); err != nil {
			t.Fatalf("kill %d: %v", i, err)
		}
		if out, err := gazette("import", "--quiet", "--force", "--site", site, raw).CombinedOutput(); err != nil || !bytes.Contains(out, []byte("imported 150 files")) {
			t.Fatalf("kill %d: the next import failed: %v: %s", i, err, out)
		}
		if left, _ := filepath.Glob(filepath.Join(site, "content", ".gazette-tmp-*")); len(left) > 0 {
			t.Fatalf("kill %d: a complete import left %d temporary files", i, len(left))
		}
	}
	t.Logf("%d kills over imports of %s; every file whole every time", *kills, took)
}

// TestConcurrent_importAndBuild runs imports and builds of one site at the
// same time, again and again: a build reads only whole article files, so
// every build succeeds, and the end state is the one a quiet build makes.
func TestConcurrent_importAndBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("runs many processes")
	}
	root := t.TempDir()
	site := filepath.Join(root, "site")
	raw := filepath.Join(root, "raw")
	writeSite(t, site, 50, "Base")
	os.MkdirAll(raw, 0o755)
	r := rand.New(rand.NewSource(4))
	for round := range 5 {
		for i := range 40 {
			page := fmt.Sprintf("Skip to main content\n\nRound %d story %d %s\n\n", round, i, words(r, 4))
			for range 5 {
				page += words(r, 40) + ".\n\n"
			}
			os.WriteFile(filepath.Join(raw, fmt.Sprintf("r%d-%02d.txt", round, i)), []byte(page), 0o644)
		}
		imp := gazette("import", "--quiet", "--site", site, raw)
		bld := gazette("build", "--quiet", "--source", site)
		var impOut, bldOut bytes.Buffer
		imp.Stdout, imp.Stderr = &impOut, &impOut
		bld.Stdout, bld.Stderr = &bldOut, &bldOut
		if err := imp.Start(); err != nil {
			t.Fatal(err)
		}
		if err := bld.Run(); err != nil {
			t.Fatalf("round %d: a build during an import failed: %v: %s", round, err, bldOut.String())
		}
		if err := imp.Wait(); err != nil {
			t.Fatalf("round %d: the import failed: %v: %s", round, err, impOut.String())
		}
	}
	if out, err := gazette("build", "--quiet", "--source", site).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	after := readTree(t, filepath.Join(site, "public"))
	clean := filepath.Join(root, "clean")
	if out, err := gazette("build", "--quiet", "--source", site, "--dest", clean).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !sameTree(after, readTree(t, clean)) {
		t.Error("the site after concurrent runs differs from a clean build")
	}
	if n := len(readTree(t, filepath.Join(site, "content"))); n != 50+200 {
		t.Errorf("%d articles, want 250", n)
	}
}

// TestBuild_oldSiteRemoved: the build returns once the new site is in
// place and leaves the old one to a process of its own, which removes it;
// that process removes nothing but a folder a build left.
func TestBuild_oldSiteRemoved(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	os.MkdirAll(filepath.Join(src, "content"), 0o755)
	os.WriteFile(filepath.Join(src, "content", "a.md"), []byte("---\ntitle: A\ndate: 2015-11-13\n---\nText.\n"), 0o644)
	dest := filepath.Join(dir, "public")
	for i := range 3 {
		if out, err := gazette("build", "--quiet", "--source", src, "--dest", dest).CombinedOutput(); err != nil {
			t.Fatalf("build %d: %v\n%s", i, err, out)
		}
		if _, err := os.Stat(filepath.Join(dest, "articles", "a", "index.html")); err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		left, _ := filepath.Glob(filepath.Join(dir, ".gazette-public-*"))
		if len(left) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("old sites left: %v", left)
		}
		time.Sleep(50 * time.Millisecond)
	}
	keep := filepath.Join(dir, "keep")
	os.Mkdir(keep, 0o755)
	if err := gazette("__remove-old-site", keep).Run(); err == nil {
		t.Error("the hidden remove command accepted a folder no build left")
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("it removed it: %v", err)
	}
}
