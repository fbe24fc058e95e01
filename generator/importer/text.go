package importer

import (
	"errors"
	"strings"

	"gazette/generator/content"
)

// ErrNoArticle is returned for a page in which no article text was found.
var ErrNoArticle = errors.New("no article text found: every line looks like page furniture")

// Result is one page turned into an article, with what was left out.
type Result struct {
	Article *content.Article
	// Sources says, for fields a page's metadata gave (title, date,
	// tags, author, source, image, summary, site, modified), which part
	// of the page gave it ("<meta og:title>", "JSON-LD datePublished");
	// fields it does not name came from the text.
	Sources map[string]string
	lines   []*line
}

// Dropped lists the lines that were left out of the article, with why.
func (r *Result) Dropped() []string { return droppedLines(r.lines) }

// Text extracts the article from the visible text of a news page, such as
// a browser's innerText: its title, kicker tags, date, byline, lead photo
// caption and credit, and body, in order. It drops the page's furniture:
// lines the model has seen on other pages, promotions, controls, and
// whatever lies outside the page's main run of prose. It never invents:
// a field the text does not give stays empty.
func Text(text string, m *Model) (*Result, error) { return extractLines(splitLines(text), m) }

// extractLines is Text on text already split into lines.
func extractLines(lines []*line, m *Model) (*Result, error) {
	classify(lines, m)
	caption, credit := markCaptions(lines)
	lo, hi, ok := mainRun(lines)
	if !ok {
		return &Result{lines: lines}, ErrNoArticle
	}
	a := &content.Article{Caption: caption, Credit: credit}
	markBody(lines, lo, hi)
	title := findTitle(lines, lo)
	if title >= 0 {
		lines[title].role = roleTitle
		a.Title = lines[title].text
	}
	a.Tags = findTags(lines, title)
	if t, dateOnly, i, ok := findDateLine(lines, title, lo, hi); ok {
		a.Date, a.DateOnly = t, dateOnly
		if lines[i].role == dropped {
			lines[i].role = roleDate
		}
	}
	a.Author = findAuthor(lines, title, lo)
	a.Body = []byte(markdown(lines))
	if a.Title == "" {
		// Headlines can be missing from a page's text; the lede's first
		// sentence names the article without inventing anything.
		a.Title = firstSentence(a.Body)
	}
	return &Result{Article: a, lines: lines}, nil
}

// markBody gives the lines of the main run their roles: prose and short
// sentences are body; a short line between paragraphs is a sub-heading;
// bulleted lines are list items; the rest is dropped.
func markBody(lines []*line, lo, hi int) {
	for i := lo; i <= hi; i++ {
		l := lines[i]
		if l.role != dropped {
			continue
		}
		switch {
		case isBullet(l.text) && l.class != furniture:
			l.role = roleList
		case l.class == prose || l.class == sentence:
			l.role = roleBody
		case l.class == short && isHeading(lines, i, lo, hi):
			l.role = roleHeading
		}
	}
}

// isBullet reports whether a line starts with a list bullet.
func isBullet(s string) bool {
	for _, b := range []string{"• ", "· ", "- ", "– ", "* ", "▪ ", "► "} {
		if strings.HasPrefix(s, b) && len(s) > len(b)+2 {
			return true
		}
	}
	return false
}

// isHeading reports whether the short line i reads as a sub-heading: a few
// words without a final stop, starting with a capital, with prose after
// it and body before it.
func isHeading(lines []*line, i, lo, hi int) bool {
	l := lines[i]
	if l.words < 2 || l.words > 10 || l.end || !startsUpper(l.text) || l.repeat > 0 {
		return false
	}
	prev, next := neighbour(lines, i, -1, lo, hi), neighbour(lines, i, 1, lo, hi)
	return prev != nil && (prev.class == prose || prev.class == sentence) && next != nil && next.class == prose
}

// neighbour returns the nearest non-blank line from i in direction d,
// within [lo, hi].
func neighbour(lines []*line, i, d, lo, hi int) *line {
	for j := i + d; j >= lo && j <= hi; j += d {
		if lines[j].class != blank {
			return lines[j]
		}
	}
	return nil
}

// droppedLines lists the lines that are not part of the article, for
// --dry-run.
func droppedLines(lines []*line) []string {
	var out []string
	for _, l := range lines {
		if l.class == blank || l.role != dropped {
			continue
		}
		why := l.why
		if why == "" {
			why = "outside the article text"
			if l.class == short {
				why = "short line, not a sentence"
			}
		}
		out = append(out, l.text+"  ("+why+")")
	}
	return out
}

// firstSentence returns the first sentence of a Markdown body, for a
// title, at most about 100 bytes long.
func firstSentence(body []byte) string {
	s := strings.TrimSpace(strings.SplitN(string(body), "\n", 2)[0])
	s = strings.NewReplacer(`\`, "").Replace(s)
	if i := strings.IndexAny(s, ".!?"); i > 0 {
		s = s[:i+1]
	}
	if len(s) > 100 {
		cut := strings.LastIndexByte(s[:100], ' ')
		if cut < 40 {
			cut = 100
		}
		s = strings.TrimRight(s[:cut], " ,;:") + "…"
	}
	return s
}
