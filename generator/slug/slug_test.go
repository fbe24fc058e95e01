package slug

import (
	"strings"
	"testing"
)

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"France launches more air strikes on IS targets in Syria", "france-launches-more-air-strikes-on-is-targets-in-syria"},
		{"Côte d'Ivoire", "cote-divoire"},
		{"São Paulo", "sao-paulo"},
		{"Łódź", "lodz"},
		{"Straße", "strasse"},
		{"  --Hello,   World!--  ", "hello-world"},
		{"AT&T", "atandt"},
		{"Москва", "moskva"},
		{"Αθήνα", "athina"},
		{"ﬁsh", "fish"},
		{"???", ""},
		{"日本", ""},
		{"日本 Japan", "japan"},
		{"", ""},
		{"U.S.", "u-s"},
		{"2015-11-13", "2015-11-13"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Make(tt.in); got != tt.want {
				t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMake_long(t *testing.T) {
	got := Make(strings.Repeat("word ", 400))
	if len(got) > MaxLen || strings.HasSuffix(got, "-") || strings.Contains(got, "wor-") {
		t.Errorf("Make(long) = %q (%d bytes)", got, len(got))
	}
}

func FuzzMake(f *testing.F) {
	for _, s := range []string{"Côte d'Ivoire", "../../etc", "a/b\\c", "日本", "\x00", "CON", strings.Repeat("x", 1000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		if len(got) > MaxLen {
			t.Fatalf("Make(%q) is %d bytes", s, len(got))
		}
		for _, r := range got {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Fatalf("Make(%q) = %q has %q", s, got, r)
			}
		}
		if strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Make(%q) = %q has stray hyphens", s, got)
		}
	})
}
