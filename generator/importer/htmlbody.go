package importer

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The body of a saved page, read from the page's structure rather than
// its text: the element that holds the article, then its blocks written as
// Markdown, with links, emphasis, lists, quotes, tables and images kept.
//
// The element is the page's maximum-gain subtree. Every piece of text on
// the page gains or loses by what holds it: text in a paragraph of
// running prose gains its length, text in a link or a short line loses
// it, and everything inside a part named as furniture (navigation,
// sharing, comments, related stories, advertising…) loses it. An
// element's gain is the sum of its text's, so the best element is the one
// that takes in every stretch of prose worth more than the furniture
// between, and no more; one walk of the tree finds it. Readability and
// trafilatura score candidates and then patch the choice up with sibling
// rules; a gain that adds up makes those rules unnecessary.
//
// Inside that element the furniture that remains is dropped as a whole
// (parts named as furniture, lists of links), and each block is then
// judged as a line of text by the same rules and furniture model as raw
// text: promotions, controls, lines seen on the site's other pages.

// nodeStat is what the first walk learns of an element.
type nodeStat struct {
	text  int     // bytes of text inside, spaces not counted
	links int     // of which inside links
	gain  float64 // what choosing the element as the article gains
	card  bool    // a teaser of another story: a headline link and a few lines
	// furniture: named as a part of the page that is not the article.
	furniture bool
	caption   bool // a caption or credit
	comments  bool // comments, furniture however long
}

// pageStats measures every element of the page (those that hold only
// inline text are measured with the element they are in).
type pageStats map[*html.Node]*nodeStat

// textOf is the text inside an element, spaces not counted.
func (s pageStats) textOf(n *html.Node) int {
	if st := s[n]; st != nil {
		return st.text
	}
	return textLen(nodeText(n))
}

// Names of page parts that are not the article. Short names must be a
// whole part of a name, between separators ("ad-slot"); long ones may be
// part of a word ("relatedStories").
var (
	furnitureParts = set("nav navbar menu footer ad ads adv advert dfp gpt banner tags keywords meta byline author " +
		"widget toolbar print breadcrumb breadcrumbs pager pagination rating masthead subnav topics complementary " +
		"navigation contentinfo sponsor sponsored outbrain taboola")
	furnitureWords = strings.Fields("related share social comments comment- commentlist disqus newsletter subscribe " +
		"subscription signup sign-up cookie consent gdpr popup modal sidebar promo advertis recommend trending " +
		"most-popular mostpopular mostread most-read more-stories morestories read-more readmore readnext read-next " +
		"paywall follow-us followus author-bio authorbio tooltip popover rollover hovercard login skip-link skiplink " +
		"jump-to jumpto sr-only visually-hidden visuallyhidden screen-reader screenreader")
	// Names that say an element is the article, which a furniture name
	// on the same element does not outweigh: whole parts, or two parts
	// in a row.
	contentParts = set("article articlebody story entry text")
	contentPairs = set("post-content post-body main-content content-body")
)

// nameParts calls f with each part of a set of names in lower case,
// split at anything but letters and digits, and with the part before it
// in the same name ("post-content"), until f returns true.
func nameParts(names string, f func(part, pair string) bool) bool {
	prev := ""
	for i := 0; i < len(names); {
		j := i
		for j < len(names) && !isNameByte(names[j]) {
			if names[j] == ' ' {
				prev = "" // another name
			}
			j++
		}
		k := j
		for k < len(names) && isNameByte(names[k]) {
			k++
		}
		if k == j {
			break
		}
		part, pair := names[j:k], ""
		if prev != "" {
			pair = prev + "-" + part
		}
		if f(part, pair) {
			return true
		}
		prev, i = part, k
	}
	return false
}

func isNameByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 }

// reLayoutName finds names that say how a page is laid out around its
// article rather than name a part of it.
var reLayoutName = regexp.MustCompile(`[-_a-z]*(with|has|no|one|two|three|left|right)[-_]?sidebars?[-_a-z]*|[-_a-z]*sidebars?[-_](left|right|first|second|layout|wrap|wrapper|wrp)\b[-_a-z]*`)

