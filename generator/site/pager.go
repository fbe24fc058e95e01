package site

import "strconv"

// Pager is one page of a paginated list.
type Pager struct {
	Number   int // from 1
	Total    int // the number of pages, at least 1
	Articles []*Article
	URL      string // this page: the list's base URL for page 1, else base + "page/N/"
	Prev     string // the newer page's URL, or ""
	Next     string // the older page's URL, or ""
	// Pages are the URLs of all pages, for numbered links.
	Pages []string
}

// Paginate splits list into pages of size articles below the base URL. An
// empty list still has one, empty, page.
func Paginate(list []*Article, size int, base string) []*Pager {
	total := max(1, (len(list)+size-1)/size)
	urls := make([]string, total)
	for i := range urls {
		urls[i] = PageURL(base, i+1)
	}
	pages := make([]*Pager, total)
	for i := range pages {
		p := &Pager{Number: i + 1, Total: total, URL: urls[i], Pages: urls}
		p.Articles = list[min(i*size, len(list)):min((i+1)*size, len(list))]
		if i > 0 {
			p.Prev = urls[i-1]
		}
		if i+1 < total {
			p.Next = urls[i+1]
		}
		pages[i] = p
	}
	return pages
}

// PageURL is the URL of page n of the list at base.
func PageURL(base string, n int) string {
	if n == 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}
