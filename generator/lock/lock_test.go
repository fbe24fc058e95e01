package lock

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the test binary hold a lock as a process of its own, so
// that TestAcquire_killedHolder can kill it.
func TestMain(m *testing.M) {
	if p := os.Getenv("GAZETTE_LOCK_HOLDER"); p != "" {
		holdUntilKilled(p)
		return
	}
	os.Exit(m.Run())
}

// holdUntilKilled takes the lock at p, says so on standard output, and
// waits for standard input to close, which it never does before the test
// kills it. It starts no other process, so once it is reaped nothing
// holds the lock's file open.
func holdUntilKilled(p string) {
	if _, err := Acquire(p, "holder"); err != nil {
		os.Stdout.WriteString("error: " + err.Error() + "\n")
		os.Exit(1)
	}
	os.Stdout.WriteString("held\n")
	var b [1]byte
	os.Stdin.Read(b[:])
	os.Exit(0)
}

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
	p := filepath.Join(t.TempDir(), "lock")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GAZETTE_LOCK_HOLDER="+p)
	stdin, err := cmd.StdinPipe() // kept open: the holder waits on it
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if line != "held\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the holder did not take the lock: %q, %v", line, err)
	}
	_, err = Acquire(p, "test")
	if !errors.Is(err, ErrHeld) || !strings.Contains(err.Error(), "gazette holder, pid") {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("while the holder runs: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait() // reaped: the system has closed its files and dropped its lock
	l, err := Acquire(p, "test")
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	l.Release()
}
