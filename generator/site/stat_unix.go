//go:build unix

package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// statAt returns the size and modification time of the file name in the
// open folder dir, following a symbolic link as os.Stat does.
func statAt(dir *os.File, name string) (int64, time.Time, error) {
	var st unix.Stat_t
	for {
		err := unix.Fstatat(int(dir.Fd()), name, &st, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 0, time.Time{}, &fs.PathError{Op: "stat", Path: filepath.Join(dir.Name(), name), Err: err}
		}
		return st.Size, time.Unix(st.Mtim.Unix()), nil
	}
}
