// Command gazette turns scraped news articles into a static archive site.
package main

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"gazette/generator/cli"
)

//go:embed templates
var templates embed.FS

func main() {
	theme, err := fs.Sub(templates, "templates")
	if err != nil {
		panic(err)
	}
	// GAZETTE_CPUPROFILE=file writes a CPU profile of the command, for
	// go tool pprof, and for profile-guided builds (default.pgo).
	if p := os.Getenv("GAZETTE_CPUPROFILE"); p != "" {
		f, err := os.Create(p)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "error: GAZETTE_CPUPROFILE:", err)
			os.Exit(1)
		}
		defer f.Close()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], cli.NewEnv(theme))
	stop()
	pprof.StopCPUProfile()
	os.Exit(code)
}
