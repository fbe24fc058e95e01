package importer

// simhash returns a 64-bit fingerprint of text's word 3-grams: texts that
// share most of their wording get fingerprints a few bits apart, so the
// same article imported from two pages with different furniture is found.
// Words are those of contentWords.
func simhash(text string) uint64 {
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
