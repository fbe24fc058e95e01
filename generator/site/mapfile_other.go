//go:build !unix

package site

import (
	"os"
	"unsafe"
)

// readShared returns the bytes of the file at path as a string, without
// copying them again.
func readShared(path string) (string, error) {
	b, err := os.ReadFile(path)
	return unsafe.String(unsafe.SliceData(b), len(b)), err
}
