package importer

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// reCaptionPrefix and reCreditPrefix find the labels pages put before a
// photo's caption or credit.
var (
	reCaptionPrefix = regexp.MustCompile(`(?i)^(image caption|media caption|caption|legende|légende|bildunterschrift|foto|photo caption)\s*[:\-–]?\s*`)
	reCreditPrefix  = regexp.MustCompile(`(?i)^(image copyright|image source|copyright|photograph|photo|picture|credit|crédit|credits|foto|source|bild|©)\s*[:\-–©]?\s*`)
	reCreditTail    = regexp.MustCompile(`(?i)\s*[(\[]((?:photo|image|credit|foto|picture|photograph)\s*(?:by|:)\s*[^()\[\]]{2,60}|[^()\[\]]{2,60}?(?:/[^()\[\]]{1,60})+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6})[)\]]\s*$`)
)

// markCaptions finds photo captions and their credits, and sets those
// lines' roles so that they stay out of the body. The first caption before
// the middle of the text is the lead photo's; it is returned.
func markCaptions(lines []*line) (caption, credit string) {
	half := len(lines) / 2
	take := func(i int, c, cr string) {
		if caption == "" && i < half {
			caption, credit = c, cr
		}
	}
	for i, l := range lines {
		if l.class == blank || l.role != dropped || l.words < 3 {
			continue
		}
		// The same caption printed twice, the second time with its credit
		// after it: "A photo of X" then "A photo of X Reuters".
		for j := i + 1; j < len(lines) && j <= i+3; j++ {
			n := lines[j]
			if n.class == blank || n.role != dropped {
				continue
			}
			if rest, ok := strings.CutPrefix(n.text, l.text); ok && rest != "" && (rest[0] == ' ' || !unicode.IsLetter(firstRune(rest))) {
				rest = strings.TrimSpace(strings.Trim(strings.TrimSpace(rest), "()[]/|-–©"))
				if w, _ := measure(rest); w >= 1 && w <= 8 {
					l.role, n.role = roleCaption, roleCredit
					take(i, l.text, cleanCredit(rest))
					break
				}
			}
		}
	}
	for i, l := range lines {
		if l.class == blank || l.role != dropped {
			continue
		}
		if m := captionPrefix(l); m != nil {
			l.role = roleCaption
			c := l.text[m[1]:]
			cr := ""
			// BBC style: "Image copyright X" just before "Image caption Y".
			for j := i - 1; j >= 0 && j >= i-2; j-- {
				if lines[j].class != blank && reCreditPrefix.MatchString(lines[j].text) && lines[j].words <= 8 {
					lines[j].role = roleCredit
					cr = cleanCredit(reCreditPrefix.ReplaceAllString(lines[j].text, ""))
					break
				}
			}
			take(i, c, cr)
		} else if l.class != prose && l.words >= 4 && (strings.HasSuffix(l.text, ")") || strings.HasSuffix(l.text, "]")) {
			m := reCreditTail.FindStringSubmatchIndex(l.text)
			if m == nil {
				continue
			}
			l.role = roleCaption
			take(i, strings.TrimSpace(l.text[:m[0]]), cleanCredit(l.text[m[2]:m[3]]))
		}
	}
	return caption, credit
}

// captionWords are the first words of the labels reCaptionPrefix finds.
var captionWords = map[string]bool{"image": true, "media": true, "caption": true, "legende": true, "légende": true,
	"bildunterschrift": true, "foto": true, "photo": true}

// captionPrefix returns where reCaptionPrefix matches a line, looking
// only at lines that start with one of its words.
func captionPrefix(l *line) []int {
	first, _, _ := strings.Cut(l.text, " ")
	if l.words <= 2 || !captionWords[strings.ToLower(first)] {
		return nil
	}
	m := reCaptionPrefix.FindStringIndex(l.text)
	// The label may run into the caption ("Media captionWho is …"), but
	// not into a word ("Photographs of …").
	if m == nil || m[1] == len(l.text) || l.text[m[1]-1] != ' ' && !unicode.IsUpper(firstRune(l.text[m[1]:])) {
		return nil
	}
	return m
}

func cleanCredit(s string) string {
	s = reCreditPrefix.ReplaceAllString(strings.TrimSpace(s), "")
	return strings.TrimSpace(strings.Trim(s, " ()[]/|-–:"))
}

// reByline finds a byline: "By Jane Doe".
var reByline = regexp.MustCompile(`(?i)^(by|posted by|written by|words by|story by|par|von|por|di|oleh|от|автор:?)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:and|&|et|und|e|y)?\s*\p{Lu}[\p{L}.'’-]*){0,5})`)

