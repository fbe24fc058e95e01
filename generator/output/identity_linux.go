package output

import (
	"fmt"
	"os"
	"syscall"
)

// Identity names the folder dest as it is now: its device, inode and
// change time, or "" if it cannot. A folder put in dest's place (even on
// a reused inode), or one whose entries someone else changed since, has
// another.
func Identity(dest string) string {
	st, err := os.Stat(dest)
	if err != nil || !st.IsDir() {
		return ""
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprint(sys.Dev, ":", sys.Ino, ":", sys.Ctim.Sec, ".", sys.Ctim.Nsec)
}
