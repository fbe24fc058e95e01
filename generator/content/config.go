package content

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Config is a site's gazette.yaml. Every key has a default (see
// DefaultConfig); an unknown key is an error.
type Config struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	// BaseURL is the absolute URL the site is served from, ending in "/".
	BaseURL  string `yaml:"base_url"`
	Language string `yaml:"language"`
	// PageSize is how many articles a list page shows.
	PageSize int `yaml:"page_size"`
	// FeedSize is how many of the newest articles a feed carries.
	FeedSize int `yaml:"feed_size"`
	// FeedFullContent puts whole articles in feeds, not only summaries.
	FeedFullContent bool `yaml:"feed_full_content"`
	// Feeds are the feed formats written, of FeedFormats; none for no
	// feeds.
	Feeds []string `yaml:"feeds"`
	// Related is how many related articles an article page lists.
	Related int `yaml:"related"`
	// Search builds the full-text search index and page. On by default.
	Search bool `yaml:"search"`
	// UnsafeHTML passes raw HTML in Markdown through to pages. Off by
	// default: articles come from the web and are not trusted.
	UnsafeHTML bool `yaml:"unsafe_html"`
}

// DefaultConfig returns the configuration of a site without gazette.yaml.
func DefaultConfig() Config {
	return Config{
		Title:           "News archive",
		BaseURL:         "http://localhost:1313/",
		Language:        "en",
		PageSize:        20,
		FeedSize:        20,
		FeedFullContent: true,
		Feeds:           slices.Clone(FeedFormats),
		Related:         5,
		Search:          true,
	}
}

// configKeys lists the keys of gazette.yaml, from Config's tags.
var configKeys = []string{"title", "description", "base_url", "language", "page_size",
	"feed_size", "feed_full_content", "feeds", "related", "search", "unsafe_html"}

// FeedFormats are the feed formats gazette writes, as gazette.yaml's
// feeds names them (see package feed).
var FeedFormats = []string{"rss", "atom", "json"}

// LoadConfig reads the gazette.yaml at path over the defaults. A missing
// file gives the defaults.
func LoadConfig(path string) (Config, error) {
	c := DefaultConfig()
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return c, yamlError(path, 0, 0, err)
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return c, errorf(path, m.Line, "config: must be a mapping of key: value")
	}
	var errs ErrorList
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if !slices.Contains(configKeys, k.Value) {
			errs.Add(errorf(path, k.Line, "config: unknown key %q (known keys: %s)", k.Value, strings.Join(slices.Sorted(slices.Values(configKeys)), ", ")))
		}
	}
	if len(errs) > 0 {
		return c, errs
	}
	if err := m.Decode(&c); err != nil {
		return c, yamlError(path, 0, 0, err)
	}
	return c, c.check(path)
}

// SetBaseURL sets the base URL, checked and given a final "/".
func (c *Config) SetBaseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("base URL %q must be an absolute http or https URL, such as https://archive.example.org/", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	c.BaseURL = u.String()
	return nil
}

// check validates the values of c.
func (c *Config) check(path string) error {
	var errs ErrorList
	if err := c.SetBaseURL(c.BaseURL); err != nil {
		errs.Add(&Error{Path: path, Err: fmt.Errorf("config: base_url: %w", err)})
	}
	for _, v := range []struct {
		key string
		n   int
	}{{"page_size", c.PageSize}, {"feed_size", c.FeedSize}} {
		if v.n < 1 {
			errs.Add(errorf(path, 0, "config: %s must be at least 1, not %d", v.key, v.n))
		}
	}
	for i, f := range c.Feeds {
		switch {
		case !slices.Contains(FeedFormats, f):
			errs.Add(errorf(path, 0, "config: feeds: unknown format %q (known formats: %s)", f, strings.Join(FeedFormats, ", ")))
		case slices.Contains(c.Feeds[:i], f):
			errs.Add(errorf(path, 0, "config: feeds: %q is listed twice", f))
		}
	}
	if c.Related < 0 {
		errs.Add(errorf(path, 0, "config: related must be 0 or more, not %d", c.Related))
	}
	return errs.Err()
}
