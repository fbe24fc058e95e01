//go:build unix

package record

import (
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// ReadShared returns the bytes of the file at path as a string that
// shares the file's pages with the system's cache: no copy is made and no
// memory of the process's own is filled. The mapping is never undone, so
// the string may be kept for good. The files gazette keeps between builds
// are only ever replaced by renaming a new file over them (atomicfile),
// never changed in place, so the file mapped stays whole. An empty file,
// or one that cannot be mapped, is read the ordinary way.
func ReadShared(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", err
	}
	if n := st.Size(); n > 0 && n == int64(int(n)) {
		if b, err := unix.Mmap(int(f.Fd()), 0, int(n), unix.PROT_READ, unix.MAP_SHARED); err == nil {
			return unsafe.String(unsafe.SliceData(b), len(b)), nil
		}
	}
	b, err := os.ReadFile(path)
	return unsafe.String(unsafe.SliceData(b), len(b)), err
}
