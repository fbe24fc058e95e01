package importer

import (
	"strings"
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
	raw := strings.Split(text, "\n")
	lines := make([]*line, 0, len(raw))
	for _, r := range raw {
		t := strings.Join(strings.FieldsFunc(r, isSpace), " ")
		l := &line{text: t}
		if t == "" {
			l.class = blank
		} else {
			l.words, l.end = measure(t)
			l.stops = stops(t)
		}
		lines = append(lines, l)
	}
	return lines
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
	for _, r := range s + " " {
		if unicode.IsSpace(r) || r == '"' || r == '”' {
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
	return n
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// key is the form of a line used to recognise it elsewhere: lower case,
// digits folded, so that "© 2019 Site" and "© 2020 Site" are one line.
func key(s string) string {
	var b strings.Builder
	digit := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsDigit(r) {
			if !digit {
				b.WriteByte('0')
			}
			digit = true
			continue
		}
		digit = false
		b.WriteRune(r)
	}
	return b.String()
}
