// Package search builds the site's full-text search index: a tree of
// small files under search/ that the search page's script walks, so that a
// query downloads only the few files its words need.
//
// Words are normalised the same way here and in the theme's search.js
// (a browser test holds the two to each other): Unicode letters and digits
// make words; case and accents are folded ("Côte" and "cote" are one
// word); an apostrophe inside a word joins it ("don't" is "dont") and a
// possessive "'s" goes; English words of Latin letters are stemmed with
// the first step of Porter's algorithm ("strikes" and "striking" are
// "strike"); Chinese and Japanese characters, written without spaces, are
// words of one character each; other scripts are kept as they are.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxWord is the longest word indexed, in characters; longer runs of
// letters (hashes, base64, run-together junk) are left out.
const MaxWord = 40

// Tokens calls emit with each normalised word of text, in order.
func Tokens(text string, emit func(word string)) {
	i := 0
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf && !asciiWord[c] {
			i++
			continue
		}
		r, n := next(text, i)
		if !wordRune(r) {
			i += n
			continue
		}
		if ideograph(r) {
			emit(Normalize(text[i : i+n]))
			i += n
			continue
		}
		start := i
		i += n
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if asciiWord[c] {
					i++
					continue
				} else if c != '\'' {
					break
				}
			}
			r, n := next(text, i)
			if wordRune(r) && !ideograph(r) {
				i += n
				continue
			}
			// An apostrophe between two letters stays in the word.
			if apostrophe(r) && i+n < len(text) {
				if r2, _ := next(text, i+n); wordRune(r2) && !ideograph(r2) {
					i += n
					continue
				}
			}
			break
		}
		if w := Normalize(text[start:i]); w != "" {
			emit(w)
		}
	}
}

// next decodes the rune at text[i], quickly for ASCII.
func next(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

// Normalize folds one word as Tokens does: "Raqqa's" gives "raqqa",
// "Côte" "cote", "Strikes" "strike". It returns "" for a word longer than
// MaxWord.
func Normalize(word string) string {
	w := fold(word)
	if strings.HasSuffix(w, "'s") {
		w = w[:len(w)-2]
	}
	if strings.IndexByte(w, '\'') >= 0 {
		w = strings.ReplaceAll(w, "'", "")
	}
	if w == "" || utf8.RuneCountInString(w) > MaxWord {
		return ""
	}
	return Stem(w)
}

// fold lowercases s and strips its accents, mapping every apostrophe to
// "'" and the final sigma to the plain one.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case apostrophe(r):
			b.WriteByte('\'')
		default:
			r = unicode.ToLower(r)
			if r == 'ς' {
				r = 'σ'
			}
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// asciiWord marks the ASCII bytes that belong to words.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// wordRune reports whether r belongs to words.
func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// ideograph reports whether r is written without spaces between words,
// so that each character is a word of its own.
func ideograph(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

// apostrophe reports whether r is one of the apostrophes of running text.
func apostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }
