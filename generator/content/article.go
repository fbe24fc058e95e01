// Package content reads and writes the files a site is made of: articles as
// Markdown with YAML front matter, the site's gazette.yaml and its tags.yaml.
package content

import (
	"time"
)

// Article is one article: its front matter fields and its Markdown body.
type Article struct {
	Title string
	// Date is the publication time; the zero Time means the article is
	// undated, which is allowed: a date is never invented.
	Date time.Time
	// DateOnly records that the front matter gave a day without a time.
	DateOnly   bool
	Tags       []string
	Caption    string // the lead photo's caption
	Credit     string // the lead photo's credit: agency or photographer
	Image      string // the lead image's URL or path
	Source     string // the article's URL when known, else the publication
	SourceFile string // the raw file it was imported from
	Author     string
	Summary    string
	Slug       string
	Draft      bool
	// Params holds the front matter keys gazette does not know, as decoded
	// by YAML, so that templates can reach them.
	Params map[string]any

	Body []byte // the Markdown after the front matter

	// Path is the file the article was read from, for messages.
	Path string
	// BodyLine is the line of Path on which Body starts.
	BodyLine int
	// Sum is a checksum of the whole file (CRC-64), set by ParseFile: what
	// a page made from the article depends on.
	Sum uint64

	stamp   stamp // of the file, when read by ParseFile
	dropped bool  // Body was let go of: see DropBody
}

// Dated reports whether the article has a publication date.
func (a *Article) Dated() bool { return !a.Date.IsZero() }
