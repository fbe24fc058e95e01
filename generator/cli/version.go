package cli

import (
	"context"
	"fmt"
	"runtime/debug"
)

func runVersion(ctx context.Context, env *Env, args []string) error {
	v := "(devel)"
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		v = info.Main.Version
	}
	fmt.Fprintf(env.Stdout, "gazette %s\n", v)
	return nil
}
