package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/bits"
	"os"
	"slices"
	"sort"
)

// manifest records what the importer wrote, in the site's
// .gazette/imports.json: for each article file, the raw input it came
// from and the hash of the bytes written, so that a re-import is
// recognised and a file edited by hand since is never overwritten.
type manifest struct {
	Version int      `json:"version"`
	Entries []*entry `json:"entries"`

	bySource map[string]*entry
	byFile   map[string]*entry
	bands    [4]map[uint16][]*entry
}

type entry struct {
	File         string `json:"file"`          // the article, relative to the site
	SourceFile   string `json:"source_file"`   // the raw input's name
	SourceSHA256 string `json:"source_sha256"` // of the raw input
	SHA256       string `json:"sha256"`        // of the article file as written
	Simhash      uint64 `json:"simhash"`       // of the body, for near-duplicates
}

func loadManifest(path string) (*manifest, error) {
	m := &manifest{Version: 1}
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err == nil {
		if err := json.Unmarshal(data, m); err != nil {
			return nil, fmt.Errorf("%s: %v; move it away to start a new one (imported files will then be seen as new)", path, err)
		}
	}
	m.index()
	return m, nil
}

func (m *manifest) index() {
	m.bySource, m.byFile = map[string]*entry{}, map[string]*entry{}
	for i := range m.bands {
		m.bands[i] = map[uint16][]*entry{}
	}
	for _, e := range m.Entries {
		m.add(e)
	}
	m.Entries = m.Entries[:0:0]
	for _, e := range m.byFile {
		m.Entries = append(m.Entries, e)
	}
}

// add records e, replacing the entry for the same file.
func (m *manifest) add(e *entry) {
	if old := m.byFile[e.File]; old != nil {
		*old = *e
		m.bySource[e.SourceSHA256] = old
		return
	}
	m.Entries = append(m.Entries, e)
	m.bySource[e.SourceSHA256] = e
	m.byFile[e.File] = e
	for i := range m.bands {
		b := uint16(e.Simhash >> (16 * i))
		m.bands[i][b] = append(m.bands[i][b], e)
	}
}

// remove forgets e, which an import recorded but could not write.
func (m *manifest) remove(e *entry) {
	if m.byFile[e.File] != e {
		return
	}
	delete(m.byFile, e.File)
	if m.bySource[e.SourceSHA256] == e {
		delete(m.bySource, e.SourceSHA256)
	}
	m.Entries = slices.DeleteFunc(m.Entries, func(x *entry) bool { return x == e })
	for i := range m.bands {
		b := uint16(e.Simhash >> (16 * i))
		m.bands[i][b] = slices.DeleteFunc(m.bands[i][b], func(x *entry) bool { return x == e })
	}
}

// nearDuplicate returns an entry whose body's fingerprint is Similar to
// h. Any such fingerprint shares one of its four 16-bit bands with h
// exactly, so only those are compared.
func (m *manifest) nearDuplicate(h uint64) *entry {
	var best *entry
	bestD := maxDistance + 1
	for i := range m.bands {
		for _, e := range m.bands[i][uint16(h>>(16*i))] {
			if d := bits.OnesCount64(e.Simhash ^ h); d < bestD || d == bestD && best != nil && e.File < best.File {
				best, bestD = e, d
			}
		}
	}
	return best
}

func (m *manifest) save(path string) error {
	sort.Slice(m.Entries, func(i, j int) bool { return m.Entries[i].File < m.Entries[j].File })
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(path, append(data, '\n'))
}
