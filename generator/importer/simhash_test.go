package importer

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// fingerprintByCounts is Fingerprint as the definition says it: one
// counter a bit, up for each 3-gram that has the bit set, down for each
// that has not.
func fingerprintByCounts(text string) uint64 {
	var v [64]int
	var w [3]uint64
	n := 0
	contentWords(text, func(h uint64) {
		w[0], w[1], w[2] = w[1], w[2], h
		n++
		if n < 3 {
			return
		}
		x := mix(w[0]*31*31 + w[1]*31 + w[2])
		for b := range 64 {
			v[b] += int(x>>b&1)*2 - 1
		}
	})
	var out uint64
	for b := range 64 {
		if v[b] > 0 {
			out |= 1 << b
		}
	}
	return out
}

func TestFingerprint_byCounts(t *testing.T) {
	words := strings.Fields("minister said the government would announce new measures against inflation tomorrow Zürich 北京市 police")
	rng := rand.New(rand.NewPCG(1, 2))
	texts := []string{"", "one", "three word text", "four words text here"}
	for n := range 300 {
		var b strings.Builder
		for range n * 7 {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteByte(' ')
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		if got, want := Fingerprint(text), fingerprintByCounts(text); got != want {
			t.Fatalf("Fingerprint(%.40q…) = %016x, want %016x", text, got, want)
		}
	}
}

func BenchmarkFingerprint(b *testing.B) {
	texts := corpusTexts(b)
	for i := 0; b.Loop(); i++ {
		Fingerprint(texts[i%len(texts)])
	}
}

// contentWordsByRunes is contentWords as first written, a rune at a time.
func contentWordsByRunes(s string, f func(uint64)) {
	const offset, prime = 14695981039346656037, 1099511628211
	h, n := uint64(offset), 0
	var prev rune
	flush := func() {
		if n >= 4 {
			f(h)
		}
		h, n = offset, 0
	}
	for _, r := range s {
		switch {
		case isCJK(r):
			flush()
			if isCJK(prev) {
				f(uint64(prev)<<32 | uint64(r))
			}
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			h = (h ^ uint64(r)) * prime
			n++
		case r >= 'A' && r <= 'Z':
			h = (h ^ uint64(r+'a'-'A')) * prime
			n++
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			h = (h ^ uint64(unicode.ToLower(r))) * prime
			n++
		default:
			flush()
		}
		prev = r
	}
	flush()
}

func TestContentWords_byRunes(t *testing.T) {
	texts := []string{"", "Über 2019 die Straße", "東京都の人口 is large", "caf\xe9 \xff\xfe broken UTF-8 words", "ÀÉÎÕÜ ЖИЗНЬ Ωmega"}
	texts = append(texts, corpusTexts(t)...)
	for _, text := range texts {
		var got, want []uint64
		contentWords(text, func(h uint64) { got = append(got, h) })
		contentWordsByRunes(text, func(h uint64) { want = append(want, h) })
		if !slices.Equal(got, want) {
			t.Fatalf("contentWords(%.40q…) gives %d words, differing from the rune-at-a-time %d", text, len(got), len(want))
		}
	}
}

func FuzzContentWords(f *testing.F) {
	f.Add("Über 2019 東京都の caf\xe9")
	f.Fuzz(func(t *testing.T, s string) {
		var got, want []uint64
		contentWords(s, func(h uint64) { got = append(got, h) })
		contentWordsByRunes(s, func(h uint64) { want = append(want, h) })
		if !slices.Equal(got, want) {
			t.Fatalf("contentWords(%q) = %x, rune at a time %x", s, got, want)
		}
	})
}
