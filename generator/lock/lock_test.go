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
	switch p := os.Getenv("GAZETTE_LOCK_HOLDER"); p {
	case "":
		os.Exit(m.Run())
	case "inherited":
		waitUntilKilled() // holds what it was started with
	default:
		holdUntilKilled(p)
	}
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
	waitUntilKilled()
}

func waitUntilKilled() {
	os.Stdout.WriteString("held\n")
	var b [1]byte
	os.Stdin.Read(b[:])
	os.Exit(0)
}

// startHolder runs the test binary as a process that says "held" and
// waits to be killed, with env and extra files; it returns once the
// process has spoken, and kills it when the test ends.
func startHolder(t *testing.T, env string, extra ...*os.File) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GAZETTE_LOCK_HOLDER="+env)
	cmd.ExtraFiles = extra
	stdin, err := cmd.StdinPipe() // kept open: the holder waits on it
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Process.Kill()
		cmd.Wait()
	})
	if line, err := bufio.NewReader(stdout).ReadString('\n'); line != "held\n" {
		t.Fatalf("the holder did not start: %q, %v", line, err)
	}
	return cmd
}

// kill kills the process cmd and reaps it: the system has then closed
// its files and dropped its locks.
func kill(cmd *exec.Cmd) {
	cmd.Process.Kill()
	cmd.Wait()
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
	holder := startHolder(t, p)
	_, err := Acquire(p, "test")
	if !errors.Is(err, ErrHeld) || !strings.Contains(err.Error(), "gazette holder, pid") {
		t.Fatalf("while the holder runs: %v", err)
	}
	kill(holder)
	l, err := Acquire(p, "test")
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	l.Release()
}

// TestFolder checks the lock of a folder being removed: held while the
// file Folder returned is open, here or in a process started with it,
// even after this process closes its copy, and free once that process
// is gone.
func TestFolder(t *testing.T) {
	dir := t.TempDir()
	held, err := Folder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Folder(dir); !errors.Is(err, ErrHeld) {
		t.Fatalf("second lock in this process: %v", err)
	}
	remover := startHolder(t, "inherited", held)
	held.Close()
	if _, err := Folder(dir); !errors.Is(err, ErrHeld) {
		t.Fatalf("with the lock handed to another process: %v", err)
	}
	kill(remover)
	again, err := Folder(dir)
	if err != nil {
		t.Fatalf("after that process was killed: %v", err)
	}
	again.Close()
	if _, err := Folder(filepath.Join(dir, "gone")); err == nil || errors.Is(err, ErrHeld) {
		t.Errorf("a folder that is not there: %v", err)
	}
}