// findTitle picks the headline among the lines before the body starts at
// lo, and the first few lines of the body, where a headline that reads as
// a sentence ("Is football violence a crime?") lands. Headlines are short,
// do not end with a full stop, share most of their words with the body,
// and stand near its start, after the page's navigation.
func findTitle(lines []*line, lo int) int {
	body, lede := bodyWords(lines, -1)
	slugs := urlSlugs(lines)
	best, bestScore := -1, -1e9
	consider := func(i int, unexplained int) {
		s, ok := titleScore(lines[i])
		if !ok {
			return
		}
		// A headline is about what the article says: most of its words
		// come back in the body. Menus, bylines and promotions do not.
		// A line of the body is compared with the rest of it.
		body, lede := body, lede
		if lines[i].role == roleBody {
			body, lede = bodyWords(lines, i)
		}
		ov := overlap(lines[i].text, body)
		s += 6*ov + 3*overlap(lines[i].text, lede)
		if ov < 0.3 {
			s -= 3
		}
		s -= 0.3 * float64(unexplained)
		if p := neighbour(lines, i, -1, 0, i); p == nil || p.class == furniture || p.role == roleTags {
			s += 1.5 // the first line after the navigation
		}
		if lines[i].repeat > 0 && lines[i].words >= 4 {
			s += 0.5 // pages print their headline twice: a bar, a share text
		} else if lines[i].words >= 4 && echoed(lines, i, lo) {
			s += 3 // or inside a longer line: "Share options for: <headline>"
		}
		if inSlug(lines[i].text, slugs) {
			s += 6 // the page's own URL is made from its headline
		}
		if t := lines[i].text; strings.ContainsAny(firstRunes(t, 1), "“\"") && reSaid.MatchString(t) {
			s -= 3 // a quotation from the body, not a headline
		}
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	for i, n := lo, 0; i < len(lines) && n < 3; i++ {
		l := lines[i]
		if l.class == blank {
			continue
		}
		n++
		t := strings.TrimRight(l.text, "\"'”’ ")
		headline := titleCased(l.text) || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "!")
		if l.words <= 25 && (l.class != prose && !strings.HasSuffix(t, ".") || headline) {
			consider(i, n)
		}
	}
	unexplained := 0
	for i := lo - 1; i >= 0 && i >= lo-60; i-- {
		l := lines[i]
		if l.class == blank {
			continue
		}
		consider(i, unexplained)
		if !explained(l) {
			unexplained++
		}
	}
	// A headline stands right above its standfirst, which is longer and
	// retells the body even more closely: when the line just above the
	// chosen one reads as a shorter headline about the article, it is the
	// headline.
	if best > 0 {
		p := prevNonBlank(lines, best)
		// A label between them ("Editorial", "Opinion") does not count.
		for k := 0; k < 2 && p > 0 && lines[p].class == furniture && lines[p].words <= 2; k++ {
			p = prevNonBlank(lines, p)
		}
		if p >= 0 {
			pl, bl := lines[p], lines[best]
			_, ok := titleScore(pl)
			t := strings.TrimRight(pl.text, "\"'”’ ")
			// A standfirst is prose: a full stop at its end, or two
			// sentences, which no headline has.
			standfirst := bl.class == prose || strings.HasSuffix(strings.TrimRight(bl.text, "\"'”’ "), ".") || reTwoSentences.MatchString(bl.text)
			// A standfirst that the body repeats as its lede is surely
			// one; the line above need then only be about the article.
			need := 0.5
			if bl.repeat > 0 {
				need = 0.2
			}
			if ok && standfirst && pl.words >= 3 && pl.words < bl.words && !strings.HasSuffix(t, ".") && overlap(pl.text, body) >= need {
				best = p
			}
		}
		// Navigation run into the headline ("HomeSPORT NEWSBREAKING NEWS:
		// …") when the headline also stands on a line of its own nearby.
		for j := max(0, best-10); j < min(len(lines), best+10); j++ {
			if j != best && lines[j].words >= 4 && len(lines[j].text) < len(lines[best].text) && strings.HasSuffix(lines[best].text, lines[j].text) {
				if _, ok := titleScore(lines[j]); ok {
					best = j
					break
				}
			}
		}
	}
	return best
}

// echoed reports whether another line near the article ends with line
// i's text, as share bars and breadcrumbs run into a headline do.
func echoed(lines []*line, i, lo int) bool {
	t := lines[i].text
	for j := max(0, lo-80); j < min(len(lines), lo+80); j++ {
		o := lines[j].text
		if j != i && len(o) > len(t) && strings.HasSuffix(o, t) {
			return true
		}
	}
	return false
}

