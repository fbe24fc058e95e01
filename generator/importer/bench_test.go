package importer

import (
	"os"
	"path/filepath"
	"testing"
)

// corpusTexts returns the raw texts of the shared evaluation corpus when it
// is beside the repository, else the test inputs.
func corpusTexts(b testing.TB) []string {
	files, _ := filepath.Glob("../../../shared/corpus/text/*.txt")
	if len(files) == 0 {
		files, _ = filepath.Glob("testdata/text/*/input.txt")
	}
	var texts []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		if t, err := decode(data); err == nil {
			texts = append(texts, t)
		}
	}
	return texts
}

// BenchmarkText measures extraction alone, one page per iteration.
func BenchmarkText(b *testing.B) {
	texts := corpusTexts(b)
	m := NewModel()
	for _, t := range texts {
		m.Learn(t)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Text(texts[i%len(texts)], m)
	}
}

// BenchmarkLearn measures the first pass over a page.
func BenchmarkLearn(b *testing.B) {
	texts := corpusTexts(b)
	m := NewModel()
	for i := 0; b.Loop(); i++ {
		m.Learn(texts[i%len(texts)])
	}
}

// BenchmarkRun measures a whole dry-run import of the corpus, both
// passes, per page.
func BenchmarkRun(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/corpus/text/*.txt")
	if len(files) == 0 {
		files, _ = filepath.Glob("testdata/text/*/input.txt")
	}
	var inputs []Input
	for _, f := range files {
		inputs = append(inputs, Input{Name: filepath.Base(f), Path: f})
	}
	site := b.TempDir()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Run(inputs, Options{Site: site, DryRun: true}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(inputs)), "ns/page")
}

// corpusPages returns the saved HTML pages of the shared evaluation
// corpus when it is beside the repository, else the test inputs.
func corpusPages(b *testing.B) [][]byte {
	files, _ := filepath.Glob("../../../shared/corpus/html/*.html")
	if len(files) == 0 {
		files, _ = filepath.Glob("testdata/html/*/input.html")
	}
	var pages [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, data)
	}
	return pages
}

// BenchmarkHTML measures reading and extracting one saved page per
// iteration: parsing, metadata, body.
func BenchmarkHTML(b *testing.B) {
	pages := corpusPages(b)
	m := NewModel()
	var size int64
	for i := 0; b.Loop(); i++ {
		p := pages[i%len(pages)]
		size += int64(len(p))
		HTML(p, m)
	}
	b.SetBytes(size / int64(b.N))
}
