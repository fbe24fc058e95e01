package importer

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// months maps month names and abbreviations in several languages to their
// number. Names are matched lower case, with a trailing "." removed.
var months = map[string]time.Month{}

func init() {
	names := [][]string{
		// English, French, German, Spanish, Portuguese, Italian, Dutch, Indonesian
		{"january", "jan", "janvier", "janv", "januar", "jän", "enero", "ene", "janeiro", "gennaio", "gen", "januari"},
		{"february", "feb", "février", "fevrier", "févr", "fevr", "februar", "febrero", "fevereiro", "fev", "febbraio", "februari", "pebruari"},
		{"march", "mar", "mars", "märz", "marz", "marzo", "março", "marco", "maart", "maret"},
		{"april", "apr", "avril", "avr", "abril", "abr", "aprile"},
		{"may", "mai", "mayo", "maio", "maggio", "mag", "mei"},
		{"june", "jun", "juin", "juni", "junio", "junho", "giugno", "giu"},
		{"july", "jul", "juillet", "juil", "juli", "julio", "julho", "luglio", "lug"},
		{"august", "aug", "août", "aout", "agosto", "ago", "augustus", "agustus", "agu"},
		{"september", "sep", "sept", "septembre", "septiembre", "setembro", "set", "settembre"},
		{"october", "oct", "octobre", "oktober", "okt", "octubre", "outubro", "out", "ottobre", "ott"},
		{"november", "nov", "novembre", "noviembre", "novembro", "nopember"},
		{"december", "dec", "décembre", "decembre", "déc", "dezember", "dez", "diciembre", "dic", "dezembro", "dicembre", "desember", "des"},
		// Russian, genitive (as in dates) and nominative
		{"января", "январь", "янв"}, {"февраля", "февраль", "фев"}, {"марта", "март", "мар"},
		{"апреля", "апрель", "апр"}, {"мая", "май"}, {"июня", "июнь", "июн"}, {"июля", "июль", "июл"},
		{"августа", "август", "авг"}, {"сентября", "сентябрь", "сен"}, {"октября", "октябрь", "окт"},
		{"ноября", "ноябрь", "ноя"}, {"декабря", "декабрь", "дек"},
	}
	for i, list := range names {
		for _, n := range list {
			months[n] = time.Month(i%12 + 1)
		}
	}
}

const monthRE = `([A-Za-zÀ-ÿа-яА-ЯёЁ]{3,10})\.?`

// yearEnd ends a year: a word boundary, or a capital or a time run into it
// by a page that printed two elements with no space ("2019Get short
// URL", "NOV 20 20194:29 AM").
const yearEnd = `(?:\b|\p{Lu}|\d{1,2}:\d\d)`

var (
	reISO      = regexp.MustCompile(`\b((?:19|20)\d\d)-(\d\d)-(\d\d)(?:T|\b)`)
	reYMDDot   = regexp.MustCompile(`\b((?:19|20)\d\d)[./](\d{1,2})[./](\d{1,2})\b`)
	reDMY      = regexp.MustCompile(`\b(\d{1,2})([./-])(\d{1,2})([./-])((?:19|20)\d\d)` + yearEnd)
	reMonthDY  = regexp.MustCompile(`(?i)\b` + monthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)` + yearEnd)
	reDMonthY  = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th|er|\.|º)?\s+(?:de\s+)?` + monthRE + `,?\s+(?:de\s+)?((?:19|20)\d\d)` + yearEnd)
	reCJK      = regexp.MustCompile(`((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]`)
	reDateWord = regexp.MustCompile(`(?i)\b(published|posted|created|first published|date|updated|modified|last updated|publié|mis à jour|veröffentlicht|aktualisiert|publicado|atualizado|pubblicato|aggiornato|diterbitkan|опубликовано|обновлено)\b`)
	reUpdated  = regexp.MustCompile(`(?i)\b(updated|modified|mis à jour|aktualisiert|atualizado|actualizado|aggiornato|обновлено)\b`)
)

// findDate returns the first calendar date written in s, if any. A
// numeric date is read day first unless that is impossible; a date such
// as 03/04/2015, which could be either, is not taken: a date is never
// guessed.
func findDate(s string) (time.Time, bool) {
	if !hasYear(s) {
		return time.Time{}, false // every form has a year: skip the expressions
	}
	type hit struct {
		at int
		t  time.Time
	}
	var best *hit
	try := func(at int, y, m, d int) {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if m < 1 || m > 12 || d < 1 || t.Day() != d || y < 1900 || y > 2100 {
			return
		}
		if best == nil || at < best.at {
			best = &hit{at, t}
		}
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	numeric := strings.ContainsAny(s, "-./")
	for _, m := range findAll(reISO, s, numeric) {
		try(m[0], atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]))
	}
	for _, m := range findAll(reYMDDot, s, numeric) {
		try(m[0], atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]))
	}
	for _, m := range findAll(reCJK, s, strings.ContainsAny(s, "年년")) {
		try(m[0], atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]))
	}
	for _, m := range findAll(reDMY, s, numeric) {
		a, b, y := atoi(s[m[2]:m[3]]), atoi(s[m[6]:m[7]]), atoi(s[m[10]:m[11]])
		if s[m[4]:m[5]] != s[m[8]:m[9]] {
			continue
		}
		switch {
		case a > 12 && b <= 12:
			try(m[0], y, b, a)
		case b > 12 && a <= 12:
			try(m[0], y, a, b)
		case a == b:
			try(m[0], y, a, a)
		case s[m[4]:m[5]] == ".":
			try(m[0], y, b, a) // 13.11.2015: dotted dates are day first everywhere
		}
	}
	named := hasMonthName(s)
	for _, m := range findAll(reMonthDY, s, named) {
		if mon, ok := months[strings.ToLower(s[m[2]:m[3]])]; ok {
			try(m[0], atoi(s[m[6]:m[7]]), int(mon), atoi(s[m[4]:m[5]]))
		}
	}
	for _, m := range findAll(reDMonthY, s, named) {
		if mon, ok := months[strings.ToLower(s[m[4]:m[5]])]; ok {
			try(m[0], atoi(s[m[6]:m[7]]), int(mon), atoi(s[m[2]:m[3]]))
		}
	}
	if best == nil {
		return time.Time{}, false
	}
	return best.t, true
}

// hasYear reports whether s has four digits that could be a year from 1900
// to 2099.
func hasYear(s string) bool {
	for i := 0; i+3 < len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// findAll runs re on s when a quick test says it may match.
func findAll(re *regexp.Regexp, s string, may bool) [][]int {
	if !may {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}

// hasMonthName reports whether a word of s names a month.
func hasMonthName(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) >= 3 && months[strings.ToLower(w)] != 0 {
			return true
		}
	}
	return false
}
