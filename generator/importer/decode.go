package importer

import (
	"bytes"
	"errors"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Errors for input that holds no text to import.
var (
	ErrEmpty  = errors.New("empty file")
	ErrBinary = errors.New("binary file, not text")
)

// decode returns the text of a raw file as UTF-8 with "\n" line ends and
// no byte order mark. Text that is not valid UTF-8 is read as Windows-1252,
// the usual encoding of old Western pages and a superset of Latin-1's
// printable characters. A NUL byte, or many control characters, mark a
// binary file.
func decode(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		return "", errors.New("UTF-16 text; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", ErrEmpty
	}
	sample := data[:min(len(data), 8192)]
	ctl := 0
	for _, b := range sample {
		if b == 0 {
			return "", ErrBinary
		}
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctl++
		}
	}
	if ctl*20 > len(sample) {
		return "", ErrBinary
	}
	if !utf8.Valid(data) {
		dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return "", err
		}
		data = dec
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return string(data), nil
}
