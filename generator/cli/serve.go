package cli

import (
	"context"
	"fmt"
	"net"
	"strconv"

	"gazette/generator/serve"
)

func runServe(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "serve", "gazette serve [--source DIR] [--port N] [--bind ADDR] [--raw DIR]\n\n"+
		"Serves the site for preview, rebuilding it as its files change; open pages reload by themselves.")
	source := fs.String("source", ".", "the site `folder`")
	port := fs.Int("port", 1313, "the `port` to listen on (0 for any free one)")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on; 0.0.0.0 shows the preview to your network")
	raw := fs.String("raw", "", "a `folder` of raw pages to import as they appear or change")
	drafts := fs.Bool("drafts", false, "include articles marked draft: true")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: serve takes no arguments, got %q (use --source DIR)", errUsage, rest[0])
	}
	l, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		return fmt.Errorf("serve: %w (is another server on port %d? try --port)", err, *port)
	}
	defer l.Close()
	srv, err := serve.New(serve.Config{Source: *source, Theme: env.Theme, Drafts: *drafts, RawDir: *raw, Log: env.Stderr}, l)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "serving %s at %s (Ctrl-C to stop)\n", *source, srv.URL())
	if err := srv.Serve(ctx, l); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "stopped")
	return nil
}
