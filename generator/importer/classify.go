package importer

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// promoWords are the words of page controls and promotions: sharing,
// subscribing, advertising, cookies, app stores. They mark a short line as
// furniture whatever the site. promoPrefixes start such words; each of
// promoPhrases is looked for after its first word.
var (
	promoWords = set(`sponsored newsletter newsletters subscription sign-up signup sign-in signin login
		log-in register cookie cookies privacy copyright share tweet whatsapp facebook twitter linkedin
		pinterest instagram comment comments related recommended trending print email e-mail loading menu search`)
	promoPrefixes = []string{"advertis", "subscribe", "download"}
	promoPhrases  = map[string][]string{
		"sign": {"sign up", "sign in"}, "log": {"log in"}, "terms": {"terms of", "terms and", "terms &"},
		"all": {"all rights reserved"}, "follow": {"follow us"}, "app": {"app store"}, "google": {"google play"},
		"skip": {"skip to"}, "back": {"back to top"}, "click": {"click here"}, "read": {"read more"},
		"shares": {"shares on"}, "most": {"most read", "most popular", "most viewed"},
	}
)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// isPromo reports whether low, a line in lower case, has a word or phrase
// of promotions.
func isPromo(low string) bool {
	if strings.Contains(low, "©") {
		return true
	}
	rest := low
	for rest != "" {
		i := strings.IndexFunc(rest, isWordRune)
		if i < 0 {
			return false
		}
		rest = rest[i:]
		j := strings.IndexFunc(rest, func(r rune) bool { return !isWordRune(r) && r != '-' })
		if j < 0 {
			j = len(rest)
		}
		w := rest[:j]
		if promoWords[w] {
			return true
		}
		for _, p := range promoPrefixes {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
		for _, p := range promoPhrases[w] {
			if strings.HasPrefix(rest, p) && (len(rest) == len(p) || !isWordRune(rune(rest[len(p)]))) {
				return true
			}
		}
		rest = rest[j:]
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// runOn reports whether s has words run together where a page put two
// elements side by side with no space: three lower-case letters, then an
// upper-case letter and two lower-case ones ("newsletterReceive").
func runOn(s string) bool {
	lower := 0
	for i, r := range s {
		switch {
		case unicode.IsLower(r):
			lower++
		case unicode.IsUpper(r) && lower >= 3 && lowerTwo(s[i+utf8.RuneLen(r):]):
			return true
		default:
			lower = 0
		}
	}
	return false
}

// lowerTwo reports whether s starts with two lower-case letters.
func lowerTwo(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsLower(r) {
			return false
		}
		if n++; n == 2 {
			return true
		}
	}
	return false
}

// teaser reports whether s is a headline run into the teaser text after
// it, as menus of story links print them: "… Ruth's Chris SteakhouseA
// party of six …": a word with a capital run into it, after two
// capitalised words and before five more words.
func teaser(s string) bool {
	var w [3]string // the word before last, the last word, this word
	after := -1     // words seen after a join
	for rest := s; rest != ""; {
		word := rest
		if i := strings.IndexByte(rest, ' '); i >= 0 {
			word, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if after >= 0 {
			if after++; after == 5 {
				return true
			}
			continue
		}
		w[0], w[1], w[2] = w[1], w[2], word
		if w[0] != "" && joined(word) && unicode.IsUpper(firstRune(w[0])) && unicode.IsUpper(firstRune(w[1])) {
			after = 0
		}
	}
	return false
}

// joined reports whether word ends in a capital run into it: a lower-case
// letter or digit, perhaps a full stop, question or exclamation mark, then
// an upper-case letter and only lower-case letters to the end.
func joined(word string) bool {
	rs := []rune(word)
	for i := len(rs) - 1; i > 0; i-- {
		r := rs[i]
		if unicode.IsLower(r) {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		p := rs[i-1]
		if (p == '.' || p == '?' || p == '!') && i > 1 {
			p = rs[i-2]
		}
		return isLowerOrDigit(p)
	}
	return false
}

func isLowerOrDigit(r rune) bool { return unicode.IsLower(r) || unicode.IsDigit(r) }

// reComments finds the heading of a comment section, where an article
// ends: "34 Comments", "Leave a reply", "thelastfan says:".
var reComments = regexp.MustCompile(`(?i)^(\[?\s*\d+\s+(comments?|responses?|replies)\b.*|leave a (reply|comment)|add a comment|post a comment|join the (discussion|conversation)|\S+(\s\S+){0,3}\s(says|wrote|writes):)\s*\]?$`)

// reRelated finds the heading of a list of other stories.
var reRelated = regexp.MustCompile(`(?i)^(related( articles| stories| posts| content| coverage| news)?|more (stories|news|from|on|articles)\b.*|you (may|might) (also )?like|read (next|more)|recommended( for you| stories)?|most (read|popular|viewed|shared)|trending( now| stories)?|also read|see also|popular (stories|posts|now)|top stories|latest (news|stories|headlines))\s*:?$`)

// maybeComments and maybeRelated are quick tests that let most lines skip
// reComments and reRelated.
func maybeComments(low string) bool {
	return strings.ContainsAny(low, ":0") || strings.Contains(low, "comment") || strings.Contains(low, "repl") ||
		strings.Contains(low, "discussion") || strings.Contains(low, "conversation")
}

func maybeRelated(low string) bool {
	for _, w := range []string{"related", "more", "like", "read", "recommend", "most", "trending", "also", "popular", "top", "latest"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// classify decides what each line seems to be on its own: prose, a short
// sentence, a short line, or furniture. The model says which lines other
// documents have too.
func classify(lines []*line, m *Model) {
	counts := map[uint64]int{}
	for _, l := range lines {
		if l.text != "" {
			counts[l.hash]++
		}
	}
	var seenWords, proseWords int
	for _, l := range lines {
		if l.text == "" {
			continue
		}
		l.repeat = counts[l.hash] - 1
		l.seen = m.countHash(l.hash) - 1
		classifyLine(l, true)
		if l.seen >= 1 && l.words >= 12 {
			seenWords += l.words
		}
		if l.class == prose || l.class == sentence {
			proseWords += l.words
		}
	}
	// When most of a page's prose is on other pages too, the page is the
	// same article as one of them, not a page of furniture: judge its
	// paragraphs on their own, and leave it to duplicate detection.
	if seenWords > 2*proseWords {
		for _, l := range lines {
			if l.text != "" && l.seen >= 1 && l.words >= 12 {
				classifyLine(l, false)
			}
		}
	}
}

// classifyLine classifies one line; useModel says whether lines seen on
// other pages count as furniture.
func classifyLine(l *line, useModel bool) {
	l.why = ""
	switch {
	case l.repeat > 0 && l.words < 12:
		l.class, l.why = furniture, "repeated on the page"
	case useModel && l.seen >= 1:
		l.class, l.why = furniture, fmt.Sprintf("on %d other page(s)", l.seen)
	case !l.end && l.words <= 15 && runOn(l.text):
		l.class, l.why = furniture, "run-on promotion"
	case l.words <= 8 && maybeComments(l.low) && reComments.MatchString(l.text):
		l.class, l.why = furniture, "comments"
	case l.words <= 6 && maybeRelated(l.low) && reRelated.MatchString(l.text):
		l.class, l.why = furniture, "list of other stories"
	case l.words >= 12 && teaser(l.text):
		l.class, l.why = furniture, "story link with its teaser"
	case (!l.end || l.words <= 6) && l.words <= 15 && isPromo(l.low):
		l.class, l.why = furniture, "page control or promotion"
	case l.words == 0:
		l.class, l.why = furniture, "no words"
	case l.words >= 50 && l.stops*50 < l.words:
		// Hundreds of words and hardly a full stop: a ticker of headlines
		// or a list of links, not prose.
		l.class, l.why = short, "long line without sentences"
	case l.words >= 12 && (l.end || l.words >= 25):
		l.class = prose
	case l.end && l.words >= 4 && startsUpper(l.text):
		l.class = sentence
	default:
		l.class = short
	}
}

// startsUpper reports whether s begins, after quotes and brackets, with an
// upper-case letter, a digit, or a letter of a script without case.
func startsUpper(s string) bool {
	for _, r := range s {
		switch {
		case unicode.IsUpper(r) || unicode.IsDigit(r):
			return true
		case unicode.IsLower(r):
			return false
		case unicode.IsLetter(r):
			return true // scripts without case
		}
	}
	return false
}

// weight is how much a line pulls the article's main run of prose towards
// it: prose a lot, short sentences a little; everything else pushes away.
func weight(l *line) float64 {
	if l.role == roleCaption || l.role == roleCredit {
		return -2
	}
	switch l.class {
	case prose:
		return float64(l.words)
	case sentence:
		return float64(l.words) / 2
	case short:
		return -2
	case furniture:
		if l.why == "list of other stories" {
			return -25
		}
		return -4
	}
	return 0
}

// mainRun returns the first and last line of the run of lines whose total
// weight is largest: the article's body. ok is false when no line has any
// weight.
func mainRun(lines []*line) (lo, hi int, ok bool) {
	best, sum, start := 0.0, 0.0, 0
	for i, l := range lines {
		if sum <= 0 {
			sum, start = 0, i
		}
		sum += weight(l)
		if sum > best {
			best, lo, hi, ok = sum, start, i, true
		}
	}
	for ok && lines[lo].class == blank {
		lo++
	}
	// Comments end an article: cut the run at their heading once the
	// article has begun.
	words := 0
	for i := lo; ok && i <= hi; i++ {
		if lines[i].why == "comments" && words >= 100 {
			hi = i - 1
			for hi > lo && weight(lines[hi]) <= 0 {
				hi--
			}
			break
		}
		if lines[i].class == prose {
			words += lines[i].words
		}
	}
	return lo, hi, ok
}

// firstRune returns the first rune of s.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