// nameFlags is what an element's names say it is.
type nameFlags uint8

const (
	nameFurniture nameFlags = 1 << iota // a part of the page that is not the article
	nameComments                        // comments, which can run long
	nameCaption                         // a caption or credit
)

// namer tells what elements' names say, reading each distinct set of
// names once: pages repeat the same few many times.
type namer map[string]nameFlags

// of returns what an element's tag, class, id and role say it is.
func (nm namer) of(n *html.Node) nameFlags {
	var f nameFlags
	if names := elementNames(n); names != "" {
		// Names differ most often in their numbers ("post-7816"),
		// which say nothing here.
		names = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return '0'
			}
			return unicode.ToLower(r)
		}, names)
		var ok bool
		if f, ok = nm[names]; !ok {
			f = readNames(names)
			nm[names] = f
		}
	}
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer, atom.Menu, atom.Dialog:
		f |= nameFurniture
	case atom.Body, atom.Html, atom.Main, atom.Article:
		f &^= nameFurniture
	case atom.Figcaption:
		f |= nameCaption
	}
	return f
}

// elementNames is an element's class, id, role and component name, or ""
// if it has none.
func elementNames(n *html.Node) string {
	var b strings.Builder
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id", "role", "data-component":
			if a.Val != "" {
				b.WriteString(a.Val)
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// containsAny reports whether s contains any of words.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// readNames reads a set of names, in lower case.
func readNames(names string) nameFlags {
	var f nameFlags
	low := names // in lower case
	if strings.Contains(low, "comment") || strings.Contains(low, "disqus") || strings.Contains(low, "replies") {
		f |= nameComments
	}
	if strings.Contains(low, "caption") || strings.Contains(low, "credit") {
		f |= nameCaption
	}
	content := nameParts(low, func(part, pair string) bool { return contentParts[part] || contentPairs[pair] })
	switch {
	case content && !strings.Contains(low, "related"):
	case strings.Contains(low, "embed") && !strings.Contains(low, "share"):
		// A post or video the article embeds.
	default:
		if strings.Contains(low, "idebar") {
			// "content-with-sidebar", "two-sidebars": names of the
			// layout around the article, not of a part beside it.
			low = reLayoutName.ReplaceAllString(low, " ")
		}
		if nameParts(low, func(part, _ string) bool { return furnitureParts[part] }) || containsAny(low, furnitureWords) {
			f |= nameFurniture
		}
	}
	return f
}

// isBlock reports whether an element starts a new block of text.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer, atom.Aside, atom.Nav,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd,
		atom.Blockquote, atom.Pre, atom.Figure, atom.Figcaption, atom.Table, atom.Tr, atom.Td, atom.Th,
		atom.Tbody, atom.Thead, atom.Tfoot, atom.Caption, atom.Hr, atom.Br, atom.Address, atom.Center,
		atom.Details, atom.Summary, atom.Picture, atom.Video, atom.Audio, atom.Form, atom.Fieldset:
		return true
	}
	return false
}

// measurePage walks the page once and gives every element its text, link
// text and gain. It returns the element with the largest gain: the
// deepest, when an element gains no more than its child.
func measurePage(root *html.Node) (pageStats, *html.Node) {
	m := &measurer{stats: pageStats{}, names: namer{}}
	var best *html.Node
	bestGain := 0.0
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if _, b, g := m.walk(c); g > bestGain {
				best, bestGain = b, g
			}
		}
	}
	return m.stats, best
}

// measurer is what measurePage works with.
type measurer struct {
	stats pageStats
	names namer
}

// bigFurniture is the gain of prose above which an element named as
// furniture, or holding an element of that gain, is taken for a wrapper
// whose name misleads (a "page with sidebar"), unless it is named for
// comments, which can run long.
const bigFurniture = 1000

