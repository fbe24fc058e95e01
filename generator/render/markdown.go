// Package render turns a site.Site into HTML pages through html/template and
// goldmark. Templates come from an fs.FS, so the theme compiled into the
// binary and a site's own templates/ folder look the same.
package render

import (
	"bytes"
	"io"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown converts article bodies. It is configured once and is safe for
// concurrent use.
type Markdown struct {
	md goldmark.Markdown
}

// NewMarkdown returns the Markdown converter: GFM tables, strikethrough,
// autolinks and task lists, footnotes, and heading IDs. Raw HTML is left
// out unless unsafeHTML is set, and link and image URLs whose scheme could
// run script are removed whatever unsafeHTML says.
//
// basePath is the path the site is served under ("/" or "/archive/"):
// links and images to site paths ("/images/x.png") get it in front, as the
// theme's own links do.
func NewMarkdown(unsafeHTML bool, basePath string) *Markdown {
	var opts []renderer.Option
	if unsafeHTML {
		opts = append(opts, html.WithUnsafe())
	}
	return &Markdown{md: goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(urlFilter{basePath: basePath}, 0)),
		),
		goldmark.WithRendererOptions(opts...),
	)}
}

// Convert writes the HTML of the Markdown src to w.
func (m *Markdown) Convert(src []byte, w io.Writer) error {
	return m.md.Convert(src, w)
}

// Summary returns the plain text of the first paragraph of src that has
// any text, for list pages and meta descriptions.
func (m *Markdown) Summary(src []byte) string {
	// The first paragraph is near the start: parse only that far, when
	// nothing after it could change it (a link reference or footnote
	// definition further down, which Markdown lets a paragraph use).
	if cut := summaryCut(src); cut < len(src) && !bytes.Contains(src[cut:], []byte("]:")) {
		if s, ok := m.firstParagraph(src[:cut]); ok {
			return s
		}
	}
	s, _ := m.firstParagraph(src)
	return s
}

// summaryCut is where the source's first blank line after its first
// 1,500 bytes starts: Markdown's blocks end at blank lines (those that
// do not, such as fenced code, are not paragraphs), so the blocks before
// it parse as they do in the whole source.
func summaryCut(src []byte) int {
	for i := min(len(src), 1500); i < len(src); {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		k := i + j + 1
		for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
			k++
		}
		if k < len(src) && src[k] == '\n' {
			return i + j + 1
		}
		i += j + 1
	}
	return len(src)
}

// firstParagraph returns the text of the first paragraph of src, and
// whether it has one.
func (m *Markdown) firstParagraph(src []byte) (string, bool) {
	doc := m.md.Parser().Parse(text.NewReader(src))
	var out string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Kind() != ast.KindParagraph {
			return ast.WalkContinue, nil
		}
		var b strings.Builder
		plainText(&b, n, src)
		if s := strings.Join(strings.Fields(b.String()), " "); s != "" {
			out = s
			return ast.WalkStop, nil
		}
		return ast.WalkSkipChildren, nil
	})
	return out, out != ""
}

// plainText appends the text of n's inline content, leaving out images.
func plainText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.Image, *ast.RawHTML:
		default:
			plainText(b, c, src)
		}
	}
}

// urlFilter removes link and image destinations whose scheme is not one a
// page may safely point to (links keep their text; images are dropped),
// and puts the site's base path before site paths.
type urlFilter struct{ basePath string }

func (f urlFilter) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var bad []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if !SafeURL(destination(n.Destination)) {
				bad = append(bad, n)
			}
			n.Destination = f.rebase(n.Destination)
		case *ast.Image:
			if !SafeURL(destination(n.Destination)) {
				bad = append(bad, n)
			}
			n.Destination = f.rebase(n.Destination)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range bad {
		parent := n.Parent()
		if _, isLink := n.(*ast.Link); isLink {
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				parent.InsertBefore(parent, n, c)
				c = next
			}
		}
		parent.RemoveChild(parent, n)
	}
}

// rebase puts the base path before a site path.
func (f urlFilter) rebase(d []byte) []byte {
	if f.basePath == "" || f.basePath == "/" || len(d) == 0 || d[0] != '/' || len(d) > 1 && d[1] == '/' {
		return d
	}
	return append([]byte(f.basePath), d[1:]...)
}

// SitePath reports whether u is a path on the site ("/images/x.png"), as
// opposed to a URL elsewhere or a relative path.
func SitePath(u string) bool { return strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") }

// destination is a link destination as the renderer will write it: with
// backslash escapes and character references resolved.
func destination(d []byte) string {
	d = util.UnescapePunctuations(d)
	d = util.ResolveNumericReferences(d)
	return string(util.ResolveEntityNames(d))
}

// safeSchemes are the URL schemes a link or image may use.
var safeSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true, "ftp": true}

// SafeURL reports whether u is relative or uses a safe scheme. It looks at
// u the way a browser does: control characters and white space inside the
// scheme are ignored, and letter case does not matter, so
// "JaVa\tScRiPt:alert(1)" is caught. To be safe rather than exact, it
// also refuses what would be unsafe once percent-decoded.
func SafeURL(u string) bool {
	if dec, err := url.PathUnescape(u); err == nil && dec != u && !SafeURL(dec) {
		return false
	}
	var b bytes.Buffer
	for _, r := range u {
		if r <= ' ' || r == 0x7f {
			continue
		}
		b.WriteRune(r)
	}
	s := b.String()
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return true // relative: no scheme
	}
	return safeSchemes[strings.ToLower(s[:i])]
}

// Ref is a link or an image in an article's Markdown.
type Ref struct {
	URL   string
	Image bool
	Line  int // the line of src its paragraph starts on, from 1
}

// Refs lists the links and images of the Markdown src, as written.
func (m *Markdown) Refs(src []byte) []Ref {
	doc := m.md.Parser().Parse(text.NewReader(src))
	var refs []Ref
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var r Ref
		switch n := n.(type) {
		case *ast.Link:
			r.URL = destination(n.Destination)
		case *ast.Image:
			r.URL, r.Image = destination(n.Destination), true
		default:
			return ast.WalkContinue, nil
		}
		r.Line = 1
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				r.Line += bytes.Count(src[:p.Lines().At(0).Start], []byte("\n"))
				break
			}
		}
		refs = append(refs, r)
		return ast.WalkContinue, nil
	})
	return refs
}

// Text returns the plain text of the Markdown src for the search index:
// every block's text on its own line, without images, link targets or
// markup.
func (m *Markdown) Text(src []byte) string {
	doc := m.md.Parser().Parse(text.NewReader(src))
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindHeading, ast.KindTextBlock, extast.KindTableCell:
			plainText(&b, n, src)
			b.WriteByte('\n')
			return ast.WalkSkipChildren, nil
		case ast.KindCodeBlock, ast.KindFencedCodeBlock:
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
