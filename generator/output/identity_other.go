//go:build !linux

package output

// Identity is "" where the folder's identity is not known: builds there
// are always whole.
func Identity(dest string) string { return "" }