// walk measures n's subtree and returns n's measure and the element of
// the subtree with the largest gain. An element judged furniture loses
// all its text, and nothing inside it can be the article.
func (m *measurer) walk(n *html.Node) (st *nodeStat, best *html.Node, bestGain float64) {
	st = &nodeStat{}
	names := m.names.of(n)
	// The element's own inline text is judged as one paragraph; its
	// blocks are measured on their own.
	var own, ownLinks, commas int
	var inline func(c *html.Node, inLink bool)
	inline = func(c *html.Node, inLink bool) {
		for ; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				t := textLen(c.Data)
				own += t
				commas += strings.Count(c.Data, ",") + strings.Count(c.Data, "،") + strings.Count(c.Data, "、") + strings.Count(c.Data, "，")
				if inLink {
					ownLinks += t
				}
			case html.ElementNode:
				if isBlock(c.DataAtom) || hasNames(c) {
					s, b, g := m.walk(c)
					st.text += s.text
					st.links += s.links
					st.gain += s.gain
					if g > bestGain {
						best, bestGain = b, g
					}
					continue
				}
				inline(c.FirstChild, inLink || c.DataAtom == atom.A)
			}
		}
	}
	inline(n.FirstChild, n.DataAtom == atom.A)
	st.text += own
	st.links += ownLinks
	st.gain += paragraphGain(n, own, ownLinks, commas)
	switch {
	case names&nameFurniture != 0 && (max(st.gain, bestGain) < bigFurniture || names&nameComments != 0):
		st.furniture = true
		st.comments = names&nameComments != 0
	case st.text-st.links < maxCard && isCard(n):
		st.card = true
	case names&nameCaption != 0:
		// A caption is the article's but not its body: it neither
		// gains nor loses, and is written as its image's title.
		st.caption = true
		st.gain = 0
	}
	if st.furniture || st.card {
		st.gain = -float64(st.text)
		best, bestGain = nil, 0
	}
	m.stats[n] = st
	if st.gain > bestGain {
		best, bestGain = n, st.gain
	}
	return st, best, bestGain
}

// maxCard is the most text, outside links, a story's teaser has.
const maxCard = 800

// hasNames reports whether an element has a class, id or role.
func hasNames(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" || a.Key == "role" {
			return true
		}
	}
	return false
}

// isCard reports whether an element is a teaser of another story, as
// lists of related stories and story grids have them: an element (not a
// paragraph) whose first text is a link of three words or more, a
// headline, with a few lines after it at most.
func isCard(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Li, atom.Div, atom.Article, atom.Section, atom.Td, atom.Dd, atom.Header:
	default:
		return false
	}
	first, link := firstText(n, nil)
	if link == nil || imageFile(attr(link, "href")) {
		return false // no link, or one to the full size of an image
	}
	if first.Type == html.ElementNode {
		return true // a thumbnail
	}
	return len(strings.Fields(nodeText(link))) >= 3 && standsAlone(link, n)
}

// standsAlone reports whether a link stands as a headline does: alone
// in its block, or followed by an element of its own (a teaser in a
// span), rather than starting a sentence that runs on after it in the
// same text ("Apple said on Monday…" in a list of the day's news).
func standsAlone(link, within *html.Node) bool {
	for n := link; n != within && n != nil; n = n.Parent {
		if isBlock(n.DataAtom) && n != link {
			return true // nothing after it in its block
		}
		for c := n.NextSibling; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode && textLen(c.Data) > 2:
				return false
			case c.Type == html.TextNode:
				// Punctuation ("Headline." or "Headline |"): look on.
			case c.Type == html.ElementNode:
				return true
			}
		}
	}
	return true
}

// imageFile reports whether an address is that of an image file.
func imageFile(href string) bool {
	href, _, _ = strings.Cut(strings.ToLower(href), "?")
	for _, ext := range []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"} {
		if strings.HasSuffix(href, ext) {
			return true
		}
	}
	return false
}

// firstText finds the first content inside n, text that is not white
// space or an image, and the link it is in, if any.
func firstText(n, link *html.Node) (*html.Node, *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if textLen(c.Data) > 0 {
				return c, link
			}
		case html.ElementNode:
			if c.DataAtom == atom.Img {
				return c, link
			}
			l := link
			if c.DataAtom == atom.A {
				l = c
			}
			if t, tl := firstText(c, l); t != nil {
				return t, tl
			}
		}
	}
	return nil, nil
}

