// Package lock keeps two gazette processes from writing the same files at
// once: an import into one site, or a build into one destination.
package lock

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ErrHeld is returned when another process holds the lock.
var ErrHeld = errors.New("held by another gazette")

// Lock is a held lock; Release lets it go. The system releases it too
// when the process ends, however it ends, so a killed gazette never
// leaves a site locked.
type Lock struct {
	f    *os.File
	path string
}

// Acquire takes the lock file at path for what ("import", "build"),
// without waiting. When another process holds it, the error says which
// and what it is doing.
func Acquire(path, what string) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f); err != nil {
		holder, _ := os.ReadFile(path)
		f.Close()
		who := strings.TrimSpace(string(holder))
		if who == "" {
			who = "another process"
		}
		return nil, fmt.Errorf("%s: %w (%s); wait for it to finish, or stop it", path, ErrHeld, who)
	}
	f.Truncate(0)
	f.WriteAt([]byte("gazette "+what+", pid "+strconv.Itoa(os.Getpid())+"\n"), 0)
	return &Lock{f: f, path: path}, nil
}

// Release lets the lock go.
func (l *Lock) Release() error {
	if l == nil {
		return nil
	}
	l.f.Truncate(0)
	return l.f.Close() // closing drops the lock
}

// Folder takes a lock on the folder dir itself, without waiting, for the
// process that removes it: while the returned file is open, in this
// process or in one started with it among its files (which inherits the
// lock), Folder on dir returns ErrHeld. A folder that no one removes any
// more (its remover was killed) can be locked again.
func Folder(dir string) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", dir, ErrHeld)
	}
	return f, nil
}
