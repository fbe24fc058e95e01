package importer

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// class is what a line of raw text seems to be on its own.
type class uint8

const (
	blank     class = iota
	furniture       // page furniture: recurring, promo, navigation words
	short           // too short to judge alone: headings, bylines, menu items
	sentence        // a short line that reads as a sentence
	prose           // a paragraph of running text
)

var classNames = [...]string{"blank", "furniture", "short", "sentence", "prose"}

func (c class) String() string { return classNames[c] }

// line is one line of the input with what is known of it.
type line struct {
	text   string // trimmed, spaces folded
	words  int    // word count; CJK characters count as half a word each
	stops  int    // sentence-ending punctuation marks
	end    bool   // ends as a sentence ends
	class  class
	why    string // why a line is furniture, for --dry-run
	role   role   // what the extraction made of it
	repeat int    // how many other lines of the document are the same
	seen   int    // on how many other pages the model saw the line
	hash   uint64 // the hash of the line's key, as the model counts it
	low    string // the line in lower case, for short lines only
	// date caches findDate: dateKnown says whether it was looked for.
	date      time.Time
	hasDate   bool
	dateKnown bool
}

// role is the part a line plays in the imported article.
type role uint8

const (
	dropped role = iota
	roleBody
	roleHeading
	roleList
	roleTitle
	roleTags
	roleDate
	roleAuthor
	roleCaption
	roleCredit
)

// splitLines turns text into lines, folding runs of white space (tabs,
// no-break spaces) and trimming each line.
func splitLines(text string) []*line {
	n := strings.Count(text, "\n") + 1
	store := make([]line, n)
	lines := make([]*line, n)
	for i := range lines {
		r := text
		if j := strings.IndexByte(text, '\n'); j >= 0 {
			r, text = text[:j], text[j+1:]
		}
		l := &store[i]
		lines[i] = l
		l.text = fold(r)
		if l.text == "" {
			continue // blank
		}
		l.words, l.end = measure(l.text)
		l.stops = stops(l.text)
		keyHashes(l.text, func(h uint64) { l.hash = h })
		if l.words <= 15 {
			l.low = strings.ToLower(l.text)
		}
	}
	return lines
}

// fold trims s and folds its runs of white space into single spaces.
func fold(s string) string {
	clean := true // no white space but single ASCII spaces between words
	for i := 0; i < len(s) && clean; i++ {
		c := s[i]
		switch {
		case c == ' ':
			clean = i > 0 && i < len(s)-1 && s[i+1] != ' '
		case c < ' ':
			clean = false
		case c >= utf8.RuneSelf:
			r, _ := utf8.DecodeRuneInString(s[i:])
			clean = !isSpace(r)
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpace(r) || r < ' ' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u00ad'
}

// measure counts the words of s and reports whether it ends as a sentence.
func measure(s string) (words int, end bool) {
	inWord := false
	cjk := 0
	for _, r := range s {
		switch {
		case isCJK(r):
			cjk++
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !inWord {
				words++
			}
			inWord = true
		case r == '\'' || r == '’' || r == '-':
			// inside a word
		default:
			inWord = false
		}
	}
	words += cjk / 2
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, "\"'”’»)]*"))
	switch last {
	case '.', '!', '?', '…', '。', '！', '？', ':', ';':
		end = true
	}
	return words, end
}

// stops counts the marks that end sentences in s.
func stops(s string) int {
	n := 0
	prev := ' '
	for _, r := range s {
		if r == ' ' || r == '"' || r == '”' || r == '\t' {
			switch prev {
			case '.', '!', '?', '…':
				n++
			}
		}
		switch r {
		case '。', '！', '？':
			n++
		}
		prev = r
	}
	switch prev {
	case '.', '!', '?', '…':
		n++
	}
	return n
}

func isCJK(r rune) bool { return r >= 0x2e80 && isCJKSlow(r) }

func isCJKSlow(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// keyHashes calls f with the hash of the key of each non-blank line of
// text, without building any string: the key of a line is the line in
// lower case, white space folded, each run of digits one "0", so that
// "© 2019 Site" and "© 2020 Site" are one line; the hash is FNV-1a 64 of
// the key. (keys_test.go spells the same out slowly and checks that the
// two agree.)
func keyHashes(text string, f func(uint64)) {
	const offset, prime = 14695981039346656037, 1099511628211
	for len(text) > 0 {
		ln := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			ln, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		h := uint64(offset)
		started, space, digit := false, false, false
		for i := 0; i < len(ln); {
			c := ln[i]
			if c < utf8.RuneSelf { // ASCII: most of every page
				i++
				switch {
				case c <= ' ':
					space, digit = started, false
					continue
				case c >= '0' && c <= '9':
					if space {
						h = (h ^ ' ') * prime
						space = false
					}
					if !digit {
						h = (h ^ '0') * prime
					}
					digit, started = true, true
					continue
				case c >= 'A' && c <= 'Z':
					c += 'a' - 'A'
				}
				if space {
					h = (h ^ ' ') * prime
					space = false
				}
				h = (h ^ uint64(c)) * prime
				digit, started = false, true
				continue
			}
			r, size := utf8.DecodeRuneInString(ln[i:])
			i += size
			if isSpace(r) {
				space, digit = started, false
				continue
			}
			if space {
				h = (h ^ ' ') * prime
				space = false
			}
			if unicode.IsDigit(r) {
				if !digit {
					h = (h ^ '0') * prime
				}
				digit, started = true, true
				continue
			}
			var buf [4]byte
			for _, b := range utf8.AppendRune(buf[:0], unicode.ToLower(r)) {
				h = (h ^ uint64(b)) * prime
			}
			digit, started = false, true
		}
		if started {
			f(h)
		}
	}
}

// findDate returns the date the line gives, if any, looking only once.
func (l *line) findDate() (time.Time, bool) {
	if !l.dateKnown {
		l.date, l.hasDate = findDate(l.text)
		l.dateKnown = true
	}
	return l.date, l.hasDate
}
