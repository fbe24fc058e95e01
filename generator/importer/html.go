package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"gazette/generator/content"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
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

// htmlPage is a parsed page: what it says about itself, and its document
// with what a reader never sees removed.
type htmlPage struct {
	doc  *goquery.Document
	meta *pageMeta
	base *url.URL // the page's address, for absolute links; nil if unknown
}

// readPage parses a page, reads its metadata and cleans it.
func readPage(data []byte) (*htmlPage, error) {
	doc, err := parseHTML(data)
	if err != nil {
		return nil, err
	}
	meta := readMeta(doc)
	clean(doc)
	return &htmlPage{doc: doc, meta: meta, base: pageBase(doc, meta)}, nil
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

// text is the text of the page's body, one block a line, for the
// furniture model: what a browser would show, less what is hidden.
func (p *htmlPage) text() string { return blocks(p.doc.Find("body")) }

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
		return nil, fmt.Errorf("not readable as HTML: %w", err)
	}
	return doc, nil
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
// hidden elements.
func clean(doc *goquery.Document) {
	doc.Find("script, style, noscript, iframe, form, svg, canvas, template, button, select, input, textarea, object, embed, [hidden], [aria-hidden=true]").Remove()
	// The class names common style sheets hide.
	doc.Find(".hidden, .hide, .d-none, .invisible, .sr-only, .visually-hidden, .screen-reader-text, .visuallyhidden, .element-hidden, .element-invisible").Remove()
	doc.Find("[style]").Each(func(_ int, s *goquery.Selection) {
		st := strings.ReplaceAll(strings.ToLower(s.AttrOr("style", "")), " ", "")
		if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
			s.Remove()
		}
	})
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
	doc, meta := p.doc, p.meta
	// The text rules read the page's text for what its metadata may not
	// say (a date or kicker tags in the text, a caption), and give the
	// body of a page whose structure does not show one.
	root := mainElement(doc)
	if len(strings.Fields(root.Text())) < 150 {
		root = doc.Find("body")
	}
	res, err := Text(blocks(root), m)
	a := res.Article
	// The page's metadata is stronger than what the text says.
	title := meta.title(doc)
	if md, lines, ok := p.body(title, m); ok {
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
	if len(meta.tags) > 0 {
		a.Tags = meta.tags
	}
	if meta.author != "" {
		a.Author = meta.author
	}
	if meta.url != "" {
		a.Source = meta.url
	} else if meta.site != "" {
		a.Source = meta.site
	}
	if meta.image != "" && (strings.HasPrefix(meta.image, "http://") || strings.HasPrefix(meta.image, "https://")) {
		a.Image = meta.image
	}
	if c, cr := figcaption(root); c != "" {
		a.Caption, a.Credit = c, cr
	}
	if a.Title == "" {
		a.Title = firstSentence(a.Body)
	}
	return res, nil
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
	titles   []string // candidates, strongest first
	date     time.Time
	dateOnly bool
	tags     []string
	author   string
	site     string
	url      string
	image    string
}

func readMeta(doc *goquery.Document) *pageMeta {
	pm := &pageMeta{}
	metaContent := func(names ...string) string {
		for _, n := range names {
			sel := doc.Find(`meta[property="` + n + `"], meta[name="` + n + `"], meta[itemprop="` + n + `"]`).First()
			if v := strings.TrimSpace(sel.AttrOr("content", "")); v != "" {
				return v
			}
		}
		return ""
	}
	ld := jsonLD(doc)
	pm.titles = appendNonEmpty(pm.titles, metaContent("og:title"), ldString(ld, "headline"), metaContent("twitter:title"),
		strings.TrimSpace(doc.Find(`[itemprop="headline"]`).First().Text()))
	if t := strings.TrimSpace(doc.Find("title").First().Text()); t != "" {
		pm.titles = append(pm.titles, longestPart(t))
		pm.titles = appendNonEmpty(pm.titles, strings.TrimSpace(doc.Find("h1").First().Text()), t)
	} else {
		pm.titles = appendNonEmpty(pm.titles, strings.TrimSpace(doc.Find("h1").First().Text()))
	}
	for _, d := range []string{metaContent("article:published_time", "og:article:published_time", "article:published"),
		ldString(ld, "datePublished"), doc.Find(`[itemprop="datePublished"]`).First().AttrOr("content", doc.Find(`[itemprop="datePublished"]`).First().AttrOr("datetime", "")),
		metaContent("datePublished", "pubdate", "publishdate", "date", "dc.date", "DC.date.issued", "sailthru.date", "parsely-pub-date"),
		doc.Find("time[pubdate]").First().AttrOr("datetime", "")} {
		if t, only, ok := metaDate(d); ok {
			pm.date, pm.dateOnly = t, only
			break
		}
	}
	doc.Find(`meta[property="article:tag"]`).Each(func(_ int, s *goquery.Selection) {
		pm.tags = appendNonEmpty(pm.tags, strings.TrimSpace(s.AttrOr("content", "")))
	})
	if len(pm.tags) == 0 {
		for _, kw := range []string{metaContent("news_keywords"), ldKeywords(ld), metaContent("keywords")} {
			if kw != "" {
				pm.tags = splitKeywords(kw)
				break
			}
		}
	}
	pm.tags = dedupeFold(pm.tags)
	pm.author = ldAuthor(ld)
	if pm.author == "" {
		pm.author = metaContent("author", "article:author")
		if strings.HasPrefix(pm.author, "http") {
			pm.author = ""
		}
	}
	pm.site = metaContent("og:site_name", "application-name")
	if canon := doc.Find(`link[rel="canonical"]`).AttrOr("href", ""); strings.HasPrefix(canon, "http") {
		pm.url = canon
	} else if u := metaContent("og:url"); strings.HasPrefix(u, "http") {
		pm.url = u
	}
	pm.image = metaContent("og:image", "twitter:image")
	return pm
}

