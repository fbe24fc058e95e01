// Package cli is gazette's command line: one file per subcommand. Only this
// package prints, and it prints each error once.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"gazette/generator/output"
	"io"
	"io/fs"
	"os"
	"strings"
)

// Env is what a command runs with.
type Env struct {
	Theme          fs.FS // the default theme, compiled into the binary
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Terminal reports whether Stdout is a terminal, for progress output.
	Terminal bool
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

func commands() []command {
	return []command{
		{"build", "build content/ into public/", runBuild},
		{"import", "import raw article text or saved HTML pages into content/", runImport},
		{"serve", "preview the site, rebuilding and reloading as files change", runServe},
		{"check", "list what to fix in the site, writing nothing", runCheck},
		{"version", "print gazette's version", runVersion},
	}
}

// errUsage marks an error in how a command was called: exit status 2.
var errUsage = errors.New("usage")

// Main runs the gazette command line and returns the process's exit
// status: 0 on success, 1 on error, 2 on a usage error.
func Main(ctx context.Context, args []string, env *Env) int {
	if len(args) == 2 && args[0] == removeCommand {
		// Only a folder a build left behind: never anything else.
		if !output.Leftover(args[1]) {
			return 2
		}
		if os.RemoveAll(args[1]) != nil {
			return 1
		}
		return 0
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			return Main(ctx, []string{args[1], "--help"}, env)
		}
		usage(env.Stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, env, args[1:])
			switch {
			case err == nil:
				return 0
			case errors.Is(err, flag.ErrHelp):
				return 0
			case errors.Is(err, errFindings):
				return 1 // the findings are the message
			case errors.Is(err, errUsage):
				fmt.Fprintf(env.Stderr, "error: %v\n", strings.TrimPrefix(err.Error(), "usage: "))
				return 2
			}
			fmt.Fprintf(env.Stderr, "error: %v\n", err)
			return 1
		}
	}
	fmt.Fprintf(env.Stderr, "error: unknown command %q; run 'gazette help' for the list\n", args[0])
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, "Gazette turns scraped news articles into a browsable, searchable static archive.\n\n")
	fmt.Fprint(w, "Usage: gazette <command> [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'gazette <command> --help' for a command's flags.\n")
}

// newFlags returns a flag set that prints its usage to env's stdout and
// reports errors as usage errors.
func newFlags(env *Env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		var b strings.Builder
		fs.SetOutput(&b)
		fs.PrintDefaults()
		fs.SetOutput(env.Stderr)
		// Flags are documented, and accepted, with two dashes.
		flags := strings.ReplaceAll("\n"+b.String(), "\n  -", "\n  --")
		fmt.Fprintf(env.Stdout, "Usage: %s\n\nFlags:%s", synopsis, flags)
	}
	return fs
}

// parse parses flags anywhere among args (flag stops at the first
// argument), returning the arguments that are not flags.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// isTerminal reports whether f is a character device, such as a terminal.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// NewEnv returns the Env of a real process.
func NewEnv(theme fs.FS) *Env {
	return &Env{Theme: theme, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Terminal: isTerminal(os.Stdout)}
}
