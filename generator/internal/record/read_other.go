//go:build !unix

package record

import (
	"os"
	"unsafe"
)

// ReadShared returns the bytes of the file at path as a string, without
// copying them again.
func ReadShared(path string) (string, error) {
	b, err := os.ReadFile(path)
	return unsafe.String(unsafe.SliceData(b), len(b)), err
}
