package llrp

import (
	"slices"
	"strings"
)

// Profile is what is known of a reader model before the reader is
// reached: how many antenna ports it has and whether it takes Impinj's
// extensions. A configuration names it (readers[].profile) so that
// `edged config check` can refuse an antenna the reader does not have
// while the reader is still in its box.
type Profile struct {
	Name     string
	Antennas uint16
	Impinj   bool
}

// profiles are the models in the firmware-config examples and their
// siblings; a model sold with different port counts has one per count.
var profiles = []Profile{
	{Name: "impinj-r120", Antennas: 1, Impinj: true},
	{Name: "impinj-r220", Antennas: 2, Impinj: true},
	{Name: "impinj-r420", Antennas: 4, Impinj: true},
	{Name: "impinj-r700", Antennas: 4, Impinj: true},
	{Name: "zebra-fx7500-2", Antennas: 2},
	{Name: "zebra-fx7500-4", Antennas: 4},
	{Name: "zebra-fx9600-4", Antennas: 4},
	{Name: "zebra-fx9600-8", Antennas: 8},
}

// LookupProfile finds a profile by name.
func LookupProfile(name string) (Profile, bool) {
	i := slices.IndexFunc(profiles, func(p Profile) bool { return p.Name == name })
	if i < 0 {
		return Profile{}, false
	}
	return profiles[i], true
}

// ProfileNames lists the known profiles, for an error's expected form.
func ProfileNames() string {
	names := make([]string, len(profiles))
	for i, p := range profiles {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// Capabilities is what the profile tells [Config.Validate]. The vendor
// is left unknown for a non-Impinj model: [Profile.CheckImpinj] words
// that case by the model's name.
func (p Profile) Capabilities() Capabilities {
	c := Capabilities{Antennas: p.Antennas}
	if p.Impinj {
		c.Manufacturer = VendorImpinj
	}
	return c
}

// CheckImpinj reports the Impinj-only settings of c that a reader of
// this profile would refuse, as "field: problem" strings.
func (p Profile) CheckImpinj(c Config) []string {
	if p.Impinj {
		return nil
	}
	var out []string
	if c.SearchMode != "" {
		out = append(out, "search_mode: Impinj readers only, and "+p.Name+" is not one; expected it left out")
	}
	if c.ImpinjExtensions {
		out = append(out, "impinj_extensions: Impinj readers only, and "+p.Name+" is not one; expected false")
	}
	return out
}

// fromReader reports whether c came from the reader's
// GET_READER_CAPABILITIES (which names its model) rather than from a
// Profile, which knows only the antenna count and the vendor.
func (c Capabilities) fromReader() bool { return c.Model != 0 || c.MaxROSpecs != 0 }