// paragraphGain is what a block's own text adds to the elements that hold
// it: its length when it reads as running prose, less what is in links;
// a loss when it is a short line or furniture.
func paragraphGain(n *html.Node, text, links, commas int) float64 {
	if text == 0 {
		return 0
	}
	plain := float64(text - links)
	switch {
	case n.DataAtom == atom.A || links*2 > text:
		return -float64(text)
	case plain >= 80 || plain >= 40 && commas > 0:
		return plain - float64(links)
	case n.DataAtom == atom.P && plain >= 20 && links == 0:
		// A short paragraph of its own: a short sentence, most often.
		return plain / 2
	case isHeadingAtom(n.DataAtom):
		return 0
	default:
		return -plain / 2
	}
}

func isHeadingAtom(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// textLen is the length of a text node without its white space.
func textLen(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\n', '\t', '\r', '\f':
		default:
			n++
		}
	}
	return n
}

// blockKind is what a block of the body is.
type blockKind uint8

const (
	kindPara blockKind = iota
	kindHeading
	kindItem
	kindPre
	kindTable
	kindImage
)

// block is one block of the body: its Markdown, its plain text (one
// line, for the text rules), and how it joins the block before it.
type block struct {
	kind  blockKind
	md    string
	text  string
	list  int  // the list an item belongs to, numbered from 1
	tight bool // an item that follows an item of its list on the next line
	links int  // bytes of its text in links
	quote bool // in a block quote
}

// bodyWriter writes the blocks of the article's element as Markdown.
type bodyWriter struct {
	base   *url.URL
	stats  pageStats
	rootTx int // the text of the article's element
	blocks []block

	// The inline run being written: its Markdown, its plain text, and
	// how much of it is in links.
	md, text []byte
	links    int
	inLink   bool
	space    bool // a space is due before the next word

	// The block the run will become.
	heading int      // heading level, or 0
	quote   int      // blockquote depth
	lists   []*list  // the lists the run is in, innermost last
	pre     int      // inside <pre>
	caption []string // the figures' captions, innermost last
	images  []block  // images met in the run, to follow its block
	nlists  int
}

type list struct {
	id      int
	ordered bool
	n       int  // the items so far
	started bool // the current item has written a block
}

// writeBody writes the element's blocks.
func writeBody(root *html.Node, stats pageStats, base *url.URL) []block {
	w := &bodyWriter{base: base, stats: stats, rootTx: stats.textOf(root)}
	w.children(root)
	w.flush()
	return w.blocks
}

func (w *bodyWriter) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
}

// skip reports whether an element inside the article is furniture to
// leave out whole: a part named as furniture, or a list or box made
// mostly of links, unless it holds a large share of the article's text.
func (w *bodyWriter) skip(n *html.Node) bool {
	st := w.stats[n]
	if st == nil || st.text == 0 {
		return false
	}
	if st.comments {
		return true
	}
	share := float64(st.text) / float64(max(w.rootTx, 1))
	if share > 0.4 {
		return false
	}
	if st.card || st.furniture || st.caption {
		return true
	}
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Div, atom.Section, atom.Table, atom.Dl:
		return st.links*2 > st.text && st.text-st.links < 200
	}
	return false
}

