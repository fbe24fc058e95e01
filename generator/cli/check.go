package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"gazette/generator/check"
)

// errFindings makes check exit 1 after printing what it found.
var errFindings = errors.New("")

func runCheck(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "check", "gazette check [--source DIR] [--json]\n\n"+
		"Reads the site and lists what to fix, writing nothing: front matter problems, articles without\n"+
		"text, duplicate articles, tags spelt several ways, internal links and images that lead nowhere.\n"+
		"Exits 1 when it finds anything.")
	source := fs.String("source", ".", "the site `folder`")
	asJSON := fs.Bool("json", false, "print the findings as a JSON array, for scripts")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: check takes no arguments, got %q (use --source DIR)", errUsage, rest[0])
	}
	found, err := check.Run(*source, env.Theme)
	if err != nil {
		return err
	}
	if *asJSON {
		if found == nil {
			found = []check.Finding{}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(found); err != nil {
			return err
		}
	} else {
		for _, f := range found {
			fmt.Fprintln(env.Stdout, f)
		}
		if len(found) == 0 {
			fmt.Fprintln(env.Stdout, "nothing to fix")
		} else {
			fmt.Fprintf(env.Stdout, "%d %s to fix\n", len(found), plural(len(found), "thing", "things"))
		}
	}
	if len(found) > 0 {
		return errFindings
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
