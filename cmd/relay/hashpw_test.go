package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// hashCmd runs `relay hash-password` with stdin.
func hashCmd(stdin io.Reader, args ...string) (string, error) {
	var out bytes.Buffer
	cmd := newHashPasswordCmd()
	cmd.SetIn(stdin)
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

func TestHashPasswordPrintsABcryptHashOfStdin(t *testing.T) {
	out, err := hashCmd(strings.NewReader("s3cret pass\r\n"), "--cost", "4")
	if err != nil {
		t.Fatal(err)
	}
	h := strings.TrimSpace(out)
	if err := bcrypt.CompareHashAndPassword([]byte(h), []byte("s3cret pass")); err != nil {
		t.Fatalf("%q is not the hash of the password without its line ending: %v", h, err)
	}
	if strings.Contains(out, "s3cret") {
		t.Fatal("the password was printed")
	}
}

func TestHashPasswordRefusesNoPassword(t *testing.T) {
	for _, in := range []string{"", "\n", strings.Repeat("x", 73)} {
		if out, err := hashCmd(strings.NewReader(in), "--cost", "4"); err == nil {
			t.Errorf("stdin %q: printed %q", in, out)
		}
	}
	if _, err := hashCmd(strings.NewReader("pw"), "--cost", "99"); err == nil || !strings.Contains(err.Error(), "--cost 99") {
		t.Errorf("cost 99: %v", err)
	}
}

func TestHashPasswordIsAnEntryOfRelay(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"hash-password", "--help"}, &out, &out); code != 0 || !strings.Contains(out.String(), "mqtt.embedded_users") {
		t.Fatalf("exit %d: %s", code, out.String())
	}
}
