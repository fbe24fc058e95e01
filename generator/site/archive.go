package site

import (
	"fmt"
	"sort"
	"time"
)

// buildArchive groups the dated articles by year and month of their date
// as written, newest first. Articles are in site order, so each group is
// too; dates with different UTC offsets can put a month's articles apart
// in that order, so groups are found by key, not by runs.
func (s *Site) buildArchive() {
	years := map[int]*Year{}
	months := map[[2]int]*Month{}
	for _, a := range s.Articles {
		if !a.Dated() {
			s.Undated = append(s.Undated, a)
			continue
		}
		d := a.Date
		y := years[d.Year()]
		if y == nil {
			y = &Year{Year: d.Year(), URL: fmt.Sprintf("archive/%04d/", d.Year())}
			years[d.Year()] = y
			s.Years = append(s.Years, y)
		}
		k := [2]int{d.Year(), int(d.Month())}
		m := months[k]
		if m == nil {
			m = &Month{Year: d.Year(), Month: d.Month(), URL: fmt.Sprintf("archive/%04d/%02d/", d.Year(), int(d.Month()))}
			months[k] = m
			y.Months = append(y.Months, m)
		}
		y.Articles = append(y.Articles, a)
		m.Articles = append(m.Articles, a)
	}
	sort.Slice(s.Years, func(i, j int) bool { return s.Years[i].Year > s.Years[j].Year })
	for _, y := range s.Years {
		sort.Slice(y.Months, func(i, j int) bool { return y.Months[i].Month > y.Months[j].Month })
	}
}

// relatedWindow bounds the search for related articles: within one tag,
// only the articles this many places either side in date order are
// candidates, so that a tag on every article does not make the build
// quadratic. Below 2×relatedWindow articles a tag is searched whole.
const relatedWindow = 100

// Related returns up to the configured number of related articles: those
// sharing the most tags, then the nearest in date, then in site order. It
// is worked out the first time it is asked for, so that a site is quick
// to load and a preview server only works out what it shows.
func (a *Article) Related() []*Article {
	a.relateOnce.Do(func() { a.related = a.relate(a.site.related) })
	return a.related
}

func (a *Article) relate(n int) []*Article {
	if n <= 0 || len(a.Tags) == 0 {
		return nil
	}
	// The windows are in site order, so a merge of them meets each
	// candidate once with the number of windows (shared tags) it is in:
	// no map, and each candidate's distance worked out once. They are
	// read from the tags' nearKeys, not the articles: a few contiguous
	// bytes per candidate instead of a cache miss.
	var windows [8][]nearKey
	ws := windows[:0]
	a.RelatedWindows(func(t *Tag, lo, hi int) { ws = append(ws, t.near[lo:hi]) })
	self := nearOf(a)
	type candidate struct {
		index  int32
		shared int32
		dist   time.Duration
	}
	better := func(x, y candidate) bool {
		if x.shared != y.shared {
			return x.shared > y.shared
		}
		if x.dist != y.dist {
			return x.dist < y.dist
		}
		return x.index < y.index
	}
	// Keep the best n by insertion: n is small.
	top := make([]candidate, 0, n+1)
	for {
		next := nearKey{index: -1}
		for _, w := range ws {
			if len(w) > 0 && (next.index < 0 || w[0].index < next.index) {
				next = w[0]
			}
		}
		if next.index < 0 {
			break
		}
		c := candidate{index: next.index}
		for k := range ws {
			if len(ws[k]) > 0 && ws[k][0].index == next.index {
				ws[k] = ws[k][1:]
				c.shared++
			}
		}
		if next.index == self.index {
			continue
		}
		c.dist = self.distance(next)
		i := len(top)
		for i > 0 && better(c, top[i-1]) {
			i--
		}
		if i < n {
			top = append(top, candidate{})
			copy(top[i+1:], top[i:])
			top[i] = c
			top = top[:min(len(top), n)]
		}
	}
	out := make([]*Article, len(top))
	for i, c := range top {
		out[i] = a.site.Articles[c.index]
	}
	return out
}

// nearKey is what Related compares of an article: its place in site
// order and its date.
type nearKey struct {
	index int32 // Article.Index
	nsec  int32 // the date's nanoseconds, or -1 when undated
	sec   int64 // the date's Unix seconds
}

func nearOf(a *Article) nearKey {
	if !a.Dated() {
		return nearKey{index: int32(a.Index), nsec: -1}
	}
	return nearKey{index: int32(a.Index), nsec: int32(a.Date.Nanosecond()), sec: a.Date.Unix()}
}

// distance is how far apart two articles were published; undated
// articles are farthest from everything.
func (x nearKey) distance(y nearKey) time.Duration {
	if x.nsec < 0 || y.nsec < 0 {
		return 1<<63 - 1
	}
	d := time.Unix(x.sec, int64(x.nsec)).Sub(time.Unix(y.sec, int64(y.nsec)))
	if d < 0 {
		d = -d
	}
	return d
}

// RelatedWindow calls f with each article Related chooses from, once for
// each tag it shares with a: those near a in its tags' lists. What
// Related returns depends on them alone (their tags, dates and order), so
// that an incremental build knows which pages a change can reach.
func (a *Article) RelatedWindow(f func(b *Article)) {
	a.RelatedWindows(func(t *Tag, lo, hi int) {
		for _, b := range t.Articles[lo:hi] {
			if b != a {
				f(b)
			}
		}
	})
}

// RelatedWindows calls f with each of a's tags and the part of its list,
// t.Articles[lo:hi], that RelatedWindow takes (a among them).
func (a *Article) RelatedWindows(f func(t *Tag, lo, hi int)) {
	for k, t := range a.Tags {
		i := a.tagPos[k]
		f(t, max(0, i-relatedWindow), min(len(t.Articles), i+relatedWindow+1))
	}
}
