package render

import (
	"bytes"
	"strings"
	"testing"
)

func TestSafeURL(t *testing.T) {
	tests := []struct {
		url  string
		safe bool
	}{
		{"https://example.org/", true},
		{"http://example.org/a?b#c", true},
		{"mailto:desk@example.org", true},
		{"/articles/x/", true},
		{"../x", true},
		{"#note", true},
		{"x:y/z", false},
		{"javascript:alert(1)", false},
		{"JaVaScRiPt:alert(1)", false},
		{" javascript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"java\nscript:alert(1)", false},
		{"java\x00script:alert(1)", false},
		{"java%09script:alert(1)", false},
		{"javascript%3Aalert(1)", false},
		{"vbscript:msgbox", false},
		{"VBScript:msgbox", false},
		{"data:text/html;base64,PHNjcmlwdD4=", false},
		{"data:image/png;base64,AAAA", false},
		{"file:///etc/passwd", false},
	}
	for _, tt := range tests {
		if got := SafeURL(tt.url); got != tt.safe {
			t.Errorf("SafeURL(%q) = %v, want %v", tt.url, got, tt.safe)
		}
	}
}

func convert(t *testing.T, md *Markdown, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestMarkdown_Convert(t *testing.T) {
	md := NewMarkdown(false, "/")
	tests := []struct{ name, in, want string }{
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", "<table>"},
		{"strikethrough", "~~old~~", "<del>old</del>"},
		{"autolink", "see https://example.org now", `<a href="https://example.org">https://example.org</a>`},
		{"footnote", "x[^1]\n\n[^1]: note\n", `class="footnotes"`},
		{"heading id", "## What they want\n", `<h2 id="what-they-want">`},
		{"raw html omitted", "<script>alert(1)</script>\n\n<b>x</b>", "<!-- raw HTML omitted -->"},
		{"bad link keeps text", "[click](JaVaScRiPt:alert(1))", "<p>click</p>"},
		{"entity link", "[x](&#106;avascript:alert(1))", "<p>x</p>"},
		{"escaped link", "[x](java&#x09;script:alert(1))", "<p>x</p>"},
		{"bad image dropped", "a ![i](javascript:alert(1)) b", "<p>a  b</p>"},
		{"data image dropped", "![i](data:image/svg+xml;base64,AAAA)", "<p></p>"},
		{"good link", "[x](https://example.org/)", `<a href="https://example.org/">x</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := convert(t, md, tt.in); !strings.Contains(got, tt.want) {
				t.Errorf("Convert(%q) = %q, want it to contain %q", tt.in, got, tt.want)
			}
		})
	}
	if got := convert(t, NewMarkdown(true, "/"), "<b>x</b>"); !strings.Contains(got, "<b>x</b>") {
		t.Errorf("unsafe_html: %q", got)
	}
}

func TestMarkdown_Summary(t *testing.T) {
	md := NewMarkdown(false, "/")
	tests := []struct{ in, want string }{
		{"First *para*\ngoes on.\n\nSecond.", "First para goes on."},
		{"# Heading\n\n![img](x.png)\n\n[Link](https://x) and `code`.", "Link and code."},
		{"> quoted lede\n\nnext", "quoted lede"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := md.Summary([]byte(tt.in)); got != tt.want {
			t.Errorf("Summary(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		n       int
		in, out string
	}{
		{10, "short", "short"},
		{10, "one two three four", "one two…"},
		{4, "Łódź Łódź", "Łó…"},
	}
	for _, tt := range tests {
		if got := Truncate(tt.n, tt.in); got != tt.out {
			t.Errorf("Truncate(%d, %q) = %q, want %q", tt.n, tt.in, got, tt.out)
		}
	}
}

func TestMarkdown_basePath(t *testing.T) {
	md := NewMarkdown(false, "/archive/")
	got := convert(t, md, "[tag](/tags/a/) ![x](/images/x.png) [far](//cdn.example.org/x) [rel](../b/) [abs](https://example.org/)")
	for _, want := range []string{`href="/archive/tags/a/"`, `src="/archive/images/x.png"`, `href="//cdn.example.org/x"`, `href="../b/"`, `href="https://example.org/"`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in %s", want, got)
		}
	}
}

// TestSummary_prefix checks that the summary, worked out from the start
// of a long body, is the one the whole body gives.
func TestSummary_prefix(t *testing.T) {
	md := NewMarkdown(false, "/")
	long := strings.Repeat("Words of a long first paragraph, ", 60) // over 1,500 bytes
	rest := strings.Repeat("\n\nA later paragraph of the body, which the summary does not need.", 40)
	for name, src := range map[string]string{
		"short lede":      "The lede.\n" + rest,
		"long lede":       long + rest,
		"heading first":   "# Heading\n\n" + long + rest,
		"reference link":  "See [the report][r] for more." + rest + "\n\n[r]: https://example.org/r\n",
		"footnote":        "A claim.[^1]" + rest + "\n\n[^1]: The source.\n",
		"fence past cut":  "```\n" + long + "\n\n" + long + "\n```\n\nAfter the code." + rest,
		"html past cut":   "<!--\n" + long + "\n\n" + long + "\n-->\n\nAfter the comment." + rest,
		"list then text":  "- " + long + "\n\n  more of the item\n" + rest,
		"quote":           "> " + long + "\n>\n> more" + rest,
		"no blank line":   long + long + long,
		"blank with tabs": long + "\n \t\nNext." + rest,
	} {
		whole, _ := md.firstParagraph([]byte(src))
		if got := md.Summary([]byte(src)); got != whole {
			t.Errorf("%s: summary %.60q…, the whole body gives %.60q…", name, got, whole)
		}
	}
}
