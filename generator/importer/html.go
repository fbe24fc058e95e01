package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"gazette/generator/content"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// IsHTML reports whether data looks like an HTML page, for input whose
// name does not say.
func IsHTML(data []byte) bool {
	head := bytes.ToLower(bytes.TrimSpace(data[:min(len(data), 1024)]))
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		bytes.Contains(head, []byte("<head")) || bytes.Contains(head, []byte("<body"))
}

// htmlPage is what reading a page gives, before the furniture model is
// known: its metadata, its article element's blocks, and the texts the
// text rules read. The parsed document is not kept: a page is parsed
// once, and what is kept is a small part of it.
type htmlPage struct {
	meta  *pageMeta
	title string  // the title, from the metadata
	body  []block // the article element's blocks; nil if none
	// text is the article element's text, one block a line (or the
	// whole page's, when the element is small), for the text rules.
	text string
	// pageText is the whole page's text, for the furniture model.
	pageText        string
	caption, credit string // the lead figure's
}

// readPage parses a page and reads it: its metadata, the element that
// holds its article, and their text, with what a reader never sees
// removed.
func readPage(data []byte) (*htmlPage, error) {
	doc, err := parseHTML(data)
	if errors.Is(err, errTooDeep) {
		// A page nested deeper than the parser builds a tree for is
		// still text: its lines go to the text rules.
		text := tokenText(data)
		return &htmlPage{meta: &pageMeta{}, text: text, pageText: text}, nil
	}
	if err != nil {
		return nil, err
	}
	meta := readMeta(doc)
	clean(doc)
	p := &htmlPage{meta: meta, title: meta.title(doc)}
	body := doc.Find("body")
	p.pageText = blocks(body)
	stats, node := findArticle(doc)
	p.text = p.pageText
	if node != nil {
		base := pageBase(doc, meta)
		p.body = writeBody(node, stats, base)
		// An article of a few short paragraphs can have one that gains
		// more than all of them with the furniture between: widen the
		// element until it holds a body.
		for blockWords(p.body) < minBodyWords && node.DataAtom != atom.Body && node.Parent != nil && node.Parent.Type == html.ElementNode {
			node = node.Parent
			p.body = writeBody(node, stats, base)
		}
		if stats.textOf(node) > 750 {
			p.text = blocks(goquery.NewDocumentFromNode(node).Selection)
		}
		// The lead figure is often beside the body rather than in it.
		around := node
		for i := 0; i < 2 && around.Parent != nil && around.Parent.Type == html.ElementNode; i++ {
			around = around.Parent
		}
		p.caption, p.credit = figcaption(goquery.NewDocumentFromNode(around).Selection)
	} else {
		p.caption, p.credit = figcaption(body)
	}
	return p, nil
}

// pageBase is the address the page's links are relative to: its <base>,
// against its canonical address.
func pageBase(doc *goquery.Document, meta *pageMeta) *url.URL {
	var base *url.URL
	if meta.url != "" {
		base, _ = url.Parse(meta.url)
	}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if u, err := url.Parse(strings.TrimSpace(href)); err == nil {
			if base != nil {
				u = base.ResolveReference(u)
			}
			if u.IsAbs() {
				base = u
			}
		}
	}
	return base
}

// parseHTML reads a page in its own character set.
func parseHTML(data []byte) (*goquery.Document, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	r, err := charset.NewReaderLabel(pageCharset(data), bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("reading the page's character set: %w", err)
	}
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		if strings.Contains(err.Error(), "open stack of elements") {
			return nil, errTooDeep
		}
		return nil, fmt.Errorf("not readable as HTML: %w", err)
	}
	return doc, nil
}

// errTooDeep is the parser's refusal of a page whose elements nest more
// than 512 deep.
var errTooDeep = errors.New("elements nested more than 512 deep")

