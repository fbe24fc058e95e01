package content

import (
	"fmt"
	"hash/crc64"
	"io"
	"os"
	"time"
)

// ParseFile reads and parses the article file at path, noting the file's
// size and modification time so that, after DropBody, ReadBody can read
// the body again.
func ParseFile(path string) (*Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	a, err := Parse(path, data)
	if a != nil {
		a.stamp = stamp{size: st.Size(), modTime: st.ModTime()}
		a.Sum = crc64.Checksum(data, crcTable)
	}
	return a, err
}

var crcTable = crc64.MakeTable(crc64.ECMA)

// Restore marks an article rebuilt from a cache of front matter as read
// from its file with the given size and modification time, its body
// dropped: ReadBody reads it from the file, which must not have changed.
func (a *Article) Restore(size int64, modTime time.Time) {
	a.stamp = stamp{size: size, modTime: modTime}
	a.Body, a.dropped = nil, true
}

// stamp is what a file looked like when it was parsed.
type stamp struct {
	size    int64
	modTime time.Time
}

// DropBody lets go of the body of an article read by ParseFile, so that a
// site of many articles holds only their front matter; ReadBody reads it
// again when it is needed. It does nothing to other articles.
func (a *Article) DropBody() {
	if a.stamp.size > 0 {
		a.Body, a.dropped = nil, true
	}
}

// ReadBody returns the article's Markdown body: the one in memory, or,
// after DropBody, the one in its file, which must not have changed since
// it was parsed (a build then stops rather than mix two versions).
func (a *Article) ReadBody() ([]byte, error) {
	if !a.dropped {
		return a.Body, nil
	}
	st, err := os.Stat(a.Path)
	if err != nil {
		return nil, err
	}
	if st.Size() != a.stamp.size || !st.ModTime().Equal(a.stamp.modTime) {
		return nil, fmt.Errorf("%s: changed while the site was being built; build again", a.Path)
	}
	data, err := os.ReadFile(a.Path)
	if err != nil {
		return nil, err
	}
	_, body, _, err := split(a.Path, data)
	if err != nil {
		return nil, err
	}
	return stripControls(body), nil
}
