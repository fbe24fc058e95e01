package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// tmpfs mounts a small tmpfs for a test, or skips where the system does
// not let the test mount one (not root, or no mount namespace rights).
func tmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

func treeSize(t *testing.T, files map[string][]byte) int {
	n := 0
	for _, d := range files {
		n += len(d)
	}
	return n
}

// TestRun_fullDisk builds into a file system with room for one site but
// not two: the second build fails with a clear error and the first site
// stays as it was.
func TestRun_fullDisk(t *testing.T) {
	src := copySite(t)
	probe := readTree(t, buildSite(t, src, ""))
	// Room for the site, its folders and a little more, not for a second copy.
	mnt := tmpfs(t, "400k")
	if size := treeSize(t, probe); size > 250<<10 {
		t.Fatalf("the fixture site (%d bytes) is too big for the test's file system", size)
	}
	dest := filepath.Join(mnt, "public")
	opt := Options{Source: src, Dest: dest, Theme: theme}
	if _, err := Run(opt); err != nil {
		t.Fatalf("first build: %v", err)
	}
	before := readTree(t, dest)
	// A bigger second version of the site.
	big := strings.Repeat("The strike went on for another week, and the port stayed shut. ", 400)
	for i := range 6 {
		os.WriteFile(filepath.Join(src, "content", "big"+string(rune('a'+i))+".md"), []byte("---\ntitle: Big "+string(rune('a'+i))+"\n---\n"+big+"\n"), 0o644)
	}
	_, err := Run(opt)
	if err == nil || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("second build: %v, want no space left on device", err)
	}
	t.Logf("the error: %v", err)
	sameTree(t, readTree(t, dest), before)
	if left, _ := filepath.Glob(filepath.Join(mnt, ".gazette-public-*")); len(left) > 0 {
		t.Errorf("the failed build left %v", left)
	}
}

// TestRun_readOnly builds into a file system made read-only after the
// first build: the second fails with a clear error, the site intact.
func TestRun_readOnly(t *testing.T) {
	src := copySite(t)
	mnt := tmpfs(t, "4m")
	dest := filepath.Join(mnt, "public")
	opt := Options{Source: src, Dest: dest, Theme: theme}
	if _, err := Run(opt); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dest)
	if out, err := exec.Command("mount", "-o", "remount,ro", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v %s", err, out)
	}
	_, err := Run(opt)
	if err == nil || !strings.Contains(err.Error(), "read-only file system") {
		t.Fatalf("build into a read-only file system: %v", err)
	}
	t.Logf("the error: %v", err)
	sameTree(t, readTree(t, dest), before)
}
