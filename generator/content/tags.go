package content

import (
	"errors"
	"io/fs"
	"os"

	"gopkg.in/yaml.v3"
)

// TagEntry is one tag of a site's tags.yaml: how the tag is shown, its URL
// slug, and the other names that fold into it.
type TagEntry struct {
	Name    string
	Slug    string // empty: made from Name
	Aliases []string
	Line    int // where the entry starts in tags.yaml
}

// LoadTags reads a tags.yaml, a mapping from each tag's display name to its
// optional slug and aliases:
//
//	EU:
//	Islamic State:
//	  slug: islamic-state
//	  aliases: [IS, ISIS, Daesh]
//
// A missing file gives no entries.
func LoadTags(path string) ([]TagEntry, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(path, 0, 0, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, errorf(path, m.Line, "tags: must map each tag's name to its slug and aliases")
	}
	var entries []TagEntry
	var errs ErrorList
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		e := TagEntry{Name: k.Value, Line: k.Line}
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			errs.Add(errorf(path, k.Line, "tags: a tag's name must be a non-empty string"))
			continue
		}
		if v.Tag != "!!null" {
			var body struct {
				Slug    string   `yaml:"slug"`
				Aliases []string `yaml:"aliases"`
			}
			if v.Kind != yaml.MappingNode {
				errs.Add(errorf(path, v.Line, "tags: %q: give slug: and aliases: under the name, or nothing", k.Value))
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				if key := v.Content[j].Value; key != "slug" && key != "aliases" {
					errs.Add(errorf(path, v.Content[j].Line, "tags: %q: unknown key %q (known keys: aliases, slug)", k.Value, key))
				}
			}
			if err := v.Decode(&body); err != nil {
				errs.Add(yamlError(path, 0, 0, err))
				continue
			}
			e.Slug, e.Aliases = body.Slug, body.Aliases
		}
		entries = append(entries, e)
	}
	return entries, errs.Err()
}
