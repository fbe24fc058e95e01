package importer

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gazette/generator/content"
)

var update = flag.Bool("update", false, "rewrite the want.md golden files")

// golden runs each case folder testdata/<kind>/<case>: extract turns its
// input file into an article, whose file must equal want.md (rewritten
// with -update). It returns the articles' files by case.
func golden(t *testing.T, kind, input string, extract func([]byte) (*Result, error)) map[string]string {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join("testdata", kind, "*"))
	if len(dirs) == 0 {
		t.Fatal("no cases")
	}
	files := map[string]string{}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, input))
			if err != nil {
				t.Fatal(err)
			}
			res, err := extract(data)
			if err != nil {
				t.Fatal(err)
			}
			res.Article.SourceFile = input
			got, err := content.Format(res.Article)
			if err != nil {
				t.Fatal(err)
			}
			want := filepath.Join(dir, "want.md")
			if *update {
				os.WriteFile(want, got, 0o644)
			}
			wantData, err := os.ReadFile(want)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(wantData) {
				t.Errorf("got:\n%s\nwant:\n%s", got, wantData)
			}
			files[filepath.Base(dir)] = string(got)
		})
	}
	return files
}

// TestText_golden imports each testdata/text/<case>/input.txt alone (no
// model: rules only) and compares the article file with want.md.
func TestText_golden(t *testing.T) {
	golden(t, "text", "input.txt", func(data []byte) (*Result, error) {
		text, err := decode(data)
		if err != nil {
			return nil, err
		}
		return Text(text, nil)
	})
}

