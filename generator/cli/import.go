package cli

import (
	"context"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"gazette/generator/importer"
)

func runImport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "import", "gazette import [flags] FILE|DIR|- ...\n\n"+
		"Imports raw article text (a page's visible text, as scraped) or saved HTML pages into\n"+
		"SITE/content/<slug>.md. Folders are searched for .txt, .text, .html and .htm files;\n"+
		"- reads standard input (text, or HTML when it looks like HTML).")
	site := fs.String("site", ".", "the site `folder` whose content/ receives the articles")
	source := fs.String("source", "", "the publication or URL the pages come from, when their text does not say")
	dryRun := fs.Bool("dry-run", false, "show what would be written and what was dropped; write nothing")
	force := fs.Bool("force", false, "overwrite articles edited by hand since they were imported")
	quiet := fs.Bool("quiet", false, "print only the summary and problems")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return fmt.Errorf("%w: import needs files or folders to import (or - for standard input)", errUsage)
	}
	inputs, err := importer.Inputs(rest, env.Stdin)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return fmt.Errorf("no .txt or .html files found in %s", strings.Join(rest, ", "))
	}
	// The import keeps little in memory (pages are streamed and the model
	// is small): the garbage collector runs only when the heap nears a
	// fixed limit, which most imports never reach.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(1 << 30))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	start := time.Now()
	done := 0
	showProgress := env.Terminal && *quiet && len(inputs) > 50
	opt := importer.Options{Site: *site, Source: *source, DryRun: *dryRun, Force: *force}
	opt.Report = func(o importer.Outcome) {
		done++
		if showProgress {
			fmt.Fprintf(env.Stdout, "\r\033[Kimporting %d/%d", done, len(inputs))
		}
		if *quiet && o.Status != importer.Skipped && o.Status != importer.Kept {
			return
		}
		if showProgress {
			fmt.Fprint(env.Stdout, "\r\033[K")
		}
		printOutcome(env, o, *dryRun)
	}
	sum, err := importer.Run(inputs, opt)
	if showProgress {
		fmt.Fprint(env.Stdout, "\r\033[K")
	}
	if err != nil {
		return err
	}
	var parts []string
	var keys []string
	for k := range sum {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d %s", sum[importer.Status(k)], k))
	}
	verb := "imported"
	if *dryRun {
		verb = "dry run, nothing written:"
	}
	fmt.Fprintf(env.Stdout, "%s %d %s in %s: %s\n", verb, len(inputs), plural(len(inputs), "file", "files"), time.Since(start).Round(time.Millisecond), strings.Join(parts, ", "))
	return nil
}

func printOutcome(env *Env, o importer.Outcome, dryRun bool) {
	switch o.Status {
	case importer.Skipped:
		fmt.Fprintf(env.Stderr, "%s: skipped: %s\n", o.Input, o.Detail)
	case importer.Kept, importer.Duplicate:
		fmt.Fprintf(env.Stdout, "%s: %s %s: %s\n", o.Input, o.Status, o.File, o.Detail)
	default:
		fmt.Fprintf(env.Stdout, "%s: %s %s\n", o.Input, o.Status, o.File)
	}
	if !dryRun {
		return
	}
	if a := o.Article; a != nil {
		field := func(name, value string) {
			if value == "" {
				return
			}
			if from := o.Sources[name]; from != "" {
				fmt.Fprintf(env.Stdout, "  %s: %s  (from %s)\n", name, value, from)
			} else {
				fmt.Fprintf(env.Stdout, "  %s: %s\n", name, value)
			}
		}
		field("title", a.Title)
		if a.Dated() {
			field("date", a.Date.Format("2006-01-02"))
		}
		field("tags", strings.Join(a.Tags, ", "))
		field("caption", a.Caption)
		field("credit", a.Credit)
		field("author", a.Author)
		field("source", a.Source)
		field("image", a.Image)
		fmt.Fprintf(env.Stdout, "  body: %d paragraphs\n", strings.Count(strings.TrimSpace(string(a.Body)), "\n\n")+1)
	}
	for _, d := range o.Dropped {
		fmt.Fprintf(env.Stdout, "  dropped: %s\n", d)
	}
}
