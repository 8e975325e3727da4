package fleettest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/edged/edged/relay/status"
)

// relayProc is one `relay run` process, started again under the same
// instance id, config and port after each kill, as systemd would.
type relayProc struct {
	id, addr   string // fleet.instance and http.listen
	bin, conf  string
	logPath    string
	onExit     func(id string, err error) // an exit the test did not cause
	statusHTTP *http.Client

	mu     sync.Mutex
	cmd    *exec.Cmd
	done   chan struct{}
	killed bool
	starts int
}

// start launches the process; its log is appended to logPath.
func (p *relayProc) start() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd != nil {
		return fmt.Errorf("%s is running", p.id)
	}
	log, err := os.OpenFile(p.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	p.starts++
	fmt.Fprintf(log, "=== start %d at %s\n", p.starts, time.Now().Format(time.RFC3339Nano))
	cmd := exec.Command(p.bin, "run", "--config", p.conf)
	cmd.Env = relayEnv()
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		log.Close()
		return fmt.Errorf("start %s: %w", p.id, err)
	}
	done := make(chan struct{})
	p.cmd, p.done, p.killed = cmd, done, false
	go func() {
		err := cmd.Wait()
		log.Close()
		p.mu.Lock()
		unexpected := !p.killed
		p.cmd = nil
		p.mu.Unlock()
		close(done)
		if unexpected && p.onExit != nil {
			p.onExit(p.id, err)
		}
	}()
	return nil
}

// relayEnv is the test's environment without EDGED_* overrides, which
// would change the relays' configuration (EDGED_STORE names a store).
func relayEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "EDGED_") {
			env = append(env, kv)
		}
	}
	return env
}

// signal sends sig and waits until the process is gone; kill is SIGKILL.
func (p *relayProc) signal(sig syscall.Signal, wait time.Duration) {
	p.mu.Lock()
	cmd, done := p.cmd, p.done
	if cmd != nil {
		p.killed = true
		_ = cmd.Process.Signal(sig)
	}
	p.mu.Unlock()
	if cmd == nil {
		return
	}
	select {
	case <-done:
	case <-time.After(wait):
		_ = cmd.Process.Kill()
		<-done
	}
}

// kill is SIGKILL: no lease is released, no last word on MQTT but the will.
func (p *relayProc) kill() time.Time {
	at := time.Now()
	p.signal(syscall.SIGKILL, time.Minute)
	return at
}

// stop is a graceful SIGTERM (the leases are released), then SIGKILL.
func (p *relayProc) stop() { p.signal(syscall.SIGTERM, 10*time.Second) }

func (p *relayProc) running() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cmd != nil
}

// status reads the instance's status page.
func (p *relayProc) status(ctx context.Context) (status.Snapshot, error) {
	var s status.Snapshot
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+p.addr+"/?format=json", nil)
	if err != nil {
		return s, err
	}
	resp, err := p.statusHTTP.Do(req)
	if err != nil {
		return s, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return s, fmt.Errorf("status of %s: %s", p.id, resp.Status)
	}
	return s, json.NewDecoder(resp.Body).Decode(&s)
}

// waitReady waits until the instance serves its status and reaches the
// store.
func (p *relayProc) waitReady(ctx context.Context) error {
	for {
		s, err := p.status(ctx)
		if err == nil && s.Fleet.Store.OK {
			return nil
		}
		if !p.running() {
			return fmt.Errorf("%s exited while starting; see %s", p.id, p.logPath)
		}
		if serr := sleep(ctx, 20*time.Millisecond); serr != nil {
			return fmt.Errorf("%s not ready: %w (last: %v)", p.id, serr, err)
		}
	}
}

// logTail is the end of a log file, for failures.
func logTail(path string, lines int) string {
	b, _ := os.ReadFile(path)
	all := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(all[max(0, len(all)-lines):], "\n")
}