func (w *bodyWriter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.textNode(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	if w.skip(n) {
		return
	}
	switch n.DataAtom {
	case atom.Br:
		switch {
		case w.pre > 0:
			w.md, w.text = append(w.md, '\n'), append(w.text, '\n')
		case len(w.text) == 0:
		case strings.HasSuffix(string(w.md), hardBreak):
			// Two line breaks end a paragraph.
			w.md = w.md[:len(w.md)-len(hardBreak)]
			w.flush()
		default:
			w.md = append(w.md, hardBreak...)
			w.space = true
		}
		return
	case atom.Hr:
		w.flush()
		return
	case atom.Img:
		w.image(n)
		return
	case atom.A:
		w.link(n)
		return
	case atom.Em, atom.I, atom.Cite:
		w.wrap(n, "*")
		return
	case atom.Strong, atom.B:
		w.wrap(n, "**")
		return
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		if w.pre == 0 {
			w.code(n)
			return
		}
	case atom.Figcaption:
		return // written as its image's title
	case atom.Table:
		if w.dataTable(n) {
			return
		}
	case atom.Sup, atom.Sub:
		// Footnote marks and the like read better apart from the word.
	}
	if !isBlock(n.DataAtom) {
		w.children(n)
		return
	}
	w.flush()
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.heading = int(n.Data[1] - '0')
		w.children(n)
		w.flush()
		w.heading = 0
	case atom.Blockquote:
		w.quote++
		w.children(n)
		w.flush()
		w.quote--
	case atom.Pre:
		w.pre++
		w.children(n)
		w.flushPre()
		w.pre--
	case atom.Ul, atom.Ol:
		w.nlists++
		w.lists = append(w.lists, &list{id: w.nlists, ordered: n.DataAtom == atom.Ol})
		w.children(n)
		w.flush()
		w.lists = w.lists[:len(w.lists)-1]
	case atom.Li:
		if len(w.lists) == 0 {
			w.nlists++
			w.lists = append(w.lists, &list{id: w.nlists})
			defer func() { w.lists = w.lists[:len(w.lists)-1] }()
		}
		l := w.lists[len(w.lists)-1]
		l.n++
		l.started = false
		w.children(n)
		w.flush()
	case atom.Figure:
		w.caption = append(w.caption, figureCaption(n))
		w.children(n)
		w.flush()
		w.caption = w.caption[:len(w.caption)-1]
	default:
		w.children(n)
		w.flush()
	}
}

// hardBreak is a line break inside a paragraph.
const hardBreak = "\\\n"

// textNode adds text to the run, its white space folded.
func (w *bodyWriter) textNode(s string) {
	if w.pre > 0 {
		w.md = append(w.md, s...)
		w.text = append(w.text, s...)
		return
	}
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && !isSpaceByte(s[i]) {
			continue
		}
		if i > start {
			w.word(s[start:i])
		}
		if i < len(s) {
			w.space = true
		}
		start = i + 1
	}
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// word adds one word, with a space before it if one is due.
func (w *bodyWriter) word(s string) {
	if w.space && len(w.text) > 0 {
		if !strings.HasSuffix(string(w.md), "\n") {
			w.md = append(w.md, ' ')
		}
		w.text = append(w.text, ' ')
	}
	w.space = false
	w.md = append(w.md, escapeInline(s)...)
	w.text = append(w.text, s...)
	if w.inLink {
		w.links += len(s)
	}
}

// wrap writes an inline element's content between marks, as in *text*.
func (w *bodyWriter) wrap(n *html.Node, mark string) {
	w.span(n, func(inner []byte) []byte {
		return append(append([]byte(mark), inner...), mark...)
	})
}

// code writes inline code between backticks.
func (w *bodyWriter) code(n *html.Node) {
	w.span(n, func(inner []byte) []byte {
		plain := strings.NewReplacer(`\\`, `\`, `\*`, `*`, "\\`", "`", `\[`, `[`, `\]`, `]`, `\<`, `<`, `\_`, `_`, `\~`, `~`).Replace(string(inner))
		fence := "`"
		for strings.Contains(plain, fence) {
			fence += "`"
		}
		pad := ""
		if strings.HasPrefix(plain, "`") || strings.HasSuffix(plain, "`") {
			pad = " "
		}
		return []byte(fence + pad + plain + pad + fence)
	})
}

// span writes an inline element's children, then rewrites the Markdown
// they made with f; white space at their edges stays outside the marks.
// A span with block children is written as they are, unmarked.
func (w *bodyWriter) span(n *html.Node, f func(inner []byte) []byte) {
	if hasBlockChild(n) {
		w.children(n)
		return
	}
	if w.space && len(w.text) > 0 {
		w.md = append(w.md, ' ')
		w.text = append(w.text, ' ')
		w.space = false
	}
	at := len(w.md)
	w.children(n)
	if len(w.md) < at {
		return // the run ended inside
	}
	inner := w.md[at:]
	trimmed := strings.TrimSpace(string(inner))
	if trimmed == "" {
		return
	}
	w.md = append(w.md[:at], f([]byte(trimmed))...)
}

// hasBlockChild reports whether an inline element holds a block element.
func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (isBlock(c.DataAtom) || hasBlockChild(c)) {
			return true
		}
	}
	return false
}

