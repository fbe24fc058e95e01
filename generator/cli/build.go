package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"

	"gazette/generator/build"
	"gazette/generator/lock"
)

func runBuild(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "build", "gazette build [--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--full]")
	source := fs.String("source", ".", "the site `folder`: gazette.yaml, tags.yaml, content/, templates/")
	dest := fs.String("dest", "", "where to write the site (default SOURCE/public)")
	baseURL := fs.String("base-url", "", "the site's absolute `URL`, overriding base_url in gazette.yaml")
	drafts := fs.Bool("drafts", false, "include articles marked draft: true")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	full := fs.Bool("full", false, "render every page, even where only some can have changed since the last build")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: build takes no arguments, got %q (use --source DIR)", errUsage, rest[0])
	}
	opt := build.Options{Source: *source, Dest: *dest, BaseURL: *baseURL, Drafts: *drafts, Theme: env.Theme, Discard: removeDetached, Full: *full}
	if env.Terminal && !*quiet {
		opt.Progress = progress(env, "rendering")
	}
	res, err := build.Run(opt)
	if env.Terminal && !*quiet {
		fmt.Fprint(env.Stdout, "\r\033[K")
	}
	if err != nil {
		return err
	}
	if !*quiet {
		for _, w := range res.Warnings {
			fmt.Fprintln(env.Stderr, w)
		}
		index := ""
		if res.Search > 0 {
			index = fmt.Sprintf(" (the search index %s of it)", res.Search.Round(1e6))
		}
		if res.Incremental {
			removed := ""
			if res.Removed > 0 {
				removed = fmt.Sprintf(", %d removed", res.Removed)
			}
			fmt.Fprintf(env.Stdout, "built %d %s, %d %s: rendered %d of %d pages, wrote %d %s%s in %s%s\n", res.Articles, plural(res.Articles, "article", "articles"),
				res.Tags, plural(res.Tags, "tag", "tags"), res.Rendered, res.Files, res.Rewritten, plural(res.Rewritten, "file", "files"), removed, res.Elapsed.Round(1e6), index)
		} else {
			fmt.Fprintf(env.Stdout, "built %d %s, %d %s: %d files in %s%s\n", res.Articles, plural(res.Articles, "article", "articles"),
				res.Tags, plural(res.Tags, "tag", "tags"), res.Files, res.Elapsed.Round(1e6), index)
		}
	}
	return nil
}

// removeDetached hands the previous site's folder to a gazette process of
// its own to remove, so that the build returns as soon as the new site is
// in place: deleting a big site's files takes seconds (2.8 s for 10,000
// articles on the bench machine). The folder's lock (lock.Folder) is
// taken here and goes to that process with its files, so that a build
// started before it is done leaves the folder to it. If that process
// cannot start, the folder is removed here; if it is killed, the lock
// goes with it, and the next build removes what is left.
func removeDetached(dir string) error {
	held, _ := lock.Folder(dir)
	self, err := os.Executable()
	if err == nil {
		cmd := exec.Command(self, removeCommand, dir)
		// The remover must not profile itself over the build's profile.
		cmd.Env = slices.DeleteFunc(os.Environ(), func(v string) bool { return strings.HasPrefix(v, "GAZETTE_CPUPROFILE=") })
		if held != nil {
			cmd.ExtraFiles = []*os.File{held}
		}
		if err = cmd.Start(); err == nil {
			held.Close() // the remover holds the lock now
			return cmd.Process.Release()
		}
	}
	err = os.RemoveAll(dir)
	held.Close()
	return err
}

// removeCommand is the hidden command removeDetached runs.
const removeCommand = "__remove-old-site"

// progress returns a callback that shows a counter on a terminal, redrawn
// at most every 1% of the work.
func progress(env *Env, what string) func(done, total int) {
	last := -1
	return func(done, total int) {
		pct := done * 100 / max(total, 1)
		if pct != last {
			last = pct
			fmt.Fprintf(env.Stdout, "\r%s %d/%d (%d%%)", what, done, total, pct)
		}
	}
}
