package importer

import "math/bits"

// Fingerprint returns a 64-bit simhash of text's word 3-grams: texts that
// share most of their wording get fingerprints a few bits apart (see
// Similar), so the same article from two pages with different furniture
// is found. Words are those of contentWords.
func Fingerprint(text string) uint64 {
	// Each bit of the fingerprint is set when more than half the 3-grams'
	// hashes have it. The counts of set bits are kept bit-sliced: plane k
	// holds bit k of all 64 counts, so adding a hash is a carry through
	// the planes (two steps on average) rather than 64 additions.
	var planes [64]uint64
	var w [3]uint64
	n := 0
	contentWords(text, func(h uint64) {
		w[0], w[1], w[2] = w[1], w[2], h
		n++
		if n < 3 {
			return
		}
		carry := mix(w[0]*31*31 + w[1]*31 + w[2])
		for k := 0; carry != 0; k++ {
			planes[k], carry = planes[k]^carry, planes[k]&carry
		}
	})
	grams := max(n-2, 0)
	var out uint64
	for b := range 64 {
		ones := 0
		for k, p := range planes {
			ones |= int(p>>b&1) << k
		}
		if 2*ones > grams {
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