// link writes a link with an absolute address; a link the page gives no
// safe absolute address for is written as its text.
func (w *bodyWriter) link(n *html.Node) {
	href := w.resolve(attr(n, "href"), false)
	if w.inLink || href == "" || hasBlockChild(n) {
		was := w.inLink
		w.inLink = true
		w.children(n)
		w.inLink = was
		return
	}
	w.inLink = true
	w.span(n, func(inner []byte) []byte {
		return []byte("[" + string(inner) + "](" + markdownURL(href) + ")")
	})
	w.inLink = false
}

// image writes an image as a block of its own, with its figure's caption
// as its title.
func (w *bodyWriter) image(n *html.Node) {
	src := ""
	for _, key := range []string{"data-src", "data-lazy-src", "data-original", "data-srcset", "srcset", "src"} {
		v := strings.TrimSpace(attr(n, key))
		if strings.HasSuffix(key, "srcset") {
			v, _, _ = strings.Cut(v, " ")
			v = strings.TrimSuffix(v, ",")
		}
		if src = w.resolve(v, true); src != "" {
			break
		}
	}
	if src == "" || attr(n, "width") == "1" || attr(n, "height") == "1" {
		return
	}
	alt := fold(attr(n, "alt"))
	caption := ""
	if len(w.caption) > 0 {
		caption = w.caption[len(w.caption)-1]
		w.caption[len(w.caption)-1] = "" // one caption, for the figure's first image
	}
	md := "![" + escapeInline(alt) + "](" + markdownURL(src)
	if caption != "" && caption != alt {
		md += ` "` + strings.ReplaceAll(caption, `"`, `\"`) + `"`
	}
	md += ")"
	// An image in a line of text follows the line's block.
	w.images = append(w.images, block{kind: kindImage, md: w.prefix(md)})
	if len(w.text) == 0 {
		w.flush()
	}
}

// figureCaption is the text of a figure's caption.
func figureCaption(n *html.Node) string {
	var fc *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil && fc == nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if c.DataAtom == atom.Figcaption {
					fc = c
					return
				}
				find(c)
			}
		}
	}
	find(n)
	if fc == nil {
		return ""
	}
	return fold(nodeText(fc))
}

// nodeText is the text inside a node, words apart.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// resolve makes an address absolute against the page's own; it returns
// "" for an address that is not http(s) (or mailto:, for links), such as
// javascript: or data:, or that cannot be made absolute.
func (w *bodyWriter) resolve(ref string, image bool) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if w.base != nil {
		u = w.base.ResolveReference(u)
	}
	switch u.Scheme {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
		return u.String()
	case "mailto":
		if !image {
			return u.String()
		}
	}
	return ""
}

// markdownURL writes an address for a Markdown link: spaces and
// parentheses escaped so the link cannot end early.
func markdownURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(u)
}

// dataTable writes a table of data as a Markdown table, and reports
// whether it did; a table used for layout is left to be read as blocks.
func (w *bodyWriter) dataTable(n *html.Node) bool {
	var rows [][]*html.Node
	layout := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !layout; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				var cells []*html.Node
				for d := c.FirstChild; d != nil; d = d.NextSibling {
					if d.Type == html.ElementNode && (d.DataAtom == atom.Td || d.DataAtom == atom.Th) {
						if hasBlockChild(d) {
							layout = true
						}
						cells = append(cells, d)
					}
				}
				rows = append(rows, cells)
			case atom.Thead, atom.Tbody, atom.Tfoot:
				walk(c)
			case atom.Table:
				layout = true
			}
		}
	}
	walk(n)
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if layout || cols < 2 || len(rows) < 2 {
		return false
	}
	w.flush()
	var md, text strings.Builder
	for i, r := range rows {
		md.WriteString("|")
		for j := 0; j < cols; j++ {
			cell := ""
			if j < len(r) {
				m, t := w.inlineOf(r[j])
				cell = strings.ReplaceAll(m, "|", `\|`)
				text.WriteString(t + " ")
			}
			md.WriteString(" " + cell + " |")
		}
		md.WriteString("\n")
		if i == 0 {
			md.WriteString("|" + strings.Repeat(" --- |", cols) + "\n")
		}
	}
	w.blocks = append(w.blocks, block{kind: kindTable, md: w.prefix(strings.TrimSuffix(md.String(), "\n")), text: fold(text.String())})
	return true
}

