package importer

import (
	"os"
	"path/filepath"
)

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so that path holds the old content or the new, whole. It
// flushes the data to disk before the rename, so that even a power cut
// leaves the old content or the new.
func writeFileAtomic(path string, data []byte) error { return writeFile(path, data, true) }

// writeFile is writeFileAtomic; sync false leaves the flush to a later
// syncFS, for new files that replace nothing.
func writeFile(path string, data []byte, sync bool) error {
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
