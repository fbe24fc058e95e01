package importer

import (
	"hash/fnv"
	"strings"
	"unicode"
)

// simhash returns a 64-bit fingerprint of text's word 3-grams: texts that
// share most of their wording get fingerprints a few bits apart, so the
// same article imported from two pages with different furniture is found.
func simhash(text string) uint64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) == 0 {
		return 0
	}
	var v [64]int
	h := fnv.New64a()
	n := max(1, len(words)-2)
	for i := range n {
		h.Reset()
		for _, w := range words[i:min(i+3, len(words))] {
			h.Write([]byte(w))
			h.Write([]byte{' '})
		}
		x := h.Sum64()
		for b := range 64 {
			if x&(1<<b) != 0 {
				v[b]++
			} else {
				v[b]--
			}
		}
	}
	var out uint64
	for b := range 64 {
		if v[b] > 0 {
			out |= 1 << b
		}
	}
	return out
}
