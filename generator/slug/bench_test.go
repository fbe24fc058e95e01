package slug

import "testing"

// BenchmarkMake makes the slug of a headline with non-ASCII letters.
func BenchmarkMake(b *testing.B) {
	for b.Loop() {
		Make("Élections en Türkiye : l'opposition dénonce « des fraudes » à Ankara")
	}
}
