package content

import (
	"bytes"
	"sort"
	"time"

	"gopkg.in/yaml.v3"
)

// Format writes a as an article file: front matter with the known fields in
// a fixed order, empty ones left out, then unknown fields by name, then the
// body. Parse(Format(a)) gives back a's fields.
func Format(a *Article) ([]byte, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v *yaml.Node) {
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
	}
	str := func(key, val string) {
		if val != "" {
			add(key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: val})
		}
	}
	str("title", a.Title)
	if a.Dated() {
		add("date", &yaml.Node{Kind: yaml.ScalarNode, Value: FormatDate(a.Date, a.DateOnly)})
	}
	if len(a.Tags) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, t := range a.Tags {
			seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: t})
		}
		add("tags", seq)
	}
	str("caption", a.Caption)
	str("credit", a.Credit)
	str("image", a.Image)
	str("source", a.Source)
	str("source_file", a.SourceFile)
	str("author", a.Author)
	str("summary", a.Summary)
	str("slug", a.Slug)
	if a.Draft {
		add("draft", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	keys := make([]string, 0, len(a.Params))
	for k := range a.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var v yaml.Node
		if err := v.Encode(a.Params[k]); err != nil {
			return nil, err
		}
		add(k, &v)
	}
	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	buf.WriteString("---\n")
	buf.Write(a.Body)
	return buf.Bytes(), nil
}

// FormatDate writes t as front matter does: YYYY-MM-DD for a day, RFC 3339
// for a time.
func FormatDate(t time.Time, dateOnly bool) string {
	if dateOnly {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339Nano)
}