// title picks the first metadata title that the page also shows as a
// heading or line of its own: the one readers see. Without one, the
// strongest.
func (pm *pageMeta) title(doc *goquery.Document) string {
	shown := map[string]bool{}
	doc.Find("h1, h2, h3, header *, [class*=title], [class*=headline]").Each(func(_ int, s *goquery.Selection) {
		shown[fold(s.Text())] = true
	})
	for _, t := range pm.titles {
		if shown[fold(t)] {
			return fold(t)
		}
	}
	if len(pm.titles) > 0 {
		return fold(pm.titles[0])
	}
	return ""
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
func jsonLD(doc *goquery.Document) map[string]any {
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
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) == nil {
			visit(v)
		}
	})
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

// reLayout finds class and id names of page parts that are not the
// article: navigation, sharing, comments, related stories, advertising.
var reLayout = regexp.MustCompile(`(?i)(^|[-_ ])(nav|menu|footer|header|sidebar|share|social|comment|related|recommend|promo|advert|ad|ads|banner|newsletter|subscribe|cookie|popup|modal|breadcrumb|tags?|byline|author|meta)([-_ ]|$)`)

// mainElement finds the element that holds the article: the one whose
// paragraphs, counted with their parents and grandparents, have the most
// text, as Readability scores them, with names of layout parts counting
// against.
func mainElement(doc *goquery.Document) *goquery.Selection {
	if s := doc.Find(`[itemprop="articleBody"]`).First(); s.Length() > 0 && len(strings.Fields(s.Text())) > 50 {
		return s
	}
	// One walk of the tree measures every element's text and the text of
	// its links, and numbers elements in document order for ties.
	type measure struct{ text, links, order int }
	sizes := map[*html.Node]*measure{}
	order := 0
	var walk func(n *html.Node, inLink bool) (text, links int)
	walk = func(n *html.Node, inLink bool) (text, links int) {
		if n.Type == html.TextNode {
			t := len(strings.TrimSpace(n.Data))
			if inLink {
				return t, t
			}
			return t, 0
		}
		inLink = inLink || n.Type == html.ElementNode && n.Data == "a"
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			t, l := walk(c, inLink)
			text, links = text+t, links+l
		}
		if n.Type == html.ElementNode {
			order++
			sizes[n] = &measure{text, links, order}
		}
		return text, links
	}
	for _, n := range doc.Nodes {
		walk(n, false)
	}
	scores := map[*html.Node]float64{}
	doc.Find("p, pre, td, blockquote").Each(func(_ int, p *goquery.Selection) {
		t := strings.TrimSpace(p.Text())
		if len(t) < 25 {
			return
		}
		score := 1 + float64(strings.Count(t, ",")) + float64(min(len(t)/100, 3))
		parent := p.Get(0).Parent
		for level := 0; level < 3 && parent != nil && parent.Type == html.ElementNode; level++ {
			scores[parent] += score / float64(level+1)
			parent = parent.Parent
		}
	})
	var best *html.Node
	bestScore := 0.0
	for n, s := range scores {
		names := attr(n, "class") + " " + attr(n, "id")
		if reLayout.MatchString(names) {
			s *= 0.5
		}
		if m := sizes[n]; m != nil && m.text > 0 {
			s *= 1 - float64(m.links)/float64(m.text)
		}
		if s > bestScore || s == bestScore && best != nil && sizes[n].order < sizes[best].order {
			best, bestScore = n, s
		}
	}
	if best == nil {
		return doc.Find("body")
	}
	// Articles are often split over sibling blocks (a lede box, the body,
	// a box in between): take the best block's parent, and leave the
	// trimming to the text rules.
	if best.Parent != nil && best.Parent.Data != "body" && best.Parent.Data != "html" {
		best = best.Parent
	}
	return goquery.NewDocumentFromNode(best).Selection
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
		credit = fold(cr.Text())
		cr.Remove()
	}
	return fold(fc.Text()), credit
}
