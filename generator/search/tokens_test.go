package search

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func words(text string) []string {
	var out []string
	Tokens(text, func(w string) { out = append(out, w) })
	return out
}

// tokenCases are shared with the browser test, which holds search.js to
// the same answers.
var tokenCases = []struct {
	text string
	want []string
}{
	{"Raqqa", []string{"raqqa"}},
	{"RAQQA raqqa Raqqa's", []string{"raqqa", "raqqa", "raqqa"}},
	{"Côte d’Ivoire", []string{"cote", "divoire"}},
	{"cote COTE Côte CÔTE côté", []string{"cote", "cote", "cote", "cote", "cote"}},
	{"naïve café Zürich Ærø Łódź", []string{"naive", "cafe", "zurich", "ærø", "łodz"}},
	{"don't won’t O'Brien rock'n'roll", []string{"dont", "wont", "obrien", "rocknroll"}},
	{"'quoted' ‘curly’ it's", []string{"quot", "curli", "it"}},
	{"strikes strike striking struck", []string{"strike", "strike", "strike", "struck"}},
	{"caresses ponies ties cats agreed feed plastered motoring sing", []string{"caress", "poni", "ti", "cat", "agree", "feed", "plaster", "motor", "sing"}},
	{"hopping falling hissing fizzed failing filing conflated troubled sized", []string{"hop", "fall", "hiss", "fizz", "fail", "file", "conflate", "trouble", "size"}},
	{"happy sky is as us", []string{"happi", "sky", "is", "as", "us"}},
	{"U.S. 9/11 2015-11-13 10:33 3.5% £1,200", []string{"u", "s", "9", "11", "2015", "11", "13", "10", "33", "3", "5", "1", "200"}},
	{"e-mail well-known", []string{"e", "mail", "well", "known"}},
	{"Москва МОСКВА", []string{"москва", "москва"}},
	{"ΟΔΟΣ οδός", []string{"οδοσ", "οδοσ"}},
	{"القاهرة", []string{"القاهرة"}},
	{"東京タワー and 日本", []string{"東", "京", "タ", "ワ", "ー", "and", "日", "本"}},
	{"서울 특별시", []string{"서울", "특별시"}},
	{"İstanbul ISTANBUL", []string{"istanbul", "istanbul"}},
	{"straße STRASSE", []string{"straße", "strasse"}},
	{"<b>bold</b> **strong** [link](https://example.org/x)", []string{"b", "bold", "b", "strong", "link", "http", "example", "org", "x"}},
	{"x" + strings.Repeat("a", 40) + " ok", []string{"ok"}},
	{strings.Repeat("a", 40), []string{strings.Repeat("a", 40)}},
	{"", nil},
	{"  —  …  ", nil},
	{"'s", []string{"s"}},
}

func TestTokens(t *testing.T) {
	for _, c := range tokenCases {
		if got := words(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Tokens(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestStem checks step 1 of Porter's stemmer against the examples of his
// paper.
func TestStem(t *testing.T) {
	for in, want := range map[string]string{
		"caresses": "caress", "ponies": "poni", "ties": "ti", "caress": "caress", "cats": "cat",
		"feed": "feed", "agreed": "agree", "plastered": "plaster", "bled": "bled", "motoring": "motor", "sing": "sing",
		"conflated": "conflate", "troubled": "trouble", "sized": "size", "hopping": "hop", "tanned": "tan",
		"falling": "fall", "hissing": "hiss", "fizzed": "fizz", "failing": "fail", "filing": "file",
		"happy": "happi", "sky": "sky", "is": "is", "bed": "bed", "x": "x", "naïve": "naïve", "2015s": "2015s",
	} {
		if got := Stem(in); got != want {
			t.Errorf("Stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzTokens(f *testing.F) {
	for _, c := range tokenCases {
		f.Add(c.text)
	}
	f.Add("\xff\xfe bad \xc3 utf-8")
	f.Fuzz(func(t *testing.T, text string) {
		Tokens(text, func(w string) {
			if w == "" || !utf8.ValidString(w) || utf8.RuneCountInString(w) > MaxWord {
				t.Fatalf("Tokens(%q) gave %q", text, w)
			}
			for _, r := range w {
				if !wordRune(r) {
					t.Fatalf("Tokens(%q) gave %q, with %q", text, w, r)
				}
				if unicode.ToLower(r) != r {
					t.Fatalf("Tokens(%q) gave %q, not lowercase", text, w)
				}
			}
		})
	})
}