// urlSlugs returns the words of the last path segment of each URL that
// stands on a line of its own: "…/article/Nelson-s-OT-goal-lifts-Isles-
// 14848099.php" gives nelson s ot goal lifts isles 14848099 php.
func urlSlugs(lines []*line) []map[string]bool {
	var out []map[string]bool
	for _, l := range lines {
		t := l.text
		if !strings.HasPrefix(t, "http://") && !strings.HasPrefix(t, "https://") || strings.ContainsRune(t, ' ') {
			continue
		}
		seg := strings.TrimRight(t, "/")
		seg = seg[strings.LastIndexByte(seg, '/')+1:]
		words := map[string]bool{}
		for _, w := range strings.FieldsFunc(strings.ToLower(seg), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			words[w] = true
		}
		if len(words) >= 3 {
			out = append(out, words)
		}
	}
	return out
}

// inSlug reports whether the words of a line of four or more words make
// most of one of the slugs.
func inSlug(text string, slugs []map[string]bool) bool {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) < 4 {
		return false
	}
	for _, slug := range slugs {
		n := 0
		for _, w := range words {
			if slug[w] {
				n++
			}
		}
		if n*10 >= len(words)*8 {
			return true
		}
	}
	return false
}

// reTwoSentences finds a sentence's end inside a line: a full stop after
// a lowercase word, then a capital ("the crisis. It is"), not an
// abbreviation ("Rep. Omar", "L.A. Auto").
var reTwoSentences = regexp.MustCompile(`\p{Ll}{3,}\. \p{Lu}`)

// prevNonBlank returns the index of the non-blank line before i, or -1.
func prevNonBlank(lines []*line, i int) int {
	for j := i - 1; j >= 0; j-- {
		if lines[j].class != blank {
			return j
		}
	}
	return -1
}

// reSaid finds the verb of a quotation.
var reSaid = regexp.MustCompile(`\b(said|says|told)\b`)

// titleCased reports whether most words of s of four letters or more
// start with a capital, as headlines in title case do.
func titleCased(s string) bool {
	long, upper := 0, 0
	for _, w := range strings.Fields(s) {
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		long++
		if unicode.IsUpper(firstRune(w)) {
			upper++
		}
	}
	return long >= 3 && upper*10 >= long*7
}

// explained reports whether a line between a title and its body is one
// that usually stands there: a byline, a date, a caption, a kicker.
func explained(l *line) bool {
	if l.role == roleCaption || l.role == roleCredit || l.class == furniture {
		return true
	}
	if _, ok := l.findDate(); ok && l.words <= 12 {
		return true
	}
	return reByline.MatchString(l.text) || isKicker(l.text) != nil
}

func titleScore(l *line) (float64, bool) {
	if (l.role != dropped && l.role != roleBody) || l.words < 2 || l.words > 40 || len(l.text) > 300 {
		return 0, false
	}
	if l.class == prose && l.words > 30 {
		return 0, false
	}
	if reByline.MatchString(l.text) || isKicker(l.text) != nil {
		return 0, false
	}
	if _, ok := l.findDate(); ok && l.words <= 16 {
		return 0, false
	}
	s := 0.2 * float64(min(l.words, 15))
	if l.words <= 15 && isPromo(l.low) || l.words > 15 && isPromo(strings.ToLower(l.text)) {
		if l.words < 6 {
			return 0, false
		}
		s -= 2
	}
	switch {
	case l.class == furniture && l.why == "repeated on the page":
		if l.words < 4 {
			return 0, false
		}
	case l.class == furniture:
		s -= 1.5 // other pages have it: a headline in their links, or a menu
	}
	if l.words >= 4 && l.words <= 25 {
		s += 2
	}
	t := strings.TrimRight(l.text, "\"'”’ ")
	if strings.HasSuffix(t, ".") {
		s -= 3 // a standfirst or caption, more often than a headline
	}
	if strings.HasSuffix(t, ":") || strings.HasSuffix(t, ",") {
		s -= 3
	}
	if strings.ToUpper(l.text) == l.text && strings.ToLower(l.text) != l.text {
		s -= 1
	}
	if !startsUpper(l.text) {
		s -= 2
	}
	if strings.Contains(l.text, " | ") || strings.Contains(l.text, " > ") || strings.Contains(l.text, " » ") {
		s -= 2
	}
	return s, true
}

// kickerSep splits a kicker line into its items.
var kickerSep = regexp.MustCompile(`\s+[-–—|/•·>]\s+|\s*[|•·]\s*`)

