package importer

import (
	"testing"
	"time"
)

func TestFindDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" for none
	}{
		{"Published on 13/11/2015 - 10:33", "2015-11-13"},
		{"Published on 11/13/2015 - 10:33", "2015-11-13"},
		{"03/04/2015", ""},
		{"04/04/2015", "2015-04-04"},
		{"13.11.2015", "2015-11-13"},
		{"03.04.2015", "2015-04-03"},
		{"November 13, 2015", "2015-11-13"},
		{"Nov. 13, 2015", "2015-11-13"},
		{"Chris Davies - Nov 19, 2019, 10:31 pm CST", "2019-11-19"},
		{"Published 7:07 PM EST Nov 19, 2019", "2019-11-19"},
		{"19 NOV 2019", "2019-11-19"},
		{"Tuesday 19th November 2019 09:00 GMT", "2019-11-19"},
		{"2015-11-13", "2015-11-13"},
		{"Updated: 2015-11-13T10:33:00Z", "2015-11-13"},
		{"2019.11.20 14:32", "2019-11-20"},
		{"2019年11月20日", "2019-11-20"},
		{"2019년 11월 20일", "2019-11-20"},
		{"20 ноября 2019", "2019-11-20"},
		{"20 de novembro de 2019", "2019-11-20"},
		{"20. November 2019", "2019-11-20"},
		{"13 novembre 2015", "2015-11-13"},
		{"February 30, 2015", ""},
		{"since 30 September", ""},
		{"in 2015 the port", ""},
		{"Maybe 12, 2015", ""},
		{"Call 555-12-2015", ""},
	}
	for _, tt := range tests {
		got, ok := findDate(tt.in)
		s := ""
		if ok {
			s = got.Format(time.DateOnly)
		}
		if s != tt.want {
			t.Errorf("findDate(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}
