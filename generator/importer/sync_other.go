//go:build !linux

package importer

import (
	"errors"
	"os"
)

// syncFS flushes the files to disk one by one where the system cannot
// flush a whole file system.
func syncFS(_ string, files []string) error {
	var errs []error
	for _, p := range files {
		f, err := os.OpenFile(p, os.O_RDWR, 0)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		errs = append(errs, f.Sync(), f.Close())
	}
	return errors.Join(errs...)
}
