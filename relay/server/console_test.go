package server_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/edged/edged/config"
	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/stock"
)

func TestConsoleConfigIsValidated(t *testing.T) {
	good, _ := bcrypt.GenerateFromPassword([]byte("pw"), bcrypt.MinCost)
	cfg := server.Config{Mapping: "m.csv", Console: server.ConsoleConfig{
		Users: []server.ConsoleUser{{Name: "ann", PasswordHash: config.Secret(good)}, {Name: "ann", PasswordHash: "hunter2"}, {PasswordHash: config.Secret(good)}},
		Token: "t", SessionTTL: 1}}
	cfg.Defaults("host")
	err := cfg.Validate()
	for _, want := range []string{"console.users[1].name: \"ann\" is listed twice", "console.users[1].password_hash: not a bcrypt hash",
		"console.users[2].name: empty", "console.session_ttl"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("validation %v lacks %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("the error quotes a password: %v", err)
	}
}

// The console sits behind its login under /console/ next to the public
// status page, metrics and webhooks; a token file's token opens it for
// scripts, and the token reaches no log.
func TestConsoleIsMountedBehindItsLogin(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	shop := shopifysim.New(shopifysim.Config{AccessToken: "tok", ClientSecret: "sec"})
	shop.AddItem("gid://shopify/InventoryItem/1001", "gid://shopify/Location/301", "2001", 0, false)
	srv := shop.Start()
	defer srv.Close()
	const token = "console-token-0123456789abcdef"
	m, _ := stock.ParseMapping(strings.NewReader(mapping), "mapping.csv")
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	var logs lockedLog
	cfg := server.Config{Store: newStore(t), Mapping: "mapping.csv", Console: server.ConsoleConfig{Token: token},
		Channels: server.Channels{Shopify: shopify.Config{BaseURL: srv.URL, AccessToken: "tok", ClientSecret: "sec"}}}
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	s, err := server.New(ctx, cfg, server.Parts{Mapping: m, BrokerURL: broker.URL(), Listener: ln,
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	if err := s.Engine().ApplyDelta(ctx, "gw-1", 1, stock.Delta{SKU: "TEE", Site: "wh1", Kind: stock.Receive, Qty: 7}); err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if code, h, _ := fetch(t, noFollow, base+"/console/", ""); code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/console/login") {
		t.Errorf("GET /console/ without a login: %d to %q", code, h.Get("Location"))
	}
	code, _, body := fetch(t, noFollow, base+"/console/", token)
	if code != 200 || !strings.Contains(body, `id="row-TEE"`) || !strings.Contains(body, "<b>7</b>") {
		t.Errorf("the stock page with the token: %d\n%s", code, body)
	}
	if code, _, _ := fetch(t, noFollow, base+"/console/", "wrong"); code != http.StatusUnauthorized {
		t.Errorf("a wrong token: %d", code)
	}
	for _, path := range []string{"/", "/metrics"} {
		if code, _, _ := fetch(t, noFollow, base+path, ""); code != 200 {
			t.Errorf("GET %s is no longer public: %d", path, code)
		}
	}
	resp, err := http.Post(base+"/webhooks/shopify", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusSeeOther || resp.StatusCode == http.StatusNotFound {
		t.Errorf("the Shopify webhook went to the console: %s", resp.Status)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs.String(), token) {
		t.Errorf("the log shows the console token:\n%s", logs.String())
	}
}

func fetch(t *testing.T, c *http.Client, url, token string) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func TestConsoleConfigLoadsFromYAMLAndEnvironment(t *testing.T) {
	hash, _ := bcrypt.GenerateFromPassword([]byte("pw"), bcrypt.MinCost)
	yaml := "mapping: m.csv\nconsole:\n  users:\n    - {name: Ann, password_hash: \"" + string(hash) + "\"}\n  session_ttl: 1h\n"
	var cfg server.Config
	err := config.Load(&cfg, []string{"EDGED_CONSOLE_TOKEN=from-env"}, config.Source{Name: "relay.yaml", Data: []byte(yaml)})
	if err != nil {
		t.Fatal(err)
	}
	c := cfg.Console
	if len(c.Users) != 1 || c.Users[0].Name != "Ann" || c.Users[0].PasswordHash.Reveal() != string(hash) || c.Token.Reveal() != "from-env" || !c.Enabled() {
		t.Errorf("console config %+v", c)
	}
}
