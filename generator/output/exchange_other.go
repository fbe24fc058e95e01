//go:build !linux

package output

// exchange swaps two folders; without an atomic exchange the destination
// is missing for the moment between two renames.
func exchange(a, b string) error { return swap(a, b) }
