package layering

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/edged/edged/"

// rule forbids packages matching from (a path prefix, relative to the
// module) to depend, directly or not, on anything matching a prefix in
// deny.
type rule struct {
	from string
	deny []string
	why  string
}

var rules = []rule{
	{"device", []string{module + "ledger", module + "uplink", module + "workflow", module + "relay", module + "gateway",
		"github.com/eclipse/paho.mqtt.golang"}, "drivers never import the ledger, the uplink or an MQTT library"},
	{"ledger", []string{module + "device", module + "uplink", module + "relay", "net/http", "github.com/eclipse/paho.mqtt.golang"},
		"the ledger imports no driver and no network code"},
	{"relay", []string{module + "device", module + "ledger", module + "gateway", module + "workflow", module + "tagflow"},
		"the relay imports neither device nor ledger"},
	{"uplink/wire", []string{module}, "the wire format is standard library only"},
	{"catalog", []string{module + "ledger", module + "device/llrp", module + "uplink"}, "the catalog is plain data"},
}

type pkg struct {
	ImportPath string
	Deps       []string
}

func TestDependencyRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-json", "github.com/edged/edged/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	checked := 0
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		checked += check(t, p)
	}
	if checked == 0 {
		t.Fatal("no package matched any rule")
	}
}

func check(t *testing.T, p pkg) int {
	rel := strings.TrimPrefix(p.ImportPath, module)
	n := 0
	for _, r := range rules {
		if rel != r.from && !strings.HasPrefix(rel, r.from+"/") {
			continue
		}
		n++
		for _, d := range p.Deps {
			for _, deny := range r.deny {
				if d == strings.TrimSuffix(deny, "/") || strings.HasPrefix(d, deny) && d != p.ImportPath && !strings.HasPrefix(d, module+r.from) {
					t.Errorf("%s depends on %s: %s", p.ImportPath, d, r.why)
				}
			}
		}
	}
	return n
}
