package mosquittotest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Options shape the generated mosquitto.conf. The zero value is an
// anonymous plain-TCP broker without persistence, with TCP_NODELAY on
// client sockets (Nagle plus delayed ACKs would add 40 ms to an ack).
type Options struct {
	// Global lines are added before the listener (acl_file, limits).
	// "{dir}" is replaced by the broker's directory.
	Global []string
	// Listener lines follow the listener line (cafile, certfile,
	// require_certificate, ...). "{dir}" is replaced as in Global.
	Listener []string
	// Files are written into the broker's directory before it starts.
	Files map[string][]byte
	// Secure makes URL use the ssl:// scheme.
	Secure bool
}

// Broker is one mosquitto process. Its methods are safe for concurrent use.
type Broker struct {
	t    testing.TB
	opts Options
	dir  string
	port int

	mu   sync.Mutex
	cmd  *exec.Cmd
	log  *syncBuffer
	done chan struct{}
}

// Start starts mosquitto and waits until it accepts connections.
func Start(t testing.TB, opts Options) *Broker {
	t.Helper()
	b := &Broker{t: t, opts: opts, dir: t.TempDir(), port: FreePort(t), log: &syncBuffer{}}
	for name, data := range opts.Files {
		if err := os.WriteFile(filepath.Join(b.dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(b.confPath(), []byte(b.config()), 0o600); err != nil {
		t.Fatal(err)
	}
	b.start()
	t.Cleanup(b.Stop)
	return b
}

// Addr is host:port of the listener.
func (b *Broker) Addr() string { return "127.0.0.1:" + strconv.Itoa(b.port) }

// URL is the broker URL for an MQTT client: tcp:// or ssl://.
func (b *Broker) URL() string {
	if b.opts.Secure {
		return "ssl://" + b.Addr()
	}
	return "tcp://" + b.Addr()
}

// Dir is the broker's directory (config, files).
func (b *Broker) Dir() string { return b.dir }

// Log returns everything the broker logged so far.
func (b *Broker) Log() string { return b.log.String() }

func (b *Broker) confPath() string { return filepath.Join(b.dir, "mosquitto.conf") }

func (b *Broker) config() string {
	lines := []string{"per_listener_settings false", "persistence false", "log_dest stderr",
		"log_type error", "log_type warning", "log_type notice", "log_type information",
		"connection_messages true", "set_tcp_nodelay true"}
	if os.Geteuid() == 0 {
		lines = append(lines, "user root") // keep access to files in the 0700 temp dir
	}
	if !hasPrefix(b.opts.Global, "allow_anonymous") {
		lines = append(lines, "allow_anonymous true")
	}
	lines = append(lines, b.opts.Global...)
	lines = append(lines, "listener "+strconv.Itoa(b.port)+" 127.0.0.1")
	lines = append(lines, b.opts.Listener...)
	return strings.ReplaceAll(strings.Join(lines, "\n")+"\n", "{dir}", b.dir)
}

func hasPrefix(lines []string, p string) bool {
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), p) {
			return true
		}
	}
	return false
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// Binary finds the mosquitto executable.
func Binary() (string, error) {
	if _, err := os.Stat("/usr/sbin/mosquitto"); err == nil {
		return "/usr/sbin/mosquitto", nil
	}
	p, err := exec.LookPath("mosquitto")
	if err != nil {
		return "", fmt.Errorf("mosquitto not found in /usr/sbin or PATH; install the Debian package mosquitto (make deps): %w", err)
	}
	return p, nil
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
