package output

import "os"

// swap exchanges folders a and b with three renames through a third name.
func swap(a, b string) error {
	mid := a + ".swap"
	if err := os.Rename(b, mid); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		os.Rename(mid, b)
		return err
	}
	return os.Rename(mid, a)
}
