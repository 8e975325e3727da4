package pgtest

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"
)

// Stop shuts the server down as `pg_ctl -m fast stop` does (SIGINT: open
// transactions roll back, a checkpoint is written) and waits for it to
// exit. Stopping a stopped server does nothing.
func (s *Server) Stop(tb testing.TB) {
	tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.stopLocked(); err != nil {
		tb.Fatal(err)
	}
}

// StartAgain starts a stopped or killed server on the same data directory
// and port, and waits until it accepts connections, which after Kill
// means after crash recovery. A port taken meanwhile is retried for 5 s.
func (s *Server) StartAgain(tb testing.TB) {
	tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pm != nil {
		tb.Fatal("pgtest: StartAgain: the server is running")
	}
	err := s.launch()
	for i := 0; i < 50 && errors.Is(err, errPortInUse); i++ {
		time.Sleep(100 * time.Millisecond)
		err = s.launch()
	}
	if err != nil {
		tb.Fatal(err)
	}
}

// Restart is Stop then StartAgain.
func (s *Server) Restart(tb testing.TB) {
	tb.Helper()
	s.Stop(tb)
	s.StartAgain(tb)
}

// Kill crashes the server: SIGKILL to the postmaster, whose pid it reads
// from postmaster.pid, and to all its children at once, as when the
// service is OOM-killed. It returns once none of them runs. Committed
// transactions are in the WAL, which StartAgain replays. The page cache
// survives: this is a process crash, not a power cut.
func (s *Server) Kill(tb testing.TB) {
	tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pm == nil {
		tb.Fatal("pgtest: Kill: the server is not running")
	}
	pid, _, err := s.readPidFile()
	if err == nil && pid != s.pm.cmd.Process.Pid {
		err = fmt.Errorf("pgtest: postmaster.pid names %d, the postmaster is %d", pid, s.pm.cmd.Process.Pid)
	}
	if err == nil {
		err = crash(s.pm)
	}
	if err != nil {
		tb.Fatal(err)
	}
	s.pm = nil
}

// stopLocked stops the server gracefully, killing it if that takes longer
// than stopTimeout. s.mu held.
func (s *Server) stopLocked() error {
	pm := s.pm
	if pm == nil {
		return nil
	}
	s.pm = nil
	_ = pm.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-pm.done:
		return nil
	case <-time.After(stopTimeout):
	}
	return errors.Join(fmt.Errorf("pgtest: postgres did not stop within %v; killing it:\n%s", stopTimeout, s.log.String()), crash(pm))
}

// crash SIGSTOPs the postmaster so that it neither forks nor reaps (the
// children's pids stay theirs), SIGKILLs its children and then it, and
// waits until none runs: a survivor would keep the shared memory that the
// next postmaster refuses to share.
func crash(pm *postmaster) error {
	select {
	case <-pm.done:
		return nil
	default:
	}
	p := pm.cmd.Process // Signal uses a pidfd: safe if the pid was reused
	if err := p.Signal(syscall.SIGSTOP); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("pgtest: stop postmaster %d: %w", p.Pid, err)
	}
	kids := children(p.Pid)
	for _, kid := range kids {
		_ = syscall.Kill(kid, syscall.SIGKILL)
	}
	_ = p.Kill()
	deadline := time.Now().Add(stopTimeout)
	select {
	case <-pm.done:
	case <-time.After(stopTimeout):
		return fmt.Errorf("pgtest: postmaster %d survived SIGKILL for %v", p.Pid, stopTimeout)
	}
	for _, kid := range kids {
		for alive(kid) {
			if time.Now().After(deadline) {
				return fmt.Errorf("pgtest: postgres process %d survived SIGKILL for %v", kid, stopTimeout)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	return nil
}