// inlineOf writes an element's inline content on its own, as Markdown and
// as plain text.
func (w *bodyWriter) inlineOf(n *html.Node) (md, text string) {
	saved := *w
	w.md, w.text, w.links, w.space = nil, nil, 0, false
	w.children(n)
	md, text = strings.TrimSpace(string(w.md)), strings.TrimSpace(string(w.text))
	w.md, w.text, w.links, w.space = saved.md, saved.text, saved.links, saved.space
	return md, text
}

// flush ends the run: it becomes a block of the kind its elements say.
func (w *bodyWriter) flush() {
	md := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(string(w.md)), `\`))
	text := fold(string(w.text))
	links := w.links
	w.md, w.text, w.links, w.space = w.md[:0], w.text[:0], 0, false
	defer func() {
		w.blocks = append(w.blocks, w.images...)
		w.images = w.images[:0]
	}()
	if text == "" {
		return
	}
	b := block{kind: kindPara, text: text, links: links, quote: w.quote > 0}
	switch {
	case w.heading > 0 && len(w.lists) == 0:
		b.kind = kindHeading
		level := min(max(w.heading, 2), 4)
		md = strings.Repeat("#", level) + " " + md
	case len(w.lists) > 0:
		b.kind = kindItem
		l := w.lists[len(w.lists)-1]
		b.list = l.id
		marker := "- "
		if l.ordered {
			marker = strconv.Itoa(l.n) + ". "
		}
		indent := strings.Repeat("    ", len(w.lists)-1)
		md = strings.ReplaceAll(md, "\n", "\n"+indent+strings.Repeat(" ", len(marker)))
		if l.started {
			md = indent + strings.Repeat(" ", len(marker)) + md
		} else {
			md = indent + marker + md
			b.tight = l.n > 1 || len(w.lists) > 1
			l.started = true
		}
	default:
		md = escapeStart(md)
	}
	b.md = w.prefix(md)
	w.blocks = append(w.blocks, b)
}

// flushPre ends a preformatted run as a fenced code block.
func (w *bodyWriter) flushPre() {
	code := strings.Trim(string(w.text), "\n")
	w.md, w.text, w.links, w.space = w.md[:0], w.text[:0], 0, false
	if strings.TrimSpace(code) == "" {
		return
	}
	fence := "```"
	for strings.Contains(code, fence) {
		fence += "`"
	}
	w.blocks = append(w.blocks, block{kind: kindPre, md: w.prefix(fence + "\n" + code + "\n" + fence), text: fold(code)})
}

// prefix puts a block inside the blockquotes it is in.
func (w *bodyWriter) prefix(md string) string {
	if w.quote == 0 {
		return md
	}
	p := strings.Repeat("> ", w.quote)
	return p + strings.ReplaceAll(md, "\n", "\n"+p)
}

// findArticle measures the page and finds the element that holds its
// article: the maximum-gain element, or the one the page marks as the
// article's body (itemprop="articleBody") when it holds more than half
// as much text.
func findArticle(doc *goquery.Document) (pageStats, *html.Node) {
	if len(doc.Nodes) == 0 {
		return nil, nil
	}
	stats, root := measurePage(doc.Nodes[0])
	var marked *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil && marked == nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if attr(c, "itemprop") == "articleBody" {
					marked = c
					return
				}
				find(c)
			}
		}
	}
	find(doc.Nodes[0])
	if st := stats[marked]; st != nil && st.text > 400 && (root == nil || st.text*2 > stats[root].text) {
		root = marked
	}
	return stats, root
}

// minBodyWords is the fewest words a body read from the page's structure
// may have; with fewer, the text rules read the page instead.
const minBodyWords = 40

