package importer

import (
	"fmt"
	"regexp"
	"unicode"
	"unicode/utf8"
)

// rePromo finds the words of page controls and promotions: sharing,
// subscribing, advertising, cookies, app stores. They mark a short line as
// furniture whatever the site.
var rePromo = regexp.MustCompile(`(?i)(\b(advertis\w*|sponsored|newsletters?|subscribe\w*|subscription|sign[ -]?up|sign[ -]?in|log[ -]?in|register|cookies?|privacy|terms (of|and|&) \w+|all rights reserved|copyright|follow us|download\w*|app store|google play|skip to|back to top|click here|read more|share|shares on|tweet|whatsapp|facebook|twitter|linkedin|pinterest|instagram|comments?|related|recommended|most (read|popular|viewed)|trending|print|e-?mail|loading|menu|search)\b|©)`)

// reRunOn finds words run together where a page put two elements side by
// side with no space: "newsletterReceive".
var reRunOn = regexp.MustCompile(`\p{Ll}{3,}\p{Lu}\p{Ll}{2,}`)

// reTeaser finds a headline run into the teaser text after it, as menus
// of story links print them: "… Ruth's Chris SteakhouseA party of six …".
var reTeaser = regexp.MustCompile(`(?:\p{Lu}[\p{L}'’]*\s+){2,}\p{Lu}?[\p{Ll}\d]*[\p{Ll}\d][?!.]?\p{Lu}\p{Ll}{0,}\s`)

// reComments finds the heading of a comment section, where an article
// ends: "34 Comments", "Leave a reply", "thelastfan says:".
var reComments = regexp.MustCompile(`(?i)^(\[?\s*\d+\s+(comments?|responses?|replies)\b.*|leave a (reply|comment)|add a comment|post a comment|join the (discussion|conversation)|\S+(\s\S+){0,3}\s(says|wrote|writes):)\s*\]?$`)

// reRelated finds the heading of a list of other stories.
var reRelated = regexp.MustCompile(`(?i)^(related( articles| stories| posts| content| coverage| news)?|more (stories|news|from|on|articles)\b.*|you (may|might) (also )?like|read (next|more)|recommended( for you| stories)?|most (read|popular|viewed|shared)|trending( now| stories)?|also read|see also|popular (stories|posts|now)|top stories|latest (news|stories|headlines))\s*:?$`)

// classify decides what each line seems to be on its own: prose, a short
// sentence, a short line, or furniture. The model says which lines other
// documents have too.
func classify(lines []*line, m *Model) {
	counts := map[string]int{}
	for _, l := range lines {
		if l.text != "" {
			counts[key(l.text)]++
		}
	}
	var seenWords, proseWords int
	for _, l := range lines {
		if l.text == "" {
			continue
		}
		l.repeat = counts[key(l.text)] - 1
		l.seen = m.Count(l.text) - 1
		classifyLine(l, true)
		if l.seen >= 1 && l.words >= 12 {
			seenWords += l.words
		}
		if l.class == prose {
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
	case !l.end && l.words <= 15 && reRunOn.MatchString(l.text):
		l.class, l.why = furniture, "run-on promotion"
	case reComments.MatchString(l.text) && l.words <= 8:
		l.class, l.why = furniture, "comments"
	case reRelated.MatchString(l.text):
		l.class, l.why = furniture, "list of other stories"
	case l.words >= 8 && reTeaser.MatchString(l.text+" "):
		l.class, l.why = furniture, "story link with its teaser"
	case (!l.end || l.words <= 6) && l.words <= 15 && rePromo.MatchString(l.text):
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
