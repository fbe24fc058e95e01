package importer

import "math/bits"

// Fingerprint returns a 64-bit simhash of text's word 3-grams: texts that
// share most of their wording get fingerprints a few bits apart (see
// Similar), so the same article from two pages with different furniture
// is found. Words are those of contentWords.
func Fingerprint(text string) uint64 {
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

// mix spreads the bits of x (the finaliser of MurmurHash3), so that
// 3-grams that differ in one word differ in about half their bits.
func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// maxDistance is how many bits two fingerprints of the same text differ
// in at most.
const maxDistance = 3

// Similar reports whether two fingerprints are of the same text, near
// enough.
func Similar(a, b uint64) bool { return bits.OnesCount64(a^b) <= maxDistance }
