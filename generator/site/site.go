// Package site loads every article of a site into one validated, sorted
// model: articles with their URLs, tags folded across spellings, date
// archives, related articles and redirects. Rendering starts only from a
// complete Site.
package site

import (
	"sync"
	"time"

	"gazette/generator/content"
)

// Site is everything a build renders.
type Site struct {
	Config content.Config
	// Articles are newest first; undated ones come last; ties break on
	// title, then slug.
	Articles []*Article
	// Tags are sorted by name, case-insensitively, then by slug.
	Tags []*Tag
	// Years are the date archive, newest first.
	Years []*Year
	// Undated are the articles without a date, in site order.
	Undated []*Article
	// Redirects are old tag URLs that now lead elsewhere.
	Redirects []Redirect
	// Warnings are advice that does not stop the build.
	Warnings []string

	related int // how many related articles an article lists
}

// Article is a content.Article placed in the site.
type Article struct {
	*content.Article
	Slug string
	// URL is the article's path below the site root, as "articles/slug/".
	URL  string
	Tags []*Tag
	// Summary is the front matter summary, else the first paragraph.
	Summary string
	// Index is the article's position in Site.Articles.
	Index int
	// Newer and Older are its neighbours in Site.Articles.
	Newer, Older *Article

	site       *Site
	tagPos     []int // the article's place in each of Tags' Articles
	relateOnce sync.Once
	related    []*Article
}

// Tag is one tag, gathering every spelling that folds to it.
type Tag struct {
	Name string // the display name
	Slug string
	URL  string // "tags/slug/"
	// Articles are in site order.
	Articles []*Article
	// Spellings counts each spelling seen in front matter.
	Spellings map[string]int
	// near is what Related needs of each of Articles, in step with it.
	near  []nearKey
	key   string
	entry *content.TagEntry
}

// Year is one year of the date archive.
type Year struct {
	Year     int
	URL      string // "archive/2015/"
	Months   []*Month
	Articles []*Article
}

// Month is one month of the date archive.
type Month struct {
	Year     int
	Month    time.Month
	URL      string // "archive/2015/11/"
	Articles []*Article
}

// Redirect sends an old URL to a new one.
type Redirect struct {
	From, To string // paths below the site root
}
