// Package gendocs writes what a Debian package ships beside a cobra
// program: one man page per command (section 1) and the bash, zsh and
// fish completion scripts, all generated from the command tree so they
// can never drift from the flags the binary really has.
//
// The programs call Write from a hidden `gendocs DIR` subcommand, since
// their command trees are built in package main; `make deb` runs it on
// a binary built for the build machine. Set SOURCE_DATE_EPOCH for pages
// that are byte-for-byte reproducible.
package gendocs
