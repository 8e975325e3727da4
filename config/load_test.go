package config_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/config"
)

type reader struct {
	Name     string   `mapstructure:"name"`
	Host     string   `mapstructure:"host"`
	Port     uint16   `mapstructure:"port"`
	Antennas []uint16 `mapstructure:"antennas"`
}

type testConfig struct {
	Ledger struct {
		DB            string        `mapstructure:"db"`
		MaxSize       int64         `mapstructure:"max_size"`
		Retention     time.Duration `mapstructure:"retention"`
		AllowNegative []string      `mapstructure:"allow_negative"`
	} `mapstructure:"ledger"`
	Readers []reader `mapstructure:"readers"`
	Broker  struct {
		URL      string        `mapstructure:"url"`
		Password config.Secret `mapstructure:"password"`
		Verify   bool          `mapstructure:"verify"`
	} `mapstructure:"broker"`
}

func (c *testConfig) Validate() error {
	var errs []error
	for i, r := range c.Readers {
		if r.Host == "" {
			errs = append(errs, fmt.Errorf("readers[%d].host: required; give the reader's address", i))
		}
	}
	return errors.Join(errs...)
}

const mainYAML = `ledger:
  db: /var/lib/edged/ledger.db
  retention: 720h
readers:
  - name: dock
    host: 10.0.0.5
    antennas: [1, 2]
broker:
  url: tls://broker:8883
  password: hunter2
`

func TestLoadMergesDropInsAndEnvironment(t *testing.T) {
	var c testConfig
	dropIn := "ledger:\n  max_size: 536870912\n"
	env := []string{"EDGED_LEDGER_DB=/data/l.db", "EDGED_LEDGER_ALLOW_NEGATIVE=FLOOR,DOCK", "EDGED_BROKER_VERIFY=true", "HOME=/root"}
	err := config.Load(&c, env, config.Source{Name: "edged.yaml", Data: []byte(mainYAML)},
		config.Source{Name: "conf.d/10-size.yaml", Data: []byte(dropIn)})
	if err != nil {
		t.Fatal(err)
	}
	if c.Ledger.DB != "/data/l.db" || c.Ledger.MaxSize != 512<<20 || c.Ledger.Retention != 30*24*time.Hour ||
		len(c.Ledger.AllowNegative) != 2 || !c.Broker.Verify || c.Readers[0].Antennas[1] != 2 {
		t.Fatalf("decoded %+v", c)
	}
	if fmt.Sprint(c.Broker.Password) != "[redacted]" || c.Broker.Password.Reveal() != "hunter2" {
		t.Fatal("the secret prints")
	}
}

func TestLoadReportsEveryProblemWithFileAndLine(t *testing.T) {
	bad := `ledger:
  db: /x
  max_sise: 5
readers:
  - name: dock
    antenas: [1]
  - name: door
    host: 10.0.0.6
    port: not-a-port
broker:
  url: tls://x
`
	var c testConfig
	err := config.Load(&c, []string{"EDGED_LEDGER_NOPE=1", "EDGED_LEDGER_MAX_SIZE=big"}, config.Source{Name: "edged.yaml", Data: []byte(bad)})
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{
		"edged.yaml:3: ledger.max_sise: unknown key (did you mean max_size?)",
		"edged.yaml:6: readers[0].antenas: unknown key (did you mean antennas?)",
		"environment: EDGED_LEDGER_NOPE matches no configuration key",
		`environment: EDGED_LEDGER_MAX_SIZE: ledger.max_size: "big" is not a whole number; expected a whole number such as 10`,
		"edged.yaml:9: readers[1].port: \"not-a-port\" is not a whole number; expected a whole number from 0 to 65535",
		"edged.yaml:5: readers[0].host: required",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
}

func TestLoadLocatesTypeAndValidationErrors(t *testing.T) {
	var c testConfig
	err := config.Load(&c, nil, config.Source{Name: "edged.yaml", Data: []byte("readers:\n  - name: a\n    port: x\n")})
	if err == nil || !strings.Contains(err.Error(), "edged.yaml:3:") {
		t.Fatalf("type error: %v", err)
	}
	err = config.Load(&c, nil, config.Source{Name: "edged.yaml", Data: []byte("readers:\n  - name: a\n  - name: b\n")})
	want := "edged.yaml:2: readers[0].host: required"
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "edged.yaml:3: readers[1].host") {
		t.Fatalf("validation: %v, want %q", err, want)
	}
	err = config.Load(&c, nil, config.Source{Name: "edged.yaml", Data: []byte("ledger: [1, 2\n")})
	if err == nil || !strings.Contains(err.Error(), "edged.yaml") {
		t.Fatalf("syntax: %v", err)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte(mainYAML))
	f.Add([]byte("readers:\n  - {name: a, port: 70000}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var c testConfig
		_ = config.Load(&c, nil, config.Source{Name: "f.yaml", Data: data})
	})
}
