package importer

import (
	"hash/fnv"
	"unicode"
	"unicode/utf8"
)

// key is the form of a line used to recognise it elsewhere: lower case,
// digits folded, so that "© 2019 Site" and "© 2020 Site" are one line.
func key(s string) string {
	b := make([]byte, 0, len(s))
	digit := false
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		if r >= '0' && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r) {
			if !digit {
				b = append(b, '0')
			}
			digit = true
			continue
		}
		digit = false
		switch {
		case r >= 'A' && r <= 'Z':
			b = append(b, byte(r)+'a'-'A')
		case r < utf8.RuneSelf:
			b = append(b, byte(r))
		default:
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
	}
	return string(b)
}

// lineHash is the FNV-1a 64 hash of a key.
func lineHash(k string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(k))
	return h.Sum64()
}
