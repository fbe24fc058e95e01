package check

import (
	"os"
	"reflect"
	"testing"
)

func TestRun(t *testing.T) {
	found, err := Run("testdata/site", os.DirFS("../../templates"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range found {
		got = append(got, f.String())
	}
	want := []string{
		`tags: tag "Economy" is also spelt "ECONOMY" (1); add it to tags.yaml to choose its name`,
		`testdata/site/content/bad.md:2: front matter: did not find expected ',' or ']'`,
		`testdata/site/content/dup-b.md: duplicate: the same article as testdata/site/content/dup-a.md`,
		`testdata/site/content/empty.md:4: body: the article has no text`,
		`testdata/site/content/good.md:6: link: link "/articles/nope/" leads to no page or file of the site`,
		`testdata/site/content/good.md:6: image: image "/img/gone.png" leads to no page or file of the site`,
		`testdata/site/content/misspelt.md: front matter: field "tag" is not one gazette knows (did you mean "tags"?)`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", join(got), join(want))
	}
}

func TestRun_clean(t *testing.T) {
	found, err := Run("../..", os.DirFS("../../templates"))
	if err != nil || len(found) != 0 {
		t.Errorf("the sample archive has findings: %v %v", found, err)
	}
}

func join(l []string) string {
	s := ""
	for _, x := range l {
		s += "  " + x + "\n"
	}
	return s
}
