package content

import (
	"fmt"
	"sort"
	"strings"
)

// Error is a problem with one input file, at a line when one is known.
type Error struct {
	Path string
	Line int // 0 when the problem is with the file as a whole
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// errorf returns an *Error for path and line.
func errorf(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
}

// ErrorList is a list of errors, like go/scanner.ErrorList: many problems
// reported together rather than one at a time.
type ErrorList []error

// Add appends err unless it is nil; an ErrorList is flattened into l.
func (l *ErrorList) Add(err error) {
	switch e := err.(type) {
	case nil:
	case ErrorList:
		*l = append(*l, e...)
	default:
		*l = append(*l, err)
	}
}

// Sort orders the list by file and line, then by message.
func (l ErrorList) Sort() {
	pos := func(err error) (string, int) {
		if e, ok := err.(*Error); ok {
			return e.Path, e.Line
		}
		return err.Error(), 0
	}
	sort.SliceStable(l, func(i, j int) bool {
		pi, li := pos(l[i])
		pj, lj := pos(l[j])
		if pi != pj {
			return pi < pj
		}
		if li != lj {
			return li < lj
		}
		return l[i].Error() < l[j].Error()
	})
}

// Err returns l as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, err := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(err.Error())
	}
	return b.String()
}
