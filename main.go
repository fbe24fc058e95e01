// Command gazette turns scraped news articles into a static archive site.
package main

import (
	"context"
	"embed"
	"io/fs"
	"os"
	"os/signal"

	"gazette/generator/cli"
)

//go:embed templates
var templates embed.FS

func main() {
	theme, err := fs.Sub(templates, "templates")
	if err != nil {
		panic(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, os.Args[1:], cli.NewEnv(theme))
	stop()
	os.Exit(code)
}
