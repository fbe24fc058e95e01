package content

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// MaxFrontMatter bounds the front matter read from one file, so that a
// hostile file cannot make the YAML decoder use unbounded memory.
const MaxFrontMatter = 1 << 20

// dateLayouts are the date forms front matter may use, tried in order.
var dateLayouts = []struct {
	layout   string
	dateOnly bool
}{
	{time.RFC3339Nano, false},
	{"2006-01-02T15:04:05", false},
	{"2006-01-02 15:04:05Z07:00", false},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02", true},
}

// ParseDate parses a front matter date: RFC 3339, or YYYY-MM-DD. A time
// without a zone is taken as UTC.
func ParseDate(s string) (t time.Time, dateOnly bool, err error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			return t, l.dateOnly, nil
		}
	}
	return time.Time{}, false, fmt.Errorf("date %q is not RFC 3339 (2015-11-13T10:33:00+01:00) or YYYY-MM-DD", s)
}

// split separates front matter from body. It returns the YAML text, the body,
// and the line on which the body starts.
func split(path string, data []byte) (fm, body []byte, bodyLine int, err error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, nil, 0, errorf(path, 1, "front matter: an article must start with a line \"---\", then YAML, then \"---\"")
	}
	rest := data[4:]
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l, end = rest[off:], len(rest)-off
		} else {
			l = rest[off : off+end]
		}
		if string(bytes.TrimRight(l, " \t")) == "---" {
			if off > MaxFrontMatter {
				break
			}
			next := min(off+end+1, len(rest))
			return rest[:off], rest[next:], line + 1, nil
		}
		if off > MaxFrontMatter {
			break
		}
		off += end + 1
		line++
	}
	if len(rest) > MaxFrontMatter {
		return nil, nil, 0, errorf(path, 1, "front matter: no closing \"---\" in the first %d bytes; front matter is limited to 1 MiB", MaxFrontMatter)
	}
	return nil, nil, 0, errorf(path, 1, "front matter: no closing \"---\" line")
}

// Parse reads an article file. Every problem in the front matter is
// reported, each with its line, as an ErrorList.
func Parse(path string, data []byte) (*Article, error) {
	fm, body, bodyLine, err := split(path, data)
	if err != nil {
		return nil, err
	}
	a := &Article{Path: path, Body: stripControls(body), BodyLine: bodyLine}
	var errs ErrorList
	titleLine := 0
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		return nil, yamlError(path, 1, 0, err)
	}
	if len(doc.Content) > 0 {
		m := doc.Content[0]
		if m.Kind != yaml.MappingNode {
			return nil, errorf(path, m.Line+1, "front matter: must be a mapping of field: value")
		}
		seen := map[string]int{}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			if first, ok := seen[k.Value]; ok {
				errs.Add(errorf(path, k.Line+1, "front matter: field %q given twice (first on line %d)", k.Value, first))
				continue
			}
			seen[k.Value] = k.Line + 1
			if k.Value == "title" {
				titleLine = m.Content[i+1].Line + 1
			}
			errs.Add(a.setField(path, m.Content[i], m.Content[i+1]))
		}
	}
	switch {
	case titleLine == 0:
		errs.Add(errorf(path, 1, "front matter: title is missing; every article needs one"))
	case len(errs) == 0 && strings.TrimSpace(a.Title) == "":
		errs.Add(errorf(path, titleLine, "front matter: title is empty; every article needs one"))
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	for _, f := range []*string{&a.Title, &a.Caption, &a.Credit, &a.Image, &a.Source, &a.SourceFile, &a.Author, &a.Summary, &a.Slug} {
		*f = string(stripControls([]byte(*f)))
	}
	for i := range a.Tags {
		a.Tags[i] = string(stripControls([]byte(a.Tags[i])))
	}
	return a, nil
}

// stripControls removes the C0 control characters other than tab and
// newline, and DEL: they mean nothing in an article, HTML forbids most of
// them and XML all of them.
func stripControls(b []byte) []byte {
	if bytes.IndexFunc(b, isControl) < 0 {
		return b
	}
	return bytes.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, b)
}

