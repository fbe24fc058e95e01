// Package atomicfile writes a file so that it holds its old content or
// its new, whole, whatever stops the writer: the one way gazette writes a
// file it replaces (articles, the import's and builds' state).
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write writes data to a temporary file beside path, making path's
// folder if need be, and renames it into place. With sync, the data is
// flushed to disk before the rename, so that even a power cut leaves the
// old content or the new; without, a later flush of the file system does
// it (for new files, which replace nothing).
func Write(path string, data []byte, sync bool) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".gazette-tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil && sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
