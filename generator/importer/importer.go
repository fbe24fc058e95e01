// Package importer turns raw scraped pages into articles: content/<slug>.md
// files with front matter, the page furniture removed and nothing invented.
package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"gazette/generator/internal/parallel"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"gazette/generator/content"
	"gazette/generator/lock"
	"gazette/generator/slug"
)

// MaxInput is the largest raw file imported. News articles are rarely over
// a megabyte of text; a larger file is most likely not one page.
const MaxInput = 16 << 20

// Input is one raw page to import.
type Input struct {
	// Name is what source_file records and messages show.
	Name string
	// Path is the file to read; empty means Data holds the page (stdin).
	Path string
	Data []byte
}

// Options configure an import.
type Options struct {
	Site   string // the site folder: content/ and .gazette/ are inside
	Source string // the publication or URL, for pages that do not say
	DryRun bool   // report what would be written, write nothing
	Force  bool   // overwrite articles edited by hand since their import
	// Report receives one line per input, in input order.
	Report func(Outcome)
}

// Outcome is what happened to one input.
type Outcome struct {
	Input  string
	Status Status
	File   string // the article written or matched, relative to the site
	Detail string // why it was skipped, what it duplicates
	// Dropped lists the input's lines left out of the article, in dry runs.
	Dropped []string
	// Sources says which part of a page gave which field (see
	// Result.Sources), in dry runs.
	Sources map[string]string
	Article *content.Article
}

// Status says what an import did with an input.
type Status string

// The statuses of Outcome.
const (
	Written   Status = "written"
	Updated   Status = "updated"
	Unchanged Status = "unchanged"
	Duplicate Status = "duplicate"
	Kept      Status = "kept"
	Skipped   Status = "skipped"
)

// Summary counts outcomes by status.
type Summary map[Status]int

// Run imports inputs into the site's content/ folder. It reads every input
// twice: first to learn which lines recur across pages (the furniture
// model), then to extract and write each article. Inputs that cannot be
// imported are reported and skipped; the others go on.
func Run(inputs []Input, opt Options) (Summary, error) {
	stateDir := filepath.Join(opt.Site, ".gazette")
	if !opt.DryRun {
		// One import at a time into a site: the manifest and the model are
		// read at the start and written at the end.
		lk, err := lock.Acquire(filepath.Join(stateDir, "import.lock"), "import")
		if err != nil {
			return nil, err
		}
		defer lk.Release()
		// Temporary files of imports that were killed: no one else writes
		// them while the lock is held.
		for _, dir := range []string{filepath.Join(opt.Site, "content"), stateDir} {
			left, _ := filepath.Glob(filepath.Join(dir, ".gazette-tmp-*"))
			for _, p := range left {
				os.Remove(p)
			}
		}
	}
	modelPath := filepath.Join(stateDir, "boilerplate")
	manifestPath := filepath.Join(stateDir, "imports.json")
	model, err := LoadModel(modelPath)
	if err != nil {
		return nil, err
	}
	man, err := loadManifest(manifestPath)
	if err != nil {
		return nil, err
	}
	kept := learn(inputs, model, man)

	sum := Summary{}
	w := &writer{opt: opt, man: man, taken: map[string]bool{}}
	// Inputs go in windows: extracted on every core, then decided in order
	// (the decisions depend on the inputs before), then written on every
	// core, then reported in order.
	batch := make([]*placed, 0, window)
	for lo := 0; lo < len(inputs); lo += window {
		hi := min(lo+window, len(inputs))
		ex := make([]extracted, hi-lo)
		parallel.For(hi-lo, func(i int) error {
			ex[i] = extract(inputs[lo+i], kept[lo+i], model, opt)
			kept[lo+i] = nil
			return nil
		})
		batch = batch[:0]
		for i := range ex {
			batch = append(batch, w.place(ex[i]))
		}
		w.writeAll(batch)
		for _, p := range batch {
			sum[p.out.Status]++
			if opt.Report != nil {
				opt.Report(p.out)
			}
		}
	}
	if opt.DryRun {
		return sum, nil
	}
	// New articles were written without a flush each; flush them all before
	// the manifest records them.
	if len(w.unsynced) > 0 {
		if err := syncFS(filepath.Join(opt.Site, "content"), w.unsynced); err != nil {
			return sum, fmt.Errorf("flush content: %w", err)
		}
	}
	if err := model.Save(modelPath); err != nil {
		return sum, fmt.Errorf("save %s: %w", modelPath, err)
	}
	if err := man.save(manifestPath); err != nil {
		return sum, fmt.Errorf("save %s: %w", manifestPath, err)
	}
	return sum, nil
}

