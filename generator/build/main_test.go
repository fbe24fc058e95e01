package build

import (
	"os"
	"testing"
)

// TestMain keeps the builds' state out of the test sites' folders (some
// are the repository's own): tests that build with no Options.State
// record it in a temporary folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gazette-build-state-")
	if err != nil {
		panic(err)
	}
	testState = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
