package main

import (
	"github.com/spf13/cobra"

	"github.com/edged/edged/tools/gendocs"
)

// newGendocsCmd writes the man pages and shell completions the package
// ships (see tools/gendocs). Hidden: it is for `make deb`, not operators.
func newGendocsCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "gendocs DIR",
		Short:  "Write man pages (DIR/man) and bash, zsh and fish completions into DIR",
		Hidden: true,
		Args:   cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return gendocs.Write(cmd.Root(), args[0])
		},
	}
}