// read reads an input: a page of text, or an HTML page, with the lines of
// its text split for the furniture model. err says why it has none.
func read(in Input) *readResult {
	r := &readResult{}
	data := in.Data
	if in.Path != "" {
		st, err := os.Stat(in.Path)
		if err != nil {
			r.err = err
			return r
		}
		if st.Size() > MaxInput {
			r.err = fmt.Errorf("file is %d MB, larger than the %d MB a page can be; split it or check that it is one article", st.Size()>>20, MaxInput>>20)
			return r
		}
		if data, err = os.ReadFile(in.Path); err != nil {
			r.err = err
			return r
		}
	} else if len(data) > MaxInput {
		r.err = fmt.Errorf("input is %d MB, larger than the %d MB a page can be", len(data)>>20, MaxInput>>20)
		return r
	}
	sum := sha256.Sum256(data)
	r.hash = hex.EncodeToString(sum[:])
	if isHTMLName(in.Path) || in.Path == "" && IsHTML(data) {
		page, err := readPage(data)
		if err != nil {
			r.err = err
			return r
		}
		r.page, r.lines = page, splitLines(page.pageText)
		page.pageText = ""
		r.size = 6 * (len(page.text) + blocksSize(page.body)) // kept for the second pass, with the lines
		return r
	}
	text, err := decode(data)
	if err != nil {
		r.err = err
		return r
	}
	r.lines = splitLines(text)
	r.size = 4 * len(text) // lines take about four times the text's size
	return r
}

// learn teaches the model the lines of every input it has not seen
// before, on every core.
//
// It keeps what it read for the second pass, as long as that stays within
// keepBudget bytes; past that, the second pass reads the files again, so
// that memory does not grow with the size of the import.
func learn(inputs []Input, model *Model, man *manifest) []*readResult {
	var mu sync.Mutex
	seen := map[string]bool{}
	kept := make([]*readResult, len(inputs))
	budget := keepBudget
	parallel.For(len(inputs), func(i int) error {
		r := read(inputs[i])
		mu.Lock()
		if r.size <= budget {
			budget -= r.size
			kept[i] = r
		}
		dup := r.err != nil || seen[r.hash] || man.bySource[r.hash] != nil
		seen[r.hash] = true
		mu.Unlock()
		if !dup {
			model.learnLines(r.lines)
		}
		return nil
	})
	return kept
}

// keepBudget is how many bytes of text the first pass keeps for the second.
const keepBudget = 64 << 20

// readResult is what the first pass made of an input: its lines (and, for
// an HTML page, the parsed page), or why it has none.
type readResult struct {
	lines []*line
	page  *htmlPage
	size  int // about how much memory it holds
	hash  string
	err   error
}

// extracted is one input after extraction, with the work that needs no
// decision done: the article's file and its fingerprint.
type extracted struct {
	in      Input
	hash    string
	result  *Result
	data    []byte // the article file
	simhash uint64
	err     error
}

// extract reads one input, unless the first pass kept it, extracts its article and formats its file.
func extract(in Input, r *readResult, model *Model, opt Options) extracted {
	e := extracted{in: in}
	if r == nil {
		r = read(in)
	}
	if e.hash, e.err = r.hash, r.err; e.err != nil {
		return e
	}
	if r.page != nil {
		e.result, e.err = r.page.extract(model)
	} else {
		e.result, e.err = extractLines(r.lines, model)
	}
	if e.err != nil {
		return e
	}
	a := e.result.Article
	if in.Path != "" {
		a.SourceFile = in.Name
	}
	if a.Source == "" {
		a.Source = opt.Source
	}
	e.data, e.err = content.Format(a)
	e.simhash = Fingerprint(string(a.Body))
	return e
}

// writer decides, input by input in order, where each article goes.
type writer struct {
	opt   Options
	man   *manifest
	taken map[string]bool // slugs given out in this run
	// unsynced lists new files written without a flush.
	unsynced []string
}

// placed is an input whose fate is decided, and the file to write for it,
// if any.
type placed struct {
	out  Outcome
	path string // the file to write, or ""
	data []byte
	ent  *entry // recorded in the manifest if the write succeeds
}

// window is how many inputs are extracted, decided and written together.
const window = 64

// place decides what becomes of one input. It records the article in the
// manifest at once, so that the inputs after it see it, and leaves the
// writing to writeAll.
func (w *writer) place(e extracted) *placed {
	p := &placed{out: Outcome{Input: e.in.Name}}
	out := &p.out
	if e.err != nil {
		out.Status, out.Detail = Skipped, message(e.err)
		if e.result != nil && w.opt.DryRun {
			out.Dropped = e.result.Dropped()
		}
		return p
	}
	a, data := e.result.Article, e.data
	out.Article = a
	if w.opt.DryRun {
		out.Dropped, out.Sources = e.result.Dropped(), e.result.Sources
	}
	if prev := w.man.bySource[e.hash]; prev != nil {
		if prev.SourceFile != a.SourceFile {
			out.Status, out.File, out.Detail = Duplicate, prev.File, "same file as "+prev.SourceFile
			return p
		}
		return w.reimport(p, prev, data)
	}
	if dup := w.man.nearDuplicate(e.simhash); dup != nil {
		out.Status, out.File, out.Detail = Duplicate, dup.File, "same article as "+dup.File+" (from "+dup.SourceFile+")"
		return p
	}
	out.File, out.Status = w.newFile(a), Written
	p.path, p.data = out.File, data
	p.ent = &entry{File: out.File, SourceFile: a.SourceFile, SourceSHA256: e.hash, SHA256: sha(data), Simhash: e.simhash}
	w.man.add(p.ent)
	return p
}

