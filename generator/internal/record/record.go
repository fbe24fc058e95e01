// Package record writes and reads the flat files gazette keeps between
// builds (the front matter cache, a build's manifest): numbers as
// uvarints, strings with their length first, in a file that starts with a
// magic line naming the format and its version.
package record

import "encoding/binary"

// Writer appends fields to Buf.
type Writer struct{ Buf []byte }

// Uint appends x.
func (w *Writer) Uint(x uint64) { w.Buf = binary.AppendUvarint(w.Buf, x) }

// Str appends s.
func (w *Writer) Str(s string) {
	w.Uint(uint64(len(s)))
	w.Buf = append(w.Buf, s...)
}

// Reader reads what a Writer wrote. The strings it returns are slices of
// the data it was given. Past the end of the data, or on a damaged field,
// it returns zeros, and Bad reports it.
type Reader struct {
	data string
	bad  bool
}

// NewReader reads data after its magic line, or is bad from the start if
// data does not start with magic.
func NewReader(data, magic string) *Reader {
	if len(data) < len(magic) || data[:len(magic)] != magic {
		return &Reader{bad: true}
	}
	return &Reader{data: data[len(magic):]}
}

// Bad reports whether a field could not be read.
func (r *Reader) Bad() bool { return r.bad }

// Uint reads a number.
func (r *Reader) Uint() uint64 {
	var x uint64
	for i, shift := 0, uint(0); i < len(r.data) && i < binary.MaxVarintLen64; i, shift = i+1, shift+7 {
		b := r.data[i]
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				break // overflows 64 bits
			}
			r.data = r.data[i+1:]
			return x | uint64(b)<<shift
		}
		x |= uint64(b&0x7f) << shift
	}
	r.bad, r.data = true, ""
	return 0
}

// Str reads a string.
func (r *Reader) Str() string {
	n := r.Uint()
	if n > uint64(len(r.data)) {
		r.bad, r.data = true, ""
		return ""
	}
	s := r.data[:n]
	r.data = r.data[n:]
	return s
}
