package site

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"gazette/generator/content"
	"gazette/generator/slug"
)

// reservedTagSlugs are paths below tags/ that the tags index itself uses.
var reservedTagSlugs = map[string]bool{"by-count": true}

// foldKey is what makes two spellings one tag: their slug, so that case,
// accents and punctuation do not matter ("Syria", "SYRIA", "syria"). A name
// with no ASCII spelling folds by its lower case.
func foldKey(name string) string {
	if k := slug.Make(name); k != "" {
		return k
	}
	return "\x00" + strings.ToLower(name)
}

// foldTags gathers the articles' tags into Site.Tags, through the registry
// entries, and lists spellings that differ with no entry to settle them.
func (s *Site) foldTags(tagsFile string, entries []content.TagEntry) error {
	byKey := map[string]*Tag{}
	var errs content.ErrorList
	for i := range entries {
		e := &entries[i]
		t := &Tag{Name: e.Name, key: foldKey(e.Name), entry: e, Spellings: map[string]int{}}
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			k := foldKey(name)
			if other, ok := byKey[k]; ok && other != t {
				errs.Add(&content.Error{Path: tagsFile, Line: e.Line, Err: fmt.Errorf("tags: %q folds into %q, which line %d already names", name, other.Name, other.entry.Line)})
				continue
			}
			byKey[k] = t
		}
	}
	if len(errs) > 0 {
		return errs
	}
	// Each spelling is folded once, and counted where it is found: one
	// map lookup for each of the hundreds of thousands of tags of a large
	// archive.
	type spelling struct {
		tag *Tag
		n   int
	}
	spellings := map[string]*spelling{}
	// Every article's tags, and its places in their lists, are slices of
	// two arrays made once, not two allocations per article.
	n := 0
	for _, a := range s.Articles {
		n += len(a.Article.Tags)
	}
	tags, pos := make([]*Tag, n), make([]int, n)
	for _, a := range s.Articles {
		k := len(a.Article.Tags)
		a.Tags, a.tagPos = tags[:0:k], pos[:0:k]
		tags, pos = tags[k:], pos[k:]
		for _, name := range a.Article.Tags {
			sp := spellings[name]
			if sp == nil {
				k := foldKey(name)
				t := byKey[k]
				if t == nil {
					t = &Tag{key: k, Spellings: map[string]int{}}
					byKey[k] = t
				}
				sp = &spelling{tag: t}
				spellings[name] = sp
			}
			sp.n++
			if t := sp.tag; !slices.Contains(a.Tags, t) {
				a.Tags = append(a.Tags, t)
				a.tagPos = append(a.tagPos, len(t.Articles))
				t.Articles = append(t.Articles, a)
			}
		}
	}
	for name, sp := range spellings {
		sp.tag.Spellings[name] = sp.n
	}
	added := map[*Tag]bool{}
	for _, t := range byKey {
		if len(t.Articles) > 0 && !added[t] {
			added[t] = true
			s.Tags = append(s.Tags, t)
		}
	}
	sort.Slice(s.Tags, func(i, j int) bool { return s.Tags[i].key < s.Tags[j].key })
	for _, t := range s.Tags {
		if t.entry == nil {
			t.Name = commonest(t.Spellings)
			if len(t.Spellings) > 1 {
				s.Warnings = append(s.Warnings, fmt.Sprintf("warning: tag %q is also spelt %s; add it to tags.yaml to choose its name", t.Name, others(t)))
			}
		}
	}
	s.assignTagSlugs(byKey)
	sort.SliceStable(s.Tags, func(i, j int) bool {
		a, b := strings.ToLower(s.Tags[i].Name), strings.ToLower(s.Tags[j].Name)
		if a != b {
			return a < b
		}
		return s.Tags[i].Slug < s.Tags[j].Slug
	})
	for _, a := range s.Articles {
		a.sortTags()
	}
	for _, t := range s.Tags {
		t.near = make([]nearKey, len(t.Articles))
		for i, a := range t.Articles {
			t.near[i] = nearOf(a)
		}
	}
	return nil
}

// assignTagSlugs gives every tag a unique slug, in fold-key order, and
// leaves redirects at the URLs a registry entry's other names would have
// had.
func (s *Site) assignTagSlugs(byKey map[string]*Tag) {
	used := map[string]*Tag{}
	for k := range reservedTagSlugs {
		used[k] = nil
	}
	for k := range reservedNames {
		used[k] = nil
	}
	for _, t := range s.Tags {
		base := slug.Make(t.Name)
		if t.entry != nil && t.entry.Slug != "" {
			base = slug.Make(t.entry.Slug)
		}
		if base == "" {
			base = hashed("tag", t.key)
		}
		t.Slug = unique(base, used)
		t.URL = "tags/" + t.Slug + "/"
		used[t.Slug] = t
	}
	for _, t := range s.Tags {
		if t.entry == nil {
			continue
		}
		for _, name := range append([]string{t.entry.Name}, t.entry.Aliases...) {
			old := slug.Make(name)
			if _, taken := used[old]; old == "" || taken {
				continue
			}
			used[old] = t
			s.Redirects = append(s.Redirects, Redirect{From: "tags/" + old + "/", To: t.URL})
		}
	}
	sort.Slice(s.Redirects, func(i, j int) bool { return s.Redirects[i].From < s.Redirects[j].From })
}

// commonest returns the most used spelling. Ties go to the spelling with
// more non-ASCII letters ("Côte" over "Cote": accents carry information),
// then to one not all in capitals, then to the one that sorts first, so
// that the choice is stable.
func commonest(spellings map[string]int) string {
	best, n := "", -1
	for sp, c := range spellings {
		if c > n || c == n && better(sp, best) {
			best, n = sp, c
		}
	}
	return best
}

func better(a, b string) bool {
	if na, nb := nonASCII(a), nonASCII(b); na != nb {
		return na > nb
	}
	if ua, ub := shouting(a), shouting(b); ua != ub {
		return ub // "France" over "FRANCE"
	}
	return a < b
}

// shouting reports whether s is written all in capitals, as kickers are.
func shouting(s string) bool { return strings.ToUpper(s) == s && strings.ToLower(s) != s }

func nonASCII(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x80 {
			n++
		}
	}
	return n
}

// others lists a tag's spellings other than its name, for a warning.
func others(t *Tag) string {
	var list []string
	for sp, c := range t.Spellings {
		if sp != t.Name {
			list = append(list, fmt.Sprintf("%q (%d)", sp, c))
		}
	}
	sort.Strings(list)
	return strings.Join(list, ", ")
}

// sortTags sorts an article's tags by slug, keeping tagPos in step: by
// insertion, as an article has a few tags.
func (a *Article) sortTags() {
	for i := 1; i < len(a.Tags); i++ {
		for j := i; j > 0 && a.Tags[j].Slug < a.Tags[j-1].Slug; j-- {
			a.Tags[j], a.Tags[j-1] = a.Tags[j-1], a.Tags[j]
			a.tagPos[j], a.tagPos[j-1] = a.tagPos[j-1], a.tagPos[j]
		}
	}
}
