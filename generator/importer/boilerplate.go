package importer

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"sync"
)

// Model is what the importer has learnt about page furniture: for each
// line, in how many documents it was seen. Furniture repeats across the
// pages of a site and articles do not, so a line seen in other documents
// is furniture. The model is kept between runs in the site's
// .gazette/boilerplate, so that it gets better as the archive grows; its
// size is bounded by MaxModelLines.
type Model struct {
	mu     sync.RWMutex
	counts map[uint64]uint32
	docs   uint64
}

// MaxModelLines bounds the lines a Model remembers. Past it, lines seen in
// only one document are forgotten first: they are the ones that say
// nothing about furniture yet.
const MaxModelLines = 1 << 21

// NewModel returns an empty model.
func NewModel() *Model { return &Model{counts: map[uint64]uint32{}} }

// Learn counts the distinct lines of one document.
func (m *Model) Learn(text string) {
	seen := make(map[uint64]bool, 256)
	keyHashes(text, func(h uint64) { seen[h] = true })
	m.add(seen)
}

// learnLines is Learn on text already split into lines.
func (m *Model) learnLines(lines []*line) {
	seen := make(map[uint64]bool, len(lines))
	for _, l := range lines {
		if l.text != "" {
			seen[l.hash] = true
		}
	}
	m.add(seen)
}

// add counts one document's distinct line hashes.
func (m *Model) add(seen map[uint64]bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.docs++
	for h := range seen {
		m.counts[h]++
	}
	if len(m.counts) > MaxModelLines {
		m.prune()
	}
}

// prune forgets the rarest lines until the model is at most three quarters
// full.
func (m *Model) prune() {
	for limit := uint32(1); len(m.counts) > MaxModelLines*3/4; limit++ {
		for h, c := range m.counts {
			if c <= limit {
				delete(m.counts, h)
			}
		}
	}
}

// Docs returns how many documents the model has learnt from.
func (m *Model) Docs() uint64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.docs
}

// Count returns in how many documents the line s was seen.
func (m *Model) Count(s string) int {
	var h uint64
	keyHashes(s, func(x uint64) { h = x })
	return m.countHash(h)
}

func (m *Model) countHash(h uint64) int {
	if m == nil {
		return 0
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	return int(m.counts[h])
}

const modelMagic = "gazette boilerplate 1\n"

// LoadModel reads a model saved by Save; a missing file gives an empty one.
func LoadModel(path string) (*Model, error) {
	m := NewModel()
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != modelMagic {
		return nil, fmt.Errorf("%s: not a gazette boilerplate model; delete it to start a new one", path)
	}
	var n uint64
	if err := binary.Read(r, binary.LittleEndian, &m.docs); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := binary.Read(r, binary.LittleEndian, &n); err != nil || n > MaxModelLines {
		return nil, fmt.Errorf("%s: damaged; delete it to start a new one", path)
	}
	var rec [12]byte
	for range n {
		if _, err := io.ReadFull(r, rec[:]); err != nil {
			return nil, fmt.Errorf("%s: damaged; delete it to start a new one", path)
		}
		m.counts[binary.LittleEndian.Uint64(rec[:8])] = binary.LittleEndian.Uint32(rec[8:])
	}
	return m, nil
}

// Save writes the model to path atomically, in a stable order.
func (m *Model) Save(path string) error {
	m.mu.Lock()
	hashes := make([]uint64, 0, len(m.counts))
	for h := range m.counts {
		hashes = append(hashes, h)
	}
	sort.Slice(hashes, func(i, j int) bool { return hashes[i] < hashes[j] })
	buf := make([]byte, 0, len(modelMagic)+16+12*len(hashes))
	buf = append(buf, modelMagic...)
	buf = binary.LittleEndian.AppendUint64(buf, m.docs)
	buf = binary.LittleEndian.AppendUint64(buf, uint64(len(hashes)))
	for _, h := range hashes {
		buf = binary.LittleEndian.AppendUint64(buf, h)
		buf = binary.LittleEndian.AppendUint32(buf, m.counts[h])
	}
	m.mu.Unlock()
	// Renamed into place whole, but not flushed: the model is learnt
	// again from the pages if a power cut ever loses it.
	return writeFile(path, buf, false)
}
