//go:build !unix

package site

import (
	"os"
	"path/filepath"
	"time"
)

// statAt returns the size and modification time of the file name in the
// open folder dir.
func statAt(dir *os.File, name string) (int64, time.Time, error) {
	st, err := os.Stat(filepath.Join(dir.Name(), name))
	if err != nil {
		return 0, time.Time{}, err
	}
	return st.Size(), st.ModTime(), nil
}