func isControl(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' || r == 0x7f }

// yamlError turns a yaml.v3 error into an Error at the right file line.
// yaml.v3 puts "yaml: line N: " in its messages; its TypeError carries a
// list of them.
func yamlError(path string, offset, defaultLine int, err error) error {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	var errs ErrorList
	for _, msg := range msgs {
		msg = strings.TrimPrefix(msg, "yaml: ")
		line := defaultLine
		if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
			msg = strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
			line += offset
		}
		errs.Add(errorf(path, line, "front matter: %s", msg))
	}
	return errs
}

// knownFields lists the front matter fields gazette reads itself, for
// "did you mean" hints on unknown ones.
var knownFields = []string{"title", "date", "tags", "caption", "credit", "image", "source",
	"source_file", "author", "summary", "slug", "draft"}

// setField decodes one front matter field into a. Line numbers in the YAML
// are one less than in the file, whose first line is "---".
func (a *Article) setField(path string, k, v *yaml.Node) error {
	line := v.Line + 1
	str := func(dst *string) error {
		if v.Kind != yaml.ScalarNode {
			return errorf(path, line, "front matter: %s must be a string", k.Value)
		}
		if v.Tag != "!!null" {
			*dst = v.Value
		}
		return nil
	}
	switch k.Value {
	case "title":
		return str(&a.Title)
	case "caption":
		return str(&a.Caption)
	case "credit":
		return str(&a.Credit)
	case "image":
		return str(&a.Image)
	case "source":
		return str(&a.Source)
	case "source_file":
		return str(&a.SourceFile)
	case "author":
		return str(&a.Author)
	case "summary":
		return str(&a.Summary)
	case "slug":
		if err := str(&a.Slug); err != nil {
			return err
		}
		if v.Tag != "!!null" && strings.TrimSpace(a.Slug) == "" {
			return errorf(path, line, "front matter: slug can't be empty if present")
		}
		return nil
	case "date":
		if v.Kind != yaml.ScalarNode {
			return errorf(path, line, "front matter: date must be RFC 3339 or YYYY-MM-DD")
		}
		if v.Tag == "!!null" || v.Value == "" {
			return nil
		}
		t, dateOnly, err := ParseDate(v.Value)
		if err != nil {
			return errorf(path, line, "front matter: %v", err)
		}
		a.Date, a.DateOnly = t, dateOnly
		return nil
	case "tags":
		if v.Tag == "!!null" {
			return nil
		}
		if v.Kind != yaml.SequenceNode {
			return errorf(path, line, "front matter: tags must be a list of strings")
		}
		for _, t := range v.Content {
			if t.Kind != yaml.ScalarNode || t.Tag == "!!null" {
				return errorf(path, t.Line+1, "front matter: tags must be a list of strings")
			}
			if s := strings.TrimSpace(t.Value); s != "" {
				a.Tags = append(a.Tags, s)
			}
		}
		return nil
	case "draft":
		if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
			return errorf(path, line, "front matter: draft must be true or false")
		}
		return v.Decode(&a.Draft)
	}
	var val any
	if err := v.Decode(&val); err != nil {
		return yamlError(path, 1, line, err)
	}
	if a.Params == nil {
		a.Params = map[string]any{}
	}
	a.Params[k.Value] = val
	return nil
}

// Warnings returns advice about a parsed article that does not stop a
// build: front matter fields that look like misspelt known ones.
func (a *Article) Warnings() []string {
	var w []string
	keys := make([]string, 0, len(a.Params))
	for k := range a.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, f := range knownFields {
			if near(k, f) {
				w = append(w, fmt.Sprintf("%s: warning: front matter: field %q is not one gazette knows (did you mean %q?)", a.Path, k, f))
			}
		}
	}
	return w
}

// near reports whether a and b differ by one edit, or only in case, or by a
// trailing "s".
func near(a, b string) bool {
	if strings.EqualFold(a, b) || a+"s" == b || a == b+"s" {
		return true
	}
	if d := len(a) - len(b); d < -1 || d > 1 {
		return false
	}
	// One substitution, insertion or deletion.
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[min(i+1, len(a)):] == b[min(i+1, len(b)):] || a[i:] == b[min(i+1, len(b)):] || a[min(i+1, len(a)):] == b[i:]
}
