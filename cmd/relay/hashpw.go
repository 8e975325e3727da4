package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/crypto/bcrypt"
)

// newHashPasswordCmd prints the bcrypt hash of a password read from
// stdin, for mqtt.embedded_users: the configuration keeps only hashes.
func newHashPasswordCmd() *cobra.Command {
	var cost int
	cmd := &cobra.Command{
		Use:   "hash-password",
		Short: "Print the bcrypt hash of the password read from stdin, for console.users and mqtt.embedded_users",
		Long: "Reads one line from stdin (the password, without its line ending) and prints its bcrypt hash " +
			"for a password_hash of mqtt.embedded_users. Pipe the password in so it stays out of the shell history:\n" +
			"  relay hash-password < gw-a.password",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			h, err := hashPassword(cmd.InOrStdin(), cost)
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), h)
			return nil
		},
	}
	cmd.Flags().IntVar(&cost, "cost", bcrypt.DefaultCost, "bcrypt cost (4 to 31); each step doubles the work of a check")
	return cmd
}

func hashPassword(in io.Reader, cost int) (string, error) {
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading the password from stdin: %w", err)
	}
	password := strings.TrimRight(line, "\r\n")
	switch {
	case password == "":
		return "", errors.New("no password on stdin; pipe one in: relay hash-password < file")
	case len(password) > 72:
		return "", errors.New("the password is longer than 72 bytes, the most bcrypt reads; use a shorter one")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	if err != nil {
		return "", fmt.Errorf("hash-password --cost %d: %w", cost, err)
	}
	return string(h), nil
}
