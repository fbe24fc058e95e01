// Package sample makes deterministic article files shaped like a news
// archive's, for the benchmarks of the build's hot paths: front matter
// with a title, a date, tags, a caption, a credit and a source, then
// about 800 words of Markdown in paragraphs, with quotes, a link and
// emphasis now and then.
package sample

import (
	"fmt"
	"math/rand"
	"strings"
	"time"
)

var words = strings.Fields(`the of and to in a said is that for on was with he it as at by from
his an have has but are be they not who this were their had been after which more one year
government police minister people officials state city president week two told would over
during when against security court talks union workers strike port deal report election
vote party leaders country forces military attack border refugees economy market prices
bank growth inflation company shares trade talks summit agreement ceasefire protest crowd
capital region village hospital school children families water power fire storm flood`)

// Tags are the tags sample articles draw from, with non-ASCII ones among
// them.
var Tags = []string{"Syria", "France", "Economy", "Weather", "Élections", "Port strike", "Islamic State",
	"Energy", "Health", "Courts", "Sport", "Türkiye", "Refugees", "Trade", "Climate", "Media"}

// Article returns article number i: the same bytes for the same i.
func Article(i int) []byte {
	r := rand.New(rand.NewSource(int64(i) + 1))
	sentence := func(n int) string {
		w := make([]string, n)
		for j := range w {
			w[j] = words[r.Intn(len(words))]
		}
		s := strings.Join(w, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	var b strings.Builder
	date := time.Date(2005, 1, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(r.Int63n(int64(20 * 365 * 24 * time.Hour))))
	fmt.Fprintf(&b, "---\ntitle: %q\ndate: %s\ntags: [", strings.TrimSuffix(sentence(8), "."), date.Format(time.RFC3339))
	for j := range 1 + r.Intn(4) {
		if j > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", Tags[r.Intn(len(Tags))])
	}
	fmt.Fprintf(&b, "]\ncaption: %q\ncredit: \"Photo: Agency\"\nsource: \"https://news.example/%d\"\n---\n\n", sentence(12), i)
	for p := 0; p < 14; p++ {
		switch p % 5 {
		case 1:
			fmt.Fprintf(&b, "“%s” said a spokesman. %s\n\n", sentence(14), sentence(20))
		case 3:
			fmt.Fprintf(&b, "%s The [report](https://news.example/report/%d) was *published* on Monday. %s\n\n", sentence(18), p, sentence(16))
		default:
			fmt.Fprintf(&b, "%s %s %s\n\n", sentence(20), sentence(16), sentence(22))
		}
	}
	return []byte(b.String())
}
