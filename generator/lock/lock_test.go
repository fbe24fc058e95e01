package lock

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestAcquire(t *testing.T) {
	p := filepath.Join(t.TempDir(), ".gazette", "lock")
	l, err := Acquire(p, "import")
	if err != nil {
		t.Fatal(err)
	}
	// flock locks belong to open files: a second open in this process
	// conflicts as a second process would.
	_, err = Acquire(p, "build")
	if !errors.Is(err, ErrHeld) || !strings.Contains(err.Error(), "gazette import, pid") {
		t.Fatalf("second acquire: %v", err)
	}
	l.Release()
	l2, err := Acquire(p, "build")
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
}

// TestAcquire_killedHolder checks that a process killed while holding the
// lock leaves it free.
func TestAcquire_killedHolder(t *testing.T) {
	if _, err := exec.LookPath("flock"); err != nil {
		t.Skip("no flock(1)")
	}
	p := filepath.Join(t.TempDir(), "lock")
	cmd := exec.Command("flock", "-o", p, "sleep", "30") // -o: only flock(1) holds it, not sleep
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ { // until flock(1) holds it
		l, err := Acquire(p, "test")
		if err != nil {
			break
		}
		l.Release()
		if i == 199 {
			t.Fatal("flock(1) never took the lock")
		}
		exec.Command("sleep", "0.01").Run()
	}
	cmd.Process.Kill()
	cmd.Wait()
	l, err := Acquire(p, "test")
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	l.Release()
}