// TestText_seedExpected checks the seed article against the user's own
// statement of what importing it must give, ../shared/seed/expected.yaml,
// when that folder is beside the repository.
func TestText_seedExpected(t *testing.T) {
	exp, err := os.ReadFile("../../../shared/seed/expected.yaml")
	if err != nil {
		t.Skip("no ../shared/seed beside the repository")
	}
	raw, err := os.ReadFile("../../../shared/seed/000_003599a21b775801.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := parseExpected(t, exp)
	text, _ := decode(raw)
	res, err := Text(text, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := res.Article
	if a.Title != want.Title || !reflect.DeepEqual(a.Tags, want.Tags) || a.Caption != want.Caption || a.Credit != want.Credit || a.Dated() {
		t.Errorf("fields: title %q tags %q caption %q credit %q date %v", a.Title, a.Tags, a.Caption, a.Credit, a.Date)
	}
	paras := strings.Split(strings.TrimSpace(string(a.Body)), "\n\n")
	if !reflect.DeepEqual(paras, want.Body) {
		t.Errorf("body:\n%q\nwant:\n%q", paras, want.Body)
	}
	file, _ := content.Format(a)
	for _, d := range want.Dropped {
		if strings.Contains(string(file), d) {
			t.Errorf("dropped line %q is in the article", d)
		}
	}
}

func TestText_noArticle(t *testing.T) {
	for _, in := range []string{"Home\nNews\nSport\nShare\nAdvertisement\n", "\n\n\n", "Subscribe to our newsletter\nCookie policy"} {
		if _, err := Text(in, nil); err != ErrNoArticle {
			t.Errorf("Text(%q) = %v, want ErrNoArticle", in, err)
		}
	}
}

func TestIsKicker(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"FRANCE - RUSSIA - SYRIA", []string{"FRANCE", "RUSSIA", "SYRIA"}},
		{"EUROPE | UNITED KINGDOM", []string{"EUROPE", "UNITED KINGDOM"}},
		{"SPACE", []string{"SPACE"}},
		{"France launches more air strikes", nil},
		{"Home - News - World", nil},
		{"A - B - C - D - E - F - G", nil},
		{"BREAKING NEWS: AN EARTHQUAKE STRIKES THE COAST OF CHILE TODAY", nil},
	}
	for _, tt := range tests {
		if got := isKicker(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("isKicker(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTagCase(t *testing.T) {
	tests := map[string]string{
		"FRANCE": "France", "UNITED KINGDOM": "United Kingdom", "EU": "EU", "IS": "IS", "USA": "USA",
		"NATO": "NATO", "SAINT-DENIS": "Saint-Denis", "iPhone": "iPhone", "Côte d'Ivoire": "Côte d'Ivoire",
		"CÔTE D'IVOIRE": "Côte D'ivoire",
	}
	for in, want := range tests {
		if got := tagCase(in); got != want {
			t.Errorf("tagCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFindTags_tagsLine(t *testing.T) {
	lines := splitLines("Title here\n\nTags: Economy, EU; Ports\n\nTopics:\nStrikes\nLe Havre\n\nA paragraph that ends the list of tags, with enough words.")
	classify(lines, nil)
	got := findTags(lines, 0)
	if want := []string{"Economy", "EU", "Ports", "Strikes", "Le Havre"}; !reflect.DeepEqual(got, want) {
		t.Errorf("findTags = %q, want %q", got, want)
	}
}

func TestMarkCaptions(t *testing.T) {
	tests := []struct {
		name, text      string
		caption, credit string
	}{
		{"twice with credit", "A file photo of a jet\nA file photo of a jet Reuters\n", "A file photo of a jet", "Reuters"},
		{"twice with bracketed credit", "Police stand guard in Paris\nPolice stand guard in Paris (AFP/Getty)\n", "Police stand guard in Paris", "AFP/Getty"},
		{"labels", "Image copyright Getty Images\nImage caption Protesters gathered outside the court\n", "Protesters gathered outside the court", "Getty Images"},
		{"credit in brackets", "Titan in false colour, 2004. (NASA/JPL/Space Science Institute)\n", "Titan in false colour, 2004.", "NASA/JPL/Space Science Institute"},
		{"none", "Just a line of text with words\nAnother line entirely\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := splitLines(tt.text + strings.Repeat("\nfiller line\n", 4))
			classify(lines, nil)
			c, cr := markCaptions(lines)
			if c != tt.caption || cr != tt.credit {
				t.Errorf("markCaptions = %q, %q; want %q, %q", c, cr, tt.caption, tt.credit)
			}
		})
	}
}

func TestClassify_promos(t *testing.T) {
	tests := []struct {
		line string
		want class
	}{
		{"Daily newsletterReceive essential international news every morning", furniture},
		{"Keep up to date with international news by downloading the RFI app", furniture},
		{"Share :", furniture},
		{"Advertisement", furniture},
		{"34 Comments", furniture},
		{"Related stories", furniture},
		{"Michigan To Mail Redistricting Panel Applications To 250,000The state of Michigan will mail 250,000 applications", furniture},
		{"He said France's air strikes were complicated by the fact that the group uses human shields.", prose},
		{"What is he supposed to say now?", sentence},
		{"France launches more air strikes on IS targets in Syria", short},
		{"Sony's PlayStation sales rose sharply in the quarter, the company said on Tuesday.", prose},
	}
	for _, tt := range tests {
		lines := splitLines(tt.line)
		classify(lines, nil)
		if got := lines[0].class; got != tt.want {
			t.Errorf("classify(%q) = %s (%s), want %s", tt.line, got, lines[0].why, tt.want)
		}
	}
}

func TestClassify_model(t *testing.T) {
	m := NewModel()
	page := func(body string) string {
		return "Sign in\nWorld News Network\n" + body + "\nAbout World News Network and its many fine services to readers everywhere."
	}
	m.Learn((page("First article paragraph with plenty of words in it to count as prose here, and then some more words.")))
	m.Learn((page("Second article paragraph, entirely different words, also long enough to count as prose in the end.")))
	lines := splitLines(page("Second article paragraph, entirely different words, also long enough to count as prose in the end."))
	classify(lines, m)
	if lines[1].class != furniture || lines[3].class != furniture {
		t.Errorf("lines on both pages should be furniture: %s %s", lines[1].class, lines[3].class)
	}
	if lines[2].class != prose {
		t.Errorf("the article's own paragraph is %s (%s)", lines[2].class, lines[2].why)
	}
}

func TestFirstSentence(t *testing.T) {
	if got := firstSentence([]byte("The port closed. Then more.\n\nNext.")); got != "The port closed." {
		t.Errorf("got %q", got)
	}
}

func TestEscape(t *testing.T) {
	tests := map[string]string{
		"# not a heading":    `\# not a heading`,
		"1. not a list":      `1\. not a list`,
		"- not a list":       `\- not a list`,
		"a *b* [c](d) <e>":   `a \*b\* \[c\](d) \<e>`,
		"snake_case stays":   "snake_case stays",
		"_emphasis_ escaped": `\_emphasis\_ escaped`,
	}
	for in, want := range tests {
		if got := escapeBlock(in); got != want {
			t.Errorf("escapeBlock(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestKeyHashes checks that the streaming hash the model learns from is
// the hash of the key of the folded line that classify looks up.
func TestKeyHashes(t *testing.T) {
	text := "  Hello\tWORLD  2019 \n\nÇa  va\u00a0BIEN 12 34\r\n日本 ２０１９\n"
	var got []uint64
	keyHashes(text, func(h uint64) { got = append(got, h) })
	var want []uint64
	for _, l := range splitLines(text) {
		if l.text != "" {
			want = append(want, lineHash(key(l.text)))
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("keyHashes = %x, want %x", got, want)
	}
}