// bodyMarkdown writes the article element's blocks as Markdown, less
// those the text rules call furniture. lines are the blocks as the text
// rules saw them, with what was kept, for --dry-run. ok is false when
// the blocks hold no body of at least minBodyWords words.
func bodyMarkdown(blocks []block, title string, m *Model) (md string, lines []*line, ok bool) {
	if len(blocks) == 0 {
		return "", nil, false
	}
	texts := make([]string, len(blocks))
	for i, b := range blocks {
		texts[i] = b.text
	}
	lines = splitLines(strings.Join(texts, "\n"))
	classify(lines, m)
	for i, l := range lines {
		// A long paragraph with few full stops is a ticker of headlines
		// in raw text; in a page, links would show it, and a paragraph
		// with few is a long sentence.
		if l.why == "long line without sentences" && blocks[i].kind == kindPara && blocks[i].links*4 < len(blocks[i].text) {
			l.class, l.why = prose, ""
		}
	}
	keep := keepBlocks(blocks, lines, fold(strings.ToLower(title)))
	var b strings.Builder
	words := 0
	prev := -1
	for i, bl := range blocks {
		if !keep[i] {
			continue
		}
		lines[i].role = roleBody
		words += lines[i].words
		if b.Len() > 0 {
			if bl.tight && prev >= 0 && blocks[prev].kind == kindItem {
				b.WriteString("\n")
			} else {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(bl.md)
		prev = i
	}
	if words < minBodyWords {
		return "", nil, false
	}
	b.WriteString("\n")
	return b.String(), lines, true
}

// furnitureInBody reports whether a block the text rules call furniture
// is furniture inside the article's element too. Lines repeated on the
// page are not: inside the article they are its own structure, such as
// the same sub-headings over two menus; nor is a sub-heading that only
// reads like a control ("Menu for plan A"), nor a paragraph that reads
// like a headline run into a teaser.
func furnitureInBody(b block, l *line) bool {
	switch {
	case l.why == "repeated on the page":
		return false
	case l.why == "story link with its teaser":
		// The page's structure shows its teasers (see isCard); the
		// text's guess at one is a paragraph of the article.
		return false
	case b.kind == kindHeading && l.why == "page control or promotion":
		return false
	}
	return true
}

// keepBlocks decides which blocks are the article: not the title, not
// furniture by the text rules, not mostly links; nothing before the
// first sentence of text but what leads into it, and nothing after a
// heading of comments or related stories once the article has begun.
func keepBlocks(blocks []block, lines []*line, title string) []bool {
	keep := make([]bool, len(blocks))
	first, last := -1, -1
	for i, l := range lines {
		if l.class == prose || l.class == sentence {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return keep
	}
	words := 0
	for i, bl := range blocks {
		l := lines[i]
		if words >= 100 && (l.why == "comments" || l.why == "list of other stories") {
			break
		}
		switch {
		case bl.kind == kindImage:
			keep[i] = i > first && i < last
		case title != "" && i <= first && strings.ToLower(l.text) == title:
			l.role = roleTitle
		case l.class == furniture && furnitureInBody(bl, l):
		case bl.links*2 > len(bl.text) && l.words < 25 && !bl.quote:
			// Mostly links: a line of navigation, unless quoted, as an
			// embedded post is, with its links and its author's.
		case i < first:
			// Before the text: only a sub-heading leading into it.
			keep[i] = bl.kind == kindHeading && i == first-1
		case i > last:
			// After it: what is not a heading.
			keep[i] = bl.kind != kindHeading
		default:
			keep[i] = true
		}
		if keep[i] && l.class == prose {
			words += l.words
		}
	}
	return keep
}

// blocksSize is about how many bytes blocks hold.
func blocksSize(blocks []block) int {
	n := 0
	for _, b := range blocks {
		n += len(b.md) + len(b.text) + 64
	}
	return n
}

// blockWords counts the words of blocks, roughly: their runs of letters
// between spaces.
func blockWords(blocks []block) int {
	n := 0
	for _, b := range blocks {
		n += len(strings.Fields(b.text))
	}
	return n
}
