package output

import "golang.org/x/sys/unix"

// exchange swaps two folders in one step, so that no reader ever sees the
// destination missing or half old, half new.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if err == unix.ENOSYS || err == unix.EINVAL {
		return swap(a, b)
	}
	return err
}
