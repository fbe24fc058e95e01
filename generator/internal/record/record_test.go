package record

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	w := &Writer{}
	w.Buf = append(w.Buf, "magic-1\n"...)
	nums := []uint64{0, 1, 127, 128, 300, 1 << 35, math.MaxUint64}
	strs := []string{"", "a", "Élysée", string(make([]byte, 200))}
	for _, n := range nums {
		w.Uint(n)
	}
	for _, s := range strs {
		w.Str(s)
	}
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, w.Buf, 0o644); err != nil {
		t.Fatal(err)
	}
	data, err := ReadShared(path)
	if err != nil {
		t.Fatal(err)
	}
	r := NewReader(data, "magic-1\n")
	for _, n := range nums {
		if got := r.Uint(); got != n {
			t.Errorf("Uint = %d, want %d", got, n)
		}
	}
	for _, s := range strs {
		if got := r.Str(); got != s {
			t.Errorf("Str = %q, want %q", got, s)
		}
	}
	if r.Bad() {
		t.Error("bad after reading what was written")
	}
	if r.Uint(); !r.Bad() {
		t.Error("reading past the end is not bad")
	}
	if NewReader(data, "magic-2\n").Uint(); !NewReader(data, "magic-2\n").Bad() {
		t.Error("another magic line is not bad")
	}
	empty := filepath.Join(t.TempDir(), "empty")
	os.WriteFile(empty, nil, 0o644)
	if s, err := ReadShared(empty); s != "" || err != nil {
		t.Errorf("empty file: %q, %v", s, err)
	}
	if _, err := ReadShared(filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("a missing file read without error")
	}
}

// FuzzReader: on any bytes, Uint agrees with encoding/binary, a string
// never runs past the data, and nothing panics.
func FuzzReader(f *testing.F) {
	f.Add([]byte{0x80, 0x01, 0x03, 'a', 'b', 'c'})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02})
	f.Add([]byte{0x05, 'x'})
	f.Fuzz(func(t *testing.T, data []byte) {
		want, n := binary.Uvarint(data)
		r := NewReader(string(data), "")
		got := r.Uint()
		if n > 0 && (got != want || r.Bad()) {
			t.Fatalf("Uint(%x) = %d (bad %v), binary.Uvarint = %d", data, got, r.Bad(), want)
		}
		if n <= 0 && !r.Bad() {
			t.Fatalf("Uint(%x) = %d, not bad; binary.Uvarint fails (%d)", data, got, n)
		}
		r = NewReader(string(data), "")
		for !r.Bad() {
			rest := r.data
			s := r.Str()
			if r.Bad() {
				break
			}
			// What Str consumed is a length, then the string itself.
			consumed := rest[:len(rest)-len(r.data)]
			if len(consumed) <= len(s) || !strings.HasSuffix(consumed, s) {
				t.Fatalf("Str consumed %q and returned %q", consumed, s)
			}
		}
	})
}