// reimport handles an input imported before: unchanged, updated, or kept
// because its article was edited by hand since.
func (w *writer) reimport(p *placed, prev *entry, data []byte) *placed {
	out := &p.out
	out.File = prev.File
	cur, err := os.ReadFile(filepath.Join(w.opt.Site, prev.File))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		out.Status = Written
	case err != nil:
		out.Status, out.Detail = Skipped, err.Error()
		return p
	case bytes.Equal(cur, data):
		out.Status = Unchanged
		return p
	case sha(cur) != prev.SHA256 && !w.opt.Force:
		out.Status, out.Detail = Kept, "edited since it was imported; --force overwrites it"
		return p
	default:
		out.Status = Updated
	}
	upd := *prev
	upd.SHA256 = sha(data)
	p.path, p.data, p.ent = prev.File, data, &upd
	return p
}

// writeAll writes the files of a batch on every core. A file that cannot
// be written turns its input's outcome into a skip, and leaves the
// manifest as it was for it.
func (w *writer) writeAll(batch []*placed) {
	if w.opt.DryRun {
		return
	}
	errs := make([]error, len(batch))
	replaces := make([]bool, len(batch))
	parallel.For(len(batch), func(i int) error {
		p := batch[i]
		if p.path == "" {
			return nil
		}
		full := filepath.Join(w.opt.Site, p.path)
		_, err := os.Lstat(full)
		// A new file is flushed to disk with the others at the end of the
		// run; a file that replaces one is flushed before the rename, so
		// that the old version is never lost.
		replaces[i] = err == nil
		errs[i] = writeFile(full, p.data, replaces[i])
		return nil
	})
	for i, p := range batch {
		switch {
		case p.path == "":
		case errs[i] != nil:
			p.out.Status, p.out.Detail = Skipped, errs[i].Error()
			w.man.remove(p.ent) // a new article's entry; an update's is left as it was
		default:
			w.man.add(p.ent) // an update's new hash; a new article's is there already
			if !replaces[i] {
				w.unsynced = append(w.unsynced, filepath.Join(w.opt.Site, p.path))
			}
		}
	}
}

// newFile picks content/<slug>.md for a new article: its title's slug,
// with -2, -3 … when another article has it.
func (w *writer) newFile(a *content.Article) string {
	base := slug.Make(a.Title)
	if base == "" {
		base = slug.Make(strings.TrimSuffix(filepath.Base(a.SourceFile), filepath.Ext(a.SourceFile)))
	}
	if base == "" {
		base = "article"
	}
	for n := 1; ; n++ {
		s := base
		if n > 1 {
			s = fmt.Sprintf("%s-%d", base, n)
		}
		file := filepath.ToSlash(filepath.Join("content", s+".md"))
		if w.taken[s] || w.man.byFile[file] != nil {
			continue
		}
		if _, err := os.Lstat(filepath.Join(w.opt.Site, file)); err == nil {
			continue
		}
		w.taken[s] = true
		return file
	}
}

func sha(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

func message(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Inputs expands the command line's arguments into inputs: files as they
// are, folders into the .txt, .text, .html and .htm files below them (in
// name order), and
// "-" into standard input.
func Inputs(args []string, stdin io.Reader) ([]Input, error) {
	var ins []Input
	for _, arg := range args {
		if arg == "-" {
			data, err := io.ReadAll(io.LimitReader(stdin, MaxInput+1))
			if err != nil {
				return nil, fmt.Errorf("read standard input: %w", err)
			}
			ins = append(ins, Input{Name: "stdin", Data: data})
			continue
		}
		st, err := os.Stat(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, errors.Unwrap(err))
		}
		if !st.IsDir() {
			ins = append(ins, Input{Name: filepath.Base(arg), Path: arg})
			continue
		}
		var found []Input
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != arg {
				return filepath.SkipDir
			}
			if !d.IsDir() && isRawText(d.Name()) {
				rel, _ := filepath.Rel(arg, p)
				found = append(found, Input{Name: filepath.ToSlash(rel), Path: p})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Slice(found, func(i, j int) bool { return found[i].Name < found[j].Name })
		ins = append(ins, found...)
	}
	return ins, nil
}

func isRawText(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return (ext == ".txt" || ext == ".text" || isHTMLName(name)) && !strings.HasPrefix(name, ".")
}

func isHTMLName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".html" || ext == ".htm"
}
