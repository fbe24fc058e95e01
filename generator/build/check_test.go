package build

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"gazette/generator/render"
)

// scriptable lists what in an HTML page could run script: script elements
// other than JSON-LD, on* attributes, and URLs with an unsafe scheme.
func scriptable(t *testing.T, page []byte) []string {
	t.Helper()
	var found []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return found
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		// The theme's own search script is the one script a page may load.
		theirs := tok.Data == "script" && strings.HasSuffix(attr(tok, "src"), "/search.js") && len(tok.Attr) == 2 && attr(tok, "defer") == ""
		if tok.Data == "script" && attr(tok, "type") != "application/ld+json" && !theirs {
			found = append(found, "a <script> element")
		}
		for _, a := range tok.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				found = append(found, fmt.Sprintf("<%s %s=%q>", tok.Data, a.Key, a.Val))
			}
			if (a.Key == "href" || a.Key == "src" || a.Key == "action") && !render.SafeURL(a.Val) {
				found = append(found, fmt.Sprintf("<%s %s=%q>", tok.Data, a.Key, a.Val))
			}
		}
	}
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
