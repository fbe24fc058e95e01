package cli

import (
	"context"
	"errors"
)

func runImport(ctx context.Context, env *Env, args []string) error {
	return errors.New("import: not built yet")
}
