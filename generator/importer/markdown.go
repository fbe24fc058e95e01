package importer

import (
	"strings"
)

// markdown writes the body lines as Markdown paragraphs, sub-headings and
// list items, escaped so that text never turns into markup by accident.
func markdown(lines []*line) string {
	var b strings.Builder
	prev := dropped
	for _, l := range lines {
		switch l.role {
		case roleBody:
			sep(&b)
			b.WriteString(escapeBlock(l.text))
		case roleHeading:
			sep(&b)
			b.WriteString("## " + escapeInline(l.text))
		case roleList:
			if prev != roleList {
				sep(&b)
			} else {
				b.WriteByte('\n')
			}
			b.WriteString("- " + escapeInline(strings.TrimSpace(l.text[strings.IndexByte(l.text, ' '):])))
		default:
			continue
		}
		prev = l.role
	}
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	return b.String()
}

func sep(b *strings.Builder) {
	if b.Len() > 0 {
		b.WriteString("\n\n")
	}
}

// escapeBlock escapes a paragraph: its inline markup characters, and a
// start that Markdown would read as a heading, quote, list or rule.
func escapeBlock(s string) string { return escapeStart(escapeInline(s)) }

// escapeStart escapes the start of a paragraph that Markdown would read
// as a heading, quote, list or rule; its inline text is escaped already.
func escapeStart(s string) string {
	switch {
	case strings.HasPrefix(s, "#"), strings.HasPrefix(s, ">"), strings.HasPrefix(s, "+ "),
		strings.HasPrefix(s, "- "), strings.HasPrefix(s, "="), strings.HasPrefix(s, "|"):
		return `\` + s
	}
	// "1. " or "1) " would start an ordered list.
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' ' {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// inlineEscaper escapes the characters that start inline Markdown. An
// underscore is escaped only where it could open or close emphasis.
var inlineEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, " _", ` \_`, "_ ", `\_ `, "~~", `\~\~`)

func escapeInline(s string) string {
	if strings.ContainsAny(s, "\\*`[]<_~") {
		s = inlineEscaper.Replace(s)
	}
	if strings.HasPrefix(s, "_") {
		s = `\` + s
	}
	if strings.HasSuffix(s, "_") && !strings.HasSuffix(s, `\_`) {
		s = s[:len(s)-1] + `\_`
	}
	return s
}