// isKicker returns the items of a kicker line, such as "FRANCE - RUSSIA -
// SYRIA": one to six short items in capitals. It returns nil for other
// lines.
func isKicker(s string) []string {
	if upperShare(s) < 0.8 {
		return nil
	}
	items := kickerSep.Split(s, -1)
	if len(items) > 6 {
		return nil
	}
	letters, upper := 0, 0
	for _, it := range items {
		w, _ := measure(it)
		if w < 1 || w > 4 || strings.TrimSpace(it) == "" {
			return nil
		}
		for _, r := range it {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
	}
	if letters < 2 || upper*10 < letters*8 {
		return nil
	}
	return items
}

// upperShare is the share of the letters of s that are capitals.
func upperShare(s string) float64 {
	letters, upper := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(upper) / float64(letters)
}

// reTagsLine finds a line that lists an article's tags.
var reTagsLine = regexp.MustCompile(`(?i)^(tags|topics|keywords|filed under|related topics|themen|sujets|tópicos|temas|argomenti|теги|темы)\s*:\s*(.*)$`)

// findTags returns the tags of the kicker just above the title, and of
// "Tags:" lines anywhere.
func findTags(lines []*line, title int) []string {
	var tags []string
	if title > 0 {
		for i := title - 1; i >= 0 && i >= title-3; i-- {
			if lines[i].class == blank {
				continue
			}
			if items := isKicker(lines[i].text); items != nil && lines[i].role == dropped {
				lines[i].role = roleTags
				for _, it := range items {
					tags = append(tags, tagCase(strings.TrimSpace(it)))
				}
				break
			}
		}
	}
	for i, l := range lines {
		if l.words > 30 || !strings.Contains(l.text, ":") {
			continue
		}
		m := reTagsLine.FindStringSubmatch(l.text)
		if m == nil {
			continue
		}
		l.role = roleTags
		items := splitList(m[2])
		if len(items) == 0 {
			// The tags follow, one short line each.
			for j := i + 1; j < len(lines) && j <= i+15; j++ {
				n := lines[j]
				if n.class == blank {
					if len(items) > 0 {
						break
					}
					continue
				}
				if n.words > 5 || n.end {
					break
				}
				n.role = roleTags
				items = append(items, n.text)
			}
		}
		for _, it := range items {
			tags = append(tags, tagCase(it))
		}
	}
	return dedupeFold(tags)
}

var reListSep = regexp.MustCompile(`\s*[,;|•·]\s*`)

func splitList(s string) []string {
	var out []string
	for _, it := range reListSep.Split(s, -1) {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}

// acronyms stay in capitals when a kicker's tags are recased; words of up
// to three letters in capitals (EU, UK, IS, USA) are kept as they are too.
var acronyms = map[string]bool{"NATO": true, "OPEC": true, "NASA": true, "UNESCO": true, "UNICEF": true,
	"FIFA": true, "UEFA": true, "ASEAN": true, "OECD": true, "NAFTA": true, "BRICS": true, "IMF": true}

// tagCase turns a tag written in capitals into readable case ("FRANCE" →
// "France", "UNITED STATES" → "United States") but keeps acronyms. Tags in
// mixed case are kept as written.
func tagCase(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		letters := 0
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters <= 3 || acronyms[w] {
			continue
		}
		words[i] = titleWord(w)
	}
	return strings.Join(words, " ")
}

// titleWord writes w with a capital first letter and the rest lower case,
// also after hyphens and apostrophes ("SAINT-DENIS" → "Saint-Denis").
func titleWord(w string) string {
	rs := []rune(strings.ToLower(w))
	up := true
	for i, r := range rs {
		if up && unicode.IsLetter(r) {
			rs[i] = unicode.ToUpper(r)
			up = false
		}
		if r == '-' {
			up = true
		}
	}
	return string(rs)
}

func dedupeFold(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		k := strings.ToLower(s)
		if s != "" && !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

var rePublished = regexp.MustCompile(`(?i)publi|posted`)

// findDateLine returns the publication date and the line that gives it.
// Pages show many dates: today's in the header, the article's near its
// title, others in captions, embedded posts and lists of other stories.
// The article's is the one in the byline area, between the title and the
// body, or failing that the nearest to it; a date marked as an update is
// taken only when there is no other. When the line also gives a time of
// day in a named zone, the date is that time, with its offset.
func findDateLine(lines []*line, title, lo, hi int) (t time.Time, dateOnly bool, at int, ok bool) {
	anchor := lo
	if title >= 0 && title < lo {
		anchor = title
	}
	firstBody := -1
	for i := lo; i <= hi && i < len(lines); i++ {
		if lines[i].role == roleBody {
			firstBody = i
			break
		}
	}
	bestScore := -1e9
	for i, l := range lines {
		if l.class == blank || l.role == roleCaption || l.role == roleCredit || l.role == roleTitle || strings.Contains(l.text, "(@") {
			continue
		}
		text := l.text
		var d time.Time
		var found bool
		if l.words > 15 {
			if i != firstBody {
				continue
			}
			text = firstRunes(text, 80) // a dateline: "PARIS, Nov 13, 2015 (AFP) -"
			d, found = findDate(text)
		} else {
			d, found = l.findDate()
		}
		if !found {
			continue
		}
		var dist float64
		switch {
		case i >= anchor-3 && i <= lo:
			dist = 0
		case i > lo && i <= hi:
			dist = 1 + float64(nonBlank(lines, lo, i))/4
		case i > hi:
			dist = 2 + float64(nonBlank(lines, hi, i))
		default:
			dist = 2 + float64(nonBlank(lines, i, anchor))
		}
		published := rePublished.MatchString(text) || reDateWord.MatchString(text) && !reUpdated.MatchString(text)
		if dist > 30 && !published {
			continue
		}
		score := -dist
		if published {
			score += 3
		}
		if reUpdated.MatchString(text) && !rePublished.MatchString(text) {
			score -= 40
		}
		if score > bestScore {
			bestScore, at, ok = score, i, true
			t, dateOnly = d, true
			if u, timed := withClock(d, text); timed {
				t, dateOnly = u, false
			}
		}
	}
	return t, dateOnly, at, ok
}

// nonBlank counts the non-blank lines in lines[from:to].
func nonBlank(lines []*line, from, to int) int {
	n := 0
	for _, l := range lines[max(from, 0):min(to, len(lines))] {
		if l.class != blank {
			n++
		}
	}
	return n
}

func firstRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// findAuthor returns the name in a byline near the title.
func findAuthor(lines []*line, title, lo int) string {
	from := max(0, lo-8)
	if title >= 0 {
		from = max(0, title-2)
	}
	for i := from; i < lo && i < len(lines); i++ {
		l := lines[i]
		if l.words > 12 || l.role != dropped {
			continue
		}
		if m := reByline.FindStringSubmatch(l.text); m != nil {
			l.role = roleAuthor
			return strings.TrimSpace(m[2])
		}
	}
	return ""
}

// bodyWords returns the sets of the words of the body's start and of its
// first two paragraphs, the lede, which most often retells the headline.
// The first 600 words are plenty to tell a headline from a menu.
//
// The line at skip, if any, is left out.
func bodyWords(lines []*line, skip int) (body, lede map[uint64]bool) {
	body, lede = map[uint64]bool{}, map[uint64]bool{}
	paras, words := 0, 0
	for i, l := range lines {
		if words > 600 {
			break
		}
		if i != skip && (l.role == roleBody || l.role == roleHeading || l.role == roleList) {
			words += l.words
			paras++
			contentWords(l.text, func(w uint64) {
				body[w] = true
				if paras <= 2 {
					lede[w] = true
				}
			})
		}
	}
	return body, lede
}

// overlap is the share of the content words of s that the set has.
func overlap(s string, set map[uint64]bool) float64 {
	n, in := 0, 0
	contentWords(s, func(w uint64) {
		n++
		if set[w] {
			in++
		}
	})
	if n == 0 {
		return 0
	}
	return float64(in) / float64(n)
}

// contentWords calls f with a hash of each lower-case word of s of four
// letters or more, which leaves out most function words in most
// languages, and of each pair of characters of scripts written without
// spaces.
func contentWords(s string, f func(uint64)) {
	const offset, prime = 14695981039346656037, 1099511628211
	h, n := uint64(offset), 0
	var prev rune
	flush := func() {
		if n >= 4 {
			f(h)
		}
		h, n = offset, 0
	}
	for i := 0; i < len(s); {
		c := s[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			h = (h ^ uint64(c)) * prime
			n++
		case c >= 'A' && c <= 'Z':
			h = (h ^ uint64(c+'a'-'A')) * prime
			n++
		case c < utf8.RuneSelf:
			flush()
		case isCJK(r):
			flush()
			if isCJK(prev) {
				f(uint64(prev)<<32 | uint64(r))
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			h = (h ^ uint64(unicode.ToLower(r))) * prime
			n++
		default:
			flush()
		}
		prev = r
	}
	flush()
}
