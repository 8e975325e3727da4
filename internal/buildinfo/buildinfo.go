// Package buildinfo names the version both programs report (--version,
// the health and fleet messages, /metrics).
package buildinfo

import "runtime/debug"

// Version is stamped, the version the Makefile and the packages stamp
// into a binary (-ldflags "-X main.buildVersion=$(scripts/version.sh)"),
// when set; else the module's version (a `go install ...@v1.2.0`); else
// "devel", with the commit when Go recorded it.
func Version(stamped string) string {
	if stamped != "" {
		return stamped
	}
	return fromBuild(debug.ReadBuildInfo())
}

func fromBuild(bi *debug.BuildInfo, ok bool) string {
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "devel-" + s.Value[:12]
		}
	}
	return "devel"
}
