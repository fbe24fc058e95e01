package render

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// pageTemplates are the templates that render a whole page; each is parsed
// with base.html and partials.html. redirect.html stands alone.
var pageTemplates = []string{"article.html", "list.html", "tags.html", "archive.html", "search.html", "404.html"}

// Theme is a parsed set of templates and the static files beside them.
type Theme struct {
	fsys fs.FS
	sets map[string]*template.Template
}

// LoadTheme parses the templates of fsys, with funcs bound to the site.
func LoadTheme(fsys fs.FS, funcs template.FuncMap) (*Theme, error) {
	th := &Theme{fsys: fsys, sets: map[string]*template.Template{}}
	common := template.New("theme").Funcs(funcs)
	for _, name := range []string{"base.html", "partials.html"} {
		if err := parse(common, fsys, name); err != nil {
			return nil, err
		}
	}
	for _, name := range pageTemplates {
		t, err := common.Clone()
		if err != nil {
			return nil, err
		}
		if err := parse(t, fsys, name); err != nil {
			return nil, err
		}
		th.sets[name] = t
	}
	redirect := template.New("theme").Funcs(funcs)
	if err := parse(redirect, fsys, "redirect.html"); err != nil {
		return nil, err
	}
	th.sets["redirect.html"] = redirect
	return th, nil
}

func parse(t *template.Template, fsys fs.FS, name string) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("template %s: %w", name, err)
	}
	if _, err := t.New(name).Parse(string(data)); err != nil {
		return err // text/template's message names the file and line
	}
	return nil
}

// Static lists the theme's files other than templates, such as style.css,
// which a build copies to the site root as they are.
func (th *Theme) Static() ([]string, error) {
	var names []string
	err := fs.WalkDir(th.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && path.Ext(p) != ".html" && !strings.HasPrefix(d.Name(), ".") {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	return names, err
}

// ReadFile reads a file of the theme.
func (th *Theme) ReadFile(name string) ([]byte, error) { return fs.ReadFile(th.fsys, name) }

// Layer returns a file system that looks in each of fss in turn: a file in
// an earlier one hides the same-named file in later ones. Directory
// listings are merged.
func Layer(fss ...fs.FS) fs.FS { return layers(fss) }

type layers []fs.FS

func (l layers) Open(name string) (fs.File, error) {
	var firstErr error
	for _, f := range l {
		file, err := f.Open(name)
		if err == nil {
			if st, serr := file.Stat(); serr == nil && st.IsDir() {
				file.Close()
				return &layerDir{l: l, name: name, info: st}, nil
			}
			return file, nil
		}
		if !errors.Is(err, fs.ErrNotExist) && firstErr == nil {
			firstErr = err
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (l layers) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	found := false
	for _, f := range l {
		entries, err := fs.ReadDir(f, name)
		if err != nil {
			continue
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// layerDir is a directory of layers, listed through layers.ReadDir.
type layerDir struct {
	l    layers
	name string
	info fs.FileInfo
	list []fs.DirEntry
	read bool
}

func (d *layerDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *layerDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}
func (d *layerDir) Close() error { return nil }
func (d *layerDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		list, err := d.l.ReadDir(d.name)
		if err != nil {
			return nil, err
		}
		d.list, d.read = list, true
	}
	if n <= 0 {
		list := d.list
		d.list = nil
		return list, nil
	}
	if len(d.list) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.list))
	list := d.list[:n]
	d.list = d.list[n:]
	return list, nil
}
