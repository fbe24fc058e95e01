// Package slug turns titles and tag names into readable ASCII URL path segments.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxLen is the longest slug Make returns, in bytes. It keeps file names far
// below the 255-byte limit of common file systems, with room for suffixes.
const MaxLen = 80

// translit spells letters that Unicode decomposition leaves alone.
var translit = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d",
	'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'þ': "th", 'Þ': "th", 'ð': "d", 'Ð': "d",
	'ı': "i", 'ħ': "h", 'Ħ': "h", 'ŋ': "ng", 'Ŋ': "ng", 'ſ': "s", 'ĸ': "k", '&': "and",
	// Cyrillic (a common scientific-style romanisation).
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g",
	// Greek.
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th",
	'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p",
	'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
}

// apostrophes join the letters around them: "d'Ivoire" becomes "divoire".
func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' || r == '`'
}

// Make returns the slug of s: lower-case ASCII letters and digits in runs
// joined by single hyphens, at most MaxLen bytes, cut at a hyphen where it
// can be. Letters are transliterated ("Łódź" → "lodz", "Straße" → "strasse");
// characters with no ASCII spelling are dropped, so the result may be empty
// (for "???" or "日本"): callers decide what such a name gets.
func Make(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	hyphen := false // a separator is pending
	emit := func(part string) {
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteString(part)
	}
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			emit(string(unicode.ToLower(r)))
		case unicode.Is(unicode.Mn, r) || isApostrophe(r):
			// accents and apostrophes vanish without a break
		default:
			if t, ok := translit[unicode.ToLower(r)]; ok {
				if t != "" {
					emit(t)
				}
				continue
			}
			hyphen = true
		}
	}
	return truncate(b.String(), MaxLen)
}

// truncate cuts s to at most n bytes, at the last hyphen if there is one in
// the second half, so that words are not split.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if i := strings.LastIndexByte(s, '-'); i > n/2 {
		s = s[:i]
	}
	return strings.TrimRight(s, "-")
}
