package serve

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"gazette/generator/build"
	"hash/fnv"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
)

// file is a rendered page with what HTTP needs to send it.
type file struct {
	data  []byte
	gz    []byte // data gzipped, for text types
	etag  string
	ctype string
}

// contentTypes are the types of the files a site has; others come from
// the mime package.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8",
	".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
	".json": "application/json; charset=utf-8", ".svg": "image/svg+xml",
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".txt": "text/plain; charset=utf-8",
	".webp": "image/webp", ".gif": "image/gif", ".ico": "image/x-icon",
}

func contentType(p string) string {
	ext := strings.ToLower(path.Ext(p))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// ServeHTTP serves the site's pages from memory, and the live-reload
// script and events under /__gazette/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case livePath + "events":
		s.events(w, r)
		return
	case livePath + "live.js":
		w.Header().Set("Content-Type", contentTypes[".js"])
		w.Header().Set("Cache-Control", "no-cache")
		w.Write([]byte(liveScript))
		return
	}
	rel, ok := sitePath(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	s.mu.RLock()
	snap := s.current
	s.mu.RUnlock()
	if !snap.has(rel) {
		if _, dir := snap.pages[rel+"/index.html"]; dir && !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r)
		return
	}
	f, err := snap.get(rel)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	s.send(w, r, f, http.StatusOK)
}

// sitePath maps a request to the page that answers it, refusing any path
// that tries to leave the site: ".." in any spelling, encoded slashes or
// backslashes, NUL. Pages come from memory, never from a file path, so
// these are refused twice over.
func sitePath(r *http.Request) (string, bool) {
	raw := r.URL.EscapedPath()
	low := strings.ToLower(raw)
	if strings.Contains(low, "%2f") || strings.Contains(low, "%5c") || strings.Contains(low, "%00") || strings.Contains(raw, "\\") {
		return "", false
	}
	p := r.URL.Path
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p, true
}

// has reports whether the site has a file at rel. A file of a folder of
// files made together, such as the search index, makes the folder.
func (snap *snapshot) has(rel string) bool {
	if _, ok := snap.pages[rel]; ok {
		return true
	}
	f := snap.folderOf(rel)
	if f == nil {
		return false
	}
	if err := f.make(); err != nil {
		return true // get reports it
	}
	_, ok := f.files[rel]
	return ok
}

// folderOf returns the folder of files made together that rel is in, or
// nil.
func (snap *snapshot) folderOf(rel string) *folder {
	for _, f := range snap.folders {
		if strings.HasPrefix(rel, f.page.Path) {
			return f
		}
	}
	return nil
}

// folder is a Page of many files, made once, when first asked for.
type folder struct {
	page  build.Page
	once  sync.Once
	files map[string][]byte
	err   error
}

func (f *folder) make() error {
	f.once.Do(func() {
		var mu sync.Mutex
		f.files = map[string][]byte{}
		f.err = f.page.Files(func(name string, data []byte) error {
			mu.Lock()
			f.files[f.page.Path+name] = data
			mu.Unlock()
			return nil
		})
	})
	return f.err
}

// render makes the file at rel.
func (snap *snapshot) render(rel string) ([]byte, error) {
	if p, ok := snap.pages[rel]; ok {
		return p.Render()
	}
	if f := snap.folderOf(rel); f != nil {
		if err := f.make(); err != nil {
			return nil, err
		}
		return f.files[rel], nil
	}
	return nil, fmt.Errorf("%s: no such page", rel)
}

// get renders a page once and keeps it.
func (snap *snapshot) get(rel string) (*file, error) {
	if f, ok := snap.cache.Load(rel); ok {
		return f.(*file), nil
	}
	data, err := snap.render(rel)
	if err != nil {
		return nil, err
	}
	f := newFile(rel, data)
	snap.cache.Store(rel, f)
	return f, nil
}

func newFile(rel string, data []byte) *file {
	ct := contentType(rel)
	if strings.HasPrefix(ct, "text/html") {
		data = inject(data)
	}
	h := fnv.New64a()
	h.Write(data)
	f := &file{data: data, ctype: ct, etag: fmt.Sprintf(`"%x"`, h.Sum64())}
	if strings.HasPrefix(ct, "text/") || strings.Contains(ct, "xml") || strings.Contains(ct, "json") || strings.Contains(ct, "svg") {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(data)
		zw.Close()
		f.gz = buf.Bytes()
	}
	return f
}

// inject adds the live-reload script to an HTML page, before </body>.
func inject(page []byte) []byte {
	tag := []byte(`<script src="` + livePath + `live.js" defer></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, tag...)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:i]...)
	out = append(out, tag...)
	out = append(out, '\n')
	return append(out, page[i:]...)
}

// send writes f with caching headers, a 304 when the client has it, and
// gzip when the client takes it.
func (s *Server) send(w http.ResponseWriter, r *http.Request, f *file, status int) {
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	if status == http.StatusOK {
		h.Set("ETag", f.etag)
		if match := r.Header.Get("If-None-Match"); match != "" && (match == f.etag || match == "*" || strings.Contains(match, f.etag)) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	body := f.data
	if f.gz != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			h.Set("Content-Encoding", "gzip")
			body = f.gz
		}
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.TrimSpace(q) != "q=0" {
			return true
		}
	}
	return false
}

// notFound answers with the site's own 404 page and status 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	snap := s.current
	s.mu.RUnlock()
	if _, ok := snap.pages["404.html"]; ok {
		if f, err := snap.get("404.html"); err == nil {
			s.send(w, r, f, http.StatusNotFound)
			return
		}
	}
	http.NotFound(w, r)
}
