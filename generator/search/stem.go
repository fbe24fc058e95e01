package search

import "strings"

// Stem applies step 1 of Porter's stemmer (M.F. Porter, "An algorithm for
// suffix stripping", 1980) to a lowercase word of the letters a to z:
// plurals and the endings -ed and -ing go, and a final y after a vowel-
// bearing stem becomes i. Other words, and words of one or two letters,
// are returned as they are. It is deliberately light: it joins the forms
// a reader expects to find each other ("strike", "strikes", "striking")
// and leaves meaning-bearing suffixes alone.
func Stem(w string) string {
	if len(w) <= 2 {
		return w
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	// Step 1a.
	switch {
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ies"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ss"):
	case strings.HasSuffix(w, "s"):
		w = w[:len(w)-1]
	}
	// Step 1b.
	switch {
	case strings.HasSuffix(w, "eed"):
		if measure(w[:len(w)-3]) > 0 {
			w = w[:len(w)-1]
		}
	case strings.HasSuffix(w, "ed") && hasVowel(w[:len(w)-2]):
		w = tidy(w[:len(w)-2])
	case strings.HasSuffix(w, "ing") && hasVowel(w[:len(w)-3]):
		w = tidy(w[:len(w)-3])
	}
	// Step 1c.
	if strings.HasSuffix(w, "y") && hasVowel(w[:len(w)-1]) {
		w = w[:len(w)-1] + "i"
	}
	return w
}

// tidy finishes a stem that lost -ed or -ing: "hop" from "hopping",
// "hope" from "hoping", "relate" from "related".
func tidy(w string) string {
	switch {
	case strings.HasSuffix(w, "at"), strings.HasSuffix(w, "bl"), strings.HasSuffix(w, "iz"):
		return w + "e"
	case doubleConsonant(w) && !strings.HasSuffix(w, "l") && !strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "z"):
		return w[:len(w)-1]
	case measure(w) == 1 && cvc(w):
		return w + "e"
	}
	return w
}

// consonant reports whether w[i] is a consonant in Porter's sense: not a
// vowel, and a y only when it follows a vowel or starts the word.
func consonant(w string, i int) bool {
	switch w[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !consonant(w, i-1)
	}
	return true
}

// measure is Porter's m: the number of vowel-consonant sequences in w.
func measure(w string) int {
	m, vowel := 0, false
	for i := range len(w) {
		if consonant(w, i) {
			if vowel {
				m++
			}
			vowel = false
		} else {
			vowel = true
		}
	}
	return m
}

func hasVowel(w string) bool {
	for i := range len(w) {
		if !consonant(w, i) {
			return true
		}
	}
	return false
}

func doubleConsonant(w string) bool {
	n := len(w)
	return n >= 2 && w[n-1] == w[n-2] && consonant(w, n-1)
}

// cvc: w ends consonant, vowel, consonant, the last not w, x or y.
func cvc(w string) bool {
	n := len(w)
	if n < 3 || !consonant(w, n-1) || consonant(w, n-2) || !consonant(w, n-3) {
		return false
	}
	c := w[n-1]
	return c != 'w' && c != 'x' && c != 'y'
}
