package importer

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // zone rules for ET, PT … wherever gazette runs
)

// reClock finds a time of day with the zone it is given in:
// "10:31 pm CST", "19:14 GMT", "8:03 am ET", "11:42 UTC+2".
var reClock = regexp.MustCompile(`(?i)\b(\d{1,2})[:.h](\d\d)\s*(a\.?m\.?|p\.?m\.?)?\s*\(?\b(UTC|GMT|Z|[ECMP][SD]?T|BST|CES?T|EES?T|WES?T|MSK|JST|KST|AES?T|AEDT|SGT|HKT|WIB)\b(?:\s*([+-]\d{1,2})(?::?(\d\d))?)?`)

// zones gives the offset, in hours, of unambiguous zone abbreviations;
// zoneLocations the places whose rules say which offset a US zone named
// without S or D ("ET") has on a given day. Abbreviations that name two
// zones (IST, AMT) are not read: a date is never guessed.
var (
	zones = map[string]float64{"UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
		"MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
		"WET": 0, "WEST": 1, "MSK": 3, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "SGT": 8, "HKT": 8, "WIB": 7}
	zoneLocations = map[string]string{"ET": "America/New_York", "CT": "America/Chicago",
		"MT": "America/Denver", "PT": "America/Los_Angeles"}
)

// withClock returns day d at the time of day and zone written in s, when
// s gives both; ok is false otherwise. The time keeps the page's own
// offset, so that it shows the day the page showed and still names the
// exact instant.
func withClock(d time.Time, s string) (time.Time, bool) {
	m := reClock.FindStringSubmatch(s)
	if m == nil {
		return d, false
	}
	h, _ := strconv.Atoi(m[1])
	min, _ := strconv.Atoi(m[2])
	switch ampm := strings.ToLower(strings.ReplaceAll(m[3], ".", "")); {
	case ampm == "pm" && h < 12:
		h += 12
	case ampm == "am" && h == 12:
		h = 0
	}
	if h > 23 || min > 59 {
		return d, false
	}
	zone := strings.ToUpper(m[4])
	var loc *time.Location
	if off, ok := zones[zone]; ok {
		secs := int(off * 3600)
		if m[5] != "" { // GMT+2, UTC-05:30
			oh, _ := strconv.Atoi(m[5])
			om, _ := strconv.Atoi(m[6])
			if oh < 0 {
				om = -om
			}
			secs += oh*3600 + om*60
		}
		loc = time.FixedZone(zone, secs)
	} else if name, ok := zoneLocations[zone]; ok {
		var err error
		if loc, err = time.LoadLocation(name); err != nil {
			return d, false
		}
	} else {
		return d, false
	}
	t := time.Date(d.Year(), d.Month(), d.Day(), h, min, 0, 0, loc)
	_, off := t.Zone()
	return t.In(time.FixedZone("", off)), true
}