// tokenText is the visible text of a page read token by token, without
// building its tree, one block a line.
func tokenText(data []byte) string {
	r, err := charset.NewReaderLabel(pageCharset(data), bytes.NewReader(data))
	if err != nil {
		return ""
	}
	z := html.NewTokenizer(r)
	var b strings.Builder
	skip := 0 // inside elements whose text is not shown
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			// The void elements (input, embed) have no end to wait for.
			if unseenTags[a] && a != atom.Input && a != atom.Embed {
				switch {
				case tt == html.StartTagToken:
					skip++
				case tt == html.EndTagToken && skip > 0:
					skip--
				}
			}
			if isBlock(a) {
				b.WriteByte('\n')
			}
		case html.TextToken:
			if skip == 0 {
				b.WriteString(strings.Join(strings.Fields(string(z.Text())), " "))
				b.WriteByte(' ')
			}
		}
	}
}

// reCharset finds a character set declared in a <meta> tag, as
// <meta charset="…"> or in an http-equiv Content-Type.
var reCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)`)

// pageCharset names a page's character set: its byte order mark, else
// what its head declares, else UTF-8 when the bytes are valid UTF-8, else
// Windows-1252. Browsers look for the declaration only in the first
// 1,024 bytes and then guess from those bytes alone; saved pages often
// declare it later or not at all, and a page whose first kilobyte is
// ASCII then comes out as mojibake. Reading the whole head, and the
// whole page's bytes, does not.
func pageCharset(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		return "utf-8"
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		return "utf-16le"
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		return "utf-16be"
	}
	head := data[:min(len(data), 64<<10)]
	if i := bytes.Index(bytes.ToLower(head), []byte("<body")); i > 0 {
		head = head[:i]
	}
	if m := reCharset.FindSubmatch(head); m != nil {
		if enc, name := charset.Lookup(string(m[1])); enc != nil {
			// A page saved as UTF-8 often keeps the declaration it was
			// served with; its bytes say which is true. (Browsers read
			// a declared ISO-8859-1 as Windows-1252, and so does Lookup.)
			if name != "utf-8" && utf8.Valid(data) && !isASCII(data) && !strings.HasPrefix(name, "utf-16") {
				return "utf-8"
			}
			return name
		}
	}
	if utf8.Valid(data) {
		return "utf-8"
	}
	return "windows-1252"
}

// isASCII reports whether data is all 7-bit bytes.
func isASCII(data []byte) bool {
	for _, b := range data {
		if b >= 0x80 {
			return false
		}
	}
	return true
}

// clean removes what a reader never sees: scripts, styles, forms, frames,
// and elements hidden by attribute, inline style or the class names
// common style sheets hide.
func clean(doc *goquery.Document) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && unseen(c) {
				n.RemoveChild(c)
			} else if c.Type == html.ElementNode {
				walk(c)
			} else if c.Type == html.CommentNode {
				n.RemoveChild(c)
			}
			c = next
		}
	}
	for _, n := range doc.Nodes {
		walk(n)
	}
}

// unseenTags are the elements whose content a reader never sees as text.
var unseenTags = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true,
	atom.Form: true, atom.Svg: true, atom.Canvas: true, atom.Template: true, atom.Button: true, atom.Select: true,
	atom.Input: true, atom.Textarea: true, atom.Object: true, atom.Embed: true}

// hiddenClasses are the class names common style sheets hide.
var hiddenClasses = set("hidden hide d-none invisible sr-only visually-hidden screen-reader-text visuallyhidden element-hidden element-invisible")

// unseen reports whether an element is one a reader never sees.
func unseen(n *html.Node) bool {
	if unseenTags[n.DataAtom] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			st := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
				return true
			}
		case "class":
			for _, c := range strings.Fields(a.Val) {
				if hiddenClasses[c] {
					return true
				}
			}
		}
	}
	return false
}

// HTML extracts the article of a saved HTML page. Its metadata comes from
// the strongest source the page has (JSON-LD, Open Graph and article:
// meta, Twitter cards, microdata, keywords, <time>, <title> and <h1>);
// its body from the element that holds the most paragraph text, read as
// blocks, then through the same furniture rules and model as raw text.
// Scripts, styles, forms, frames and hidden elements never reach it.
func HTML(data []byte, m *Model) (*Result, error) {
	p, err := readPage(data)
	if err != nil {
		return nil, err
	}
	return p.extract(m)
}

// extract is HTML on a page already read.
func (p *htmlPage) extract(m *Model) (*Result, error) {
	meta, title := p.meta, p.title
	// The text rules read the page's text for what its metadata may not
	// say (a date or kicker tags in the text, a caption), and give the
	// body of a page whose structure does not show one.
	res, err := Text(p.text, m)
	a := res.Article
	// The page's metadata is stronger than what the text says.
	if md, lines, ok := bodyMarkdown(p.body, title, m); ok {
		if a == nil {
			a, err = &content.Article{}, nil
			res.Article = a
		}
		a.Body, res.lines = []byte(md), lines
	} else if err != nil {
		return res, err
	}
	if title != "" {
		a.Title = title
		dropTitleLine(res, title)
	}
	if !meta.date.IsZero() {
		a.Date, a.DateOnly = meta.date, meta.dateOnly
	}
	a.Tags = meta.tags
	if meta.author != "" {
		a.Author = meta.author
	}
	if meta.url != "" {
		a.Source = meta.url
		if meta.site != "" {
			setParam(a, "site", meta.site)
		}
	} else if meta.site != "" {
		a.Source = meta.site
		meta.from["source"] = meta.from["site"]
	}
	if meta.summary != "" {
		a.Summary = meta.summary
	}
	if !meta.modified.IsZero() && meta.modified.After(meta.date) {
		setParam(a, "modified", meta.modified.Format(time.RFC3339))
	}
	if meta.image != "" && (strings.HasPrefix(meta.image, "http://") || strings.HasPrefix(meta.image, "https://")) {
		a.Image = meta.image
	}
	if p.caption != "" {
		a.Caption, a.Credit = p.caption, p.credit
	}
	if a.Title == "" {
		a.Title = firstSentence(a.Body)
	}
	res.Sources = meta.from
	return res, nil
}

// setParam sets a front matter key that gazette's content model does not
// have a field for.
func setParam(a *content.Article, key string, v any) {
	if a.Params == nil {
		a.Params = map[string]any{}
	}
	a.Params[key] = v
}

// dropTitleLine takes a body paragraph that is the title out of the body.
func dropTitleLine(res *Result, title string) {
	body := strings.Split(string(res.Article.Body), "\n\n")
	norm := func(s string) string {
		return strings.Join(strings.Fields(strings.ToLower(strings.Trim(s, "# \n"))), " ")
	}
	if len(body) > 0 && norm(body[0]) == norm(escapeBlock(title)) {
		res.Article.Body = []byte(strings.TrimLeft(strings.Join(body[1:], "\n\n"), "\n"))
	}
}

// pageMeta is what a page says about itself.
type pageMeta struct {
	titles   []sourced // candidates, strongest first
	date     time.Time
	dateOnly bool
	modified time.Time
	tags     []string
	author   string
	site     string
	url      string
	image    string
	summary  string
	// from says which part of the page gave each field.
	from map[string]string
}

// sourced is a value with the part of the page it came from.
type sourced struct{ value, from string }

// pick returns the first candidate with a value.
func pick(cands ...sourced) sourced {
	for _, c := range cands {
		if c.value = strings.TrimSpace(c.value); c.value != "" {
			return c
		}
	}
	return sourced{}
}

// set records a field's value and where it came from.
func (pm *pageMeta) set(field string, to *string, c sourced) {
	if c.value != "" {
		*to = c.value
		pm.from[field] = c.from
	}
}

// headIndex is what one walk of a page finds for its metadata.
type headIndex struct {
	meta      map[string]string // <meta> content by property, name or itemprop, in lower case; the first
	tags      []string          // article:tag
	ld        []string          // JSON-LD scripts
	canonical string
	title, h1 string
	headline  string // [itemprop=headline]
	author    string // [itemprop=author], or its itemprop=name
	published string // [itemprop=datePublished] content or datetime
	pubdate   string // <time pubdate> datetime
}

// indexHead walks the page once for its metadata.
func indexHead(root *html.Node) *headIndex {
	ix := &headIndex{meta: map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				content := strings.TrimSpace(attr(n, "content"))
				for _, key := range []string{"property", "name", "itemprop"} {
					k := strings.ToLower(strings.TrimSpace(attr(n, key)))
					if k == "" || content == "" {
						continue
					}
					if _, ok := ix.meta[k]; !ok {
						ix.meta[k] = content
					}
					if k == "article:tag" && key == "property" {
						ix.tags = append(ix.tags, content)
					}
				}
			case atom.Link:
				if ix.canonical == "" && strings.EqualFold(attr(n, "rel"), "canonical") {
					ix.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					ix.ld = append(ix.ld, n.FirstChild.Data)
				}
				return
			case atom.Title:
				if ix.title == "" {
					ix.title = strings.TrimSpace(nodeText(n))
				}
			case atom.H1:
				if ix.h1 == "" {
					ix.h1 = fold(nodeText(n))
				}
			case atom.Time:
				if _, ok := hasAttr(n, "pubdate"); ok && ix.pubdate == "" {
					ix.pubdate = attr(n, "datetime")
				}
			}
			switch attr(n, "itemprop") {
			case "headline":
				if ix.headline == "" {
					ix.headline = fold(nodeText(n))
				}
			case "author":
				if ix.author == "" {
					ix.author = fold(attr(n, "content"))
					if ix.author == "" {
						ix.author = fold(nodeText(n))
					}
				}
			case "datePublished":
				if ix.published == "" {
					if ix.published = attr(n, "content"); ix.published == "" {
						ix.published = attr(n, "datetime")
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return ix
}

// hasAttr returns an element's attribute and whether it has it.
func hasAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func readMeta(doc *goquery.Document) *pageMeta {
	pm := &pageMeta{from: map[string]string{}}
	if len(doc.Nodes) == 0 {
		return pm
	}
	ix := indexHead(doc.Nodes[0])
	ld := jsonLD(ix.ld)
	meta := func(names ...string) sourced {
		for _, n := range names {
			if v := ix.meta[strings.ToLower(n)]; v != "" {
				return sourced{v, "<meta " + n + ">"}
			}
		}
		return sourced{}
	}
	for _, c := range []sourced{meta("og:title"), {ldString(ld, "headline"), "JSON-LD headline"}, meta("twitter:title"),
		{ix.headline, "microdata headline"}, {longestPart(ix.title), "<title>"}, {ix.h1, "<h1>"}, {ix.title, "<title>"}} {
		if c.value = fold(c.value); c.value != "" {
			pm.titles = append(pm.titles, c)
		}
	}
	for _, c := range []sourced{meta("article:published_time", "og:article:published_time", "article:published"),
		{ldString(ld, "datePublished"), "JSON-LD datePublished"}, {ix.published, "microdata datePublished"},
		meta("datePublished", "pubdate", "publishdate", "date", "dc.date", "DC.date.issued", "sailthru.date", "parsely-pub-date"),
		{ix.pubdate, "<time pubdate>"}} {
		if t, only, ok := metaDate(c.value); ok {
			pm.date, pm.dateOnly, pm.from["date"] = t, only, c.from
			break
		}
	}
	for _, c := range []sourced{meta("article:modified_time", "og:updated_time"), {ldString(ld, "dateModified"), "JSON-LD dateModified"}} {
		if t, _, ok := metaDate(c.value); ok {
			pm.modified, pm.from["modified"] = t, c.from
			break
		}
	}
	if pm.tags = dedupeFold(appendNonEmpty(nil, ix.tags...)); len(pm.tags) > 0 {
		pm.from["tags"] = "<meta article:tag>"
	} else if kw := pick(meta("news_keywords"), sourced{ldKeywords(ld), "JSON-LD keywords"}, meta("keywords")); kw.value != "" {
		pm.tags, pm.from["tags"] = dedupeFold(splitKeywords(kw.value)), kw.from
	}
	author := meta("author", "article:author")
	if strings.HasPrefix(author.value, "http") {
		author = sourced{}
	}
	if len(ix.author) >= 100 {
		ix.author = ""
	}
	pm.set("author", &pm.author, pick(sourced{ldAuthor(ld), "JSON-LD author"}, author, sourced{ix.author, "microdata author"}))
	pm.set("site", &pm.site, meta("og:site_name", "application-name"))
	canon := sourced{ix.canonical, `<link rel="canonical">`}
	if !strings.HasPrefix(canon.value, "http") {
		canon = sourced{}
	}
	if u := meta("og:url"); strings.HasPrefix(u.value, "http") && canon.value == "" {
		canon = u
	}
	pm.set("source", &pm.url, canon)
	pm.set("image", &pm.image, meta("og:image", "twitter:image"))
	pm.set("summary", &pm.summary, pick(meta("og:description"), sourced{ldString(ld, "description"), "JSON-LD description"},
		meta("description", "twitter:description")))
	return pm
}

// title picks the first metadata title that the page also shows as a
// heading or line of its own: the one readers see. Without one, the
// strongest.
func (pm *pageMeta) title(doc *goquery.Document) string {
	t := pm.pickTitle(doc)
	if t.value != "" {
		pm.from["title"] = t.from
	}
	return t.value
}

// pickTitle is title, with where it came from.
func (pm *pageMeta) pickTitle(doc *goquery.Document) sourced {
	if len(pm.titles) == 0 {
		return sourced{}
	}
	want := map[string]bool{}
	for _, t := range pm.titles {
		want[t.value] = true
	}
	// The headings, the lines of the page's header and the elements named
	// as titles that read as one of the titles.
	shown := map[string]bool{}
	var walk func(n *html.Node, inHeader bool)
	walk = func(n *html.Node, inHeader bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch {
			case c.DataAtom == atom.H1 || c.DataAtom == atom.H2 || c.DataAtom == atom.H3 || inHeader,
				strings.Contains(attr(c, "class"), "title"), strings.Contains(attr(c, "class"), "headline"):
				if t := fold(nodeText(c)); want[t] {
					shown[t] = true
				}
			}
			walk(c, inHeader || c.DataAtom == atom.Header)
		}
	}
	for _, n := range doc.Nodes {
		walk(n, false)
	}
	for _, t := range pm.titles {
		if shown[t.value] {
			return t
		}
	}
	return pm.titles[0]
}

var reTitleSep = regexp.MustCompile(`\s+[|–—\-:·•»]\s+`)

// longestPart is the longest part of a <title> between separators: the
// headline without the site's name.
func longestPart(t string) string {
	best := ""
	for _, p := range reTitleSep.Split(t, -1) {
		if len(p) > len(best) {
			best = p
		}
	}
	return strings.TrimSpace(best)
}

func appendNonEmpty(list []string, items ...string) []string {
	for _, s := range items {
		if s = fold(s); s != "" {
			list = append(list, s)
		}
	}
	return list
}

func splitKeywords(s string) []string {
	var out []string
	for _, k := range regexp.MustCompile(`\s*[,;]\s*`).Split(s, -1) {
		if k = strings.TrimSpace(strings.TrimPrefix(k, "#")); k != "" && len(k) < 60 {
			out = append(out, k)
		}
	}
	return out
}

// metaDate reads a date from metadata: RFC 3339 and its relatives, kept
// with the offset as written, or a bare day.
func metaDate(s string) (time.Time, bool, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, false
	}
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.000Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, false, true
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t, true, true
		}
	}
	if t, ok := findDate(s); ok {
		return t, true, true
	}
	return time.Time{}, false, false
}

// jsonLD returns the page's article object from its JSON-LD, looking
// inside @graph and lists.
func jsonLD(scripts []string) map[string]any {
	var found map[string]any
	var visit func(v any)
	visit = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				visit(x)
			}
		case map[string]any:
			if found != nil {
				return
			}
			if isArticleType(v["@type"]) {
				found = v
				return
			}
			if g, ok := v["@graph"]; ok {
				visit(g)
			}
		}
	}
	for _, s := range scripts {
		var v any
		if json.Unmarshal([]byte(s), &v) == nil {
			visit(v)
		}
	}
	return found
}

func isArticleType(t any) bool {
	switch t := t.(type) {
	case string:
		return strings.HasSuffix(t, "Article") || t == "BlogPosting" || t == "Report"
	case []any:
		for _, x := range t {
			if isArticleType(x) {
				return true
			}
		}
	}
	return false
}

func ldString(ld map[string]any, key string) string {
	if s, ok := ld[key].(string); ok {
		return strings.TrimSpace(html.UnescapeString(s))
	}
	return ""
}

func ldKeywords(ld map[string]any) string {
	switch k := ld["keywords"].(type) {
	case string:
		return k
	case []any:
		var parts []string
		for _, x := range k {
			if s, ok := x.(string); ok {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ",")
	}
	return ""
}

func ldAuthor(ld map[string]any) string {
	name := func(v any) string {
		switch v := v.(type) {
		case string:
			return v
		case map[string]any:
			if s, ok := v["name"].(string); ok {
				return s
			}
		}
		return ""
	}
	switch a := ld["author"].(type) {
	case []any:
		var names []string
		for _, x := range a {
			if n := name(x); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", ")
	default:
		return name(a)
	}
}

// attr returns an element's attribute, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// blockTags are the elements that start a new line of text.
var blockTags = map[string]bool{"p": true, "div": true, "section": true, "article": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "li": true, "blockquote": true, "pre": true, "figure": true,
	"figcaption": true, "tr": true, "br": true, "header": true, "footer": true, "aside": true, "ul": true, "ol": true,
	"table": true, "dd": true, "dt": true, "main": true, "nav": true, "hr": true}

// blocks writes the text of root one block a line, paragraphs apart, as a
// browser's innerText does, with list items bulleted.
func blocks(root *goquery.Selection) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			// White space at either end of a text node parts it from the
			// words around it.
			if n.Data != "" && isSpaceByte(n.Data[0]) {
				b.WriteByte(' ')
			}
			b.WriteString(strings.Join(strings.Fields(n.Data), " "))
			if n.Data != "" && isSpaceByte(n.Data[len(n.Data)-1]) {
				b.WriteByte(' ')
			}
			return
		case html.ElementNode:
		default:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			return
		}
		tag := n.Data
		block := blockTags[tag]
		if block {
			b.WriteString("\n")
			if tag == "p" || tag == "blockquote" || strings.HasPrefix(tag, "h") && len(tag) == 2 {
				b.WriteString("\n")
			}
			if tag == "li" {
				b.WriteString("• ")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteString("\n")
			if tag == "p" || tag == "blockquote" {
				b.WriteString("\n")
			}
		} else if tag == "img" || tag == "a" && !punctuationNext(n) {
			// Links and images run into the next word in many pages'
			// markup; a space keeps the words apart.
			b.WriteByte(' ')
		}
	}
	for _, n := range root.Nodes {
		walk(n)
	}
	return b.String()
}

// punctuationNext reports whether the text after n starts with
// punctuation that follows a word without a space.
func punctuationNext(n *html.Node) bool {
	next := n.NextSibling
	return next != nil && next.Type == html.TextNode && next.Data != "" && strings.ContainsRune(".,;:!?)]»”’'", rune(next.Data[0]))
}

// figcaption returns the lead figure's caption and credit.
func figcaption(root *goquery.Selection) (caption, credit string) {
	fc := root.Find("figure figcaption").First()
	if fc.Length() == 0 {
		return "", ""
	}
	cr := fc.Find(`[class*=credit], [class*=copyright], [class*=source], [class*=byline], [class*=author]`).First()
	if cr.Length() > 0 {
		credit = cleanCredit(fold(cr.Text()))
		cr.Remove()
	}
	return fold(fc.Text()), credit
}
