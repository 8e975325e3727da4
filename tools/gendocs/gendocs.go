package gendocs

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// Write generates, for root's whole tree, dir/man/*.1 and the completion
// scripts under the names their shells' vendor directories expect:
// dir/bash/NAME, dir/zsh/_NAME and dir/fish/NAME.fish. The pages carry
// root.Version and no "auto generated" footer.
func Write(root *cobra.Command, dir string) error {
	if err := writeMan(root, filepath.Join(dir, "man")); err != nil {
		return fmt.Errorf("man pages: %w", err)
	}
	if err := writeCompletions(root, dir); err != nil {
		return fmt.Errorf("completions: %w", err)
	}
	return nil
}

func writeMan(root *cobra.Command, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	disableAutoGenTag(root)
	// No Title: each page gets its command's path (EDGED-CONFIG-CHECK).
	header := &doc.GenManHeader{
		Section: "1",
		Source:  strings.TrimSpace(root.Name() + " " + root.Version),
		Manual:  "User Commands",
	}
	return doc.GenManTree(root, header, dir)
}

// disableAutoGenTag drops the footer with the generation date, which
// would differ between otherwise identical builds.
func disableAutoGenTag(c *cobra.Command) {
	c.DisableAutoGenTag = true
	for _, sub := range c.Commands() {
		disableAutoGenTag(sub)
	}
}

func writeCompletions(root *cobra.Command, dir string) error {
	name := root.Name()
	files := []struct {
		path string
		gen  func(*os.File) error
	}{
		{filepath.Join(dir, "bash", name), func(f *os.File) error { return root.GenBashCompletionV2(f, true) }},
		{filepath.Join(dir, "zsh", "_"+name), func(f *os.File) error { return root.GenZshCompletion(f) }},
		{filepath.Join(dir, "fish", name+".fish"), func(f *os.File) error { return root.GenFishCompletion(f, true) }},
	}
	for _, file := range files {
		if err := writeFile(file.path, file.gen); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, gen func(*os.File) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := gen(f); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}

// Command is the hidden `gendocs DIR` subcommand both programs carry:
// `make deb` runs it to write the man pages and completions the
// packages ship. It documents the tree it is added to.
func Command() *cobra.Command {
	return &cobra.Command{
		Use:    "gendocs DIR",
		Short:  "Write man pages (DIR/man) and bash, zsh and fish completions into DIR",
		Hidden: true,
		Args:   cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return Write(cmd.Root(), args[0])
		},
	}
}
