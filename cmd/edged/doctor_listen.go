package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/edged/edged/device/barcode"
	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/device/scanner/discover"
	"github.com/edged/edged/device/scanner/serialport"
	"github.com/edged/edged/workflow/floor"
)

// newDoctorCmd builds `edged doctor`: check the installation the
// configuration describes (config, ledger, disk, clock, readers,
// scanners, broker) and list the scanners found; with --listen open
// every scanner (and every one plugged in later) and print each scan as
// it arrives, decoded.
func newDoctorCmd(v *viper.Viper) *cobra.Command {
	var (
		listen bool
		root   string
		extra  []string
		mode   serialport.Mode
	)
	cmd := &cobra.Command{
		Use:   "doctor [--listen]",
		Short: "Check config, ledger, disk, clock, readers, scanners and broker; --listen shows every scan",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !listen {
				return doctor(cmd, v, root, extra)
			}
			l := &listener{out: cmd.OutOrStdout(), mode: mode, running: map[string]context.CancelFunc{}}
			return l.run(cmd.Context(), root, extra)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&listen, "listen", false, "open the scanners and print each scan until interrupted")
	f.StringSliceVar(&extra, "serial", nil, "also use this serial port (e.g. /dev/ttyS1, which has no by-id name)")
	f.IntVar(&mode.Baud, "baud", 0, "serial speed (default 9600; USB-CDC ignores it)")
	f.StringVar(&root, "root", "/", "filesystem root to discover under (for tests and chroots)")
	_ = f.MarkHidden("root")
	return cmd
}

// doctor prints the checks, then the scanners found; exit 1 on a FAIL.
func doctor(cmd *cobra.Command, v *viper.Viper, root string, extra []string) error {
	w := cmd.OutOrStdout()
	failed := false
	if path := v.GetString("config"); path != "" {
		failed = printChecks(w, runChecks(cmd.Context(), path, root))
		fmt.Fprintln(w)
	}
	if err := listScanners(w, root, extra); err != nil {
		return err
	}
	if failed {
		return &exitError{1, errors.New("doctor found problems")}
	}
	return nil
}

func candidates(root string, extra []string) ([]discover.Candidate, error) {
	cands, err := discover.Scan(root)
	for _, p := range extra {
		cands = append(cands, discover.Candidate{Kind: discover.Serial, Path: p, Name: p, Target: p})
	}
	return cands, err
}

func listScanners(out io.Writer, root string, extra []string) error {
	cands, err := candidates(root, extra)
	if len(cands) == 0 {
		fmt.Fprintln(out, "no scanners found under /dev/serial, /dev/input/by-id or /sys/class/hidraw; is one plugged in?")
	}
	for _, c := range cands {
		fmt.Fprintf(out, "%-7s %s -> %s", c.Kind, c.Path, c.Target)
		if c.VID != 0 {
			fmt.Fprintf(out, " usb %04x:%04x %s", c.VID, c.PID, c.Vendor())
		}
		for _, h := range serialport.Holders(filepath.Join(root, "proc"), c.Path) {
			fmt.Fprintf(out, " [open in %s]", h)
		}
		fmt.Fprintln(out)
	}
	if modemManager(filepath.Join(root, "proc")) {
		fmt.Fprintln(out, "warning: ModemManager is running; it probes new ttyACM ports for ~10 s. Tag scanners with ENV{ID_MM_DEVICE_IGNORE}=\"1\" in udev or stop it")
	}
	return err
}

// modemManager reports whether a ModemManager process is running.
func modemManager(proc string) bool {
	comms, _ := filepath.Glob(filepath.Join(proc, "[0-9]*", "comm"))
	for _, c := range comms {
		if b, err := os.ReadFile(c); err == nil && strings.TrimSpace(string(b)) == "ModemManager" {
			return true
		}
	}
	return false
}

// listener supervises every scanner found and prints their scans.
type listener struct {
	out     io.Writer
	mode    serialport.Mode
	mu      sync.Mutex // guards out, dec and running
	dec     barcode.Decoder
	running map[string]context.CancelFunc
	wg      sync.WaitGroup
}

func (l *listener) run(ctx context.Context, root string, extra []string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer l.wg.Wait()
	defer cancel()
	for _, p := range extra {
		l.start(ctx, discover.Candidate{Kind: discover.Serial, Path: p, Name: p, Target: p})
	}
	events := make(chan discover.Uevent, 16)
	if n, err := discover.ListenUevents(); err == nil {
		l.goRun(func() { _ = n.Run(ctx, events) })
	} else {
		close(events)
	}
	w := discover.NewWatcher(discover.WatcherConfig{Root: root, Events: events,
		OnChange: func(added, removed []discover.Candidate) { l.change(ctx, added, removed) }})
	l.printf("listening; scan something (Ctrl-C to stop)\n")
	return w.Run(ctx)
}

func (l *listener) goRun(fn func()) {
	l.wg.Add(1)
	go func() { defer l.wg.Done(); fn() }()
}

func (l *listener) change(ctx context.Context, added, removed []discover.Candidate) {
	for _, c := range removed {
		l.mu.Lock()
		if stop, ok := l.running[c.Path]; ok {
			stop()
			delete(l.running, c.Path)
		}
		l.mu.Unlock()
	}
	for _, c := range added {
		l.start(ctx, c)
	}
}

// start supervises one candidate until ctx ends or it is removed.
func (l *listener) start(ctx context.Context, c discover.Candidate) {
	open, serve, err := l.backend(c)
	if err != nil {
		l.printf("%s: %v\n", c.Path, err)
		return
	}
	sup, err := scanner.NewSupervisor(scanner.SupervisorConfig{Name: c.Name, Open: open, Serve: serve,
		OnState: func(up bool) {
			l.printf("%s %s %s\n", stamp(time.Now()), c.Name, map[bool]string{true: "online", false: "offline"}[up])
		}})
	if err != nil {
		l.printf("%s: %v\n", c.Path, err)
		return
	}
	sctx, stop := context.WithCancel(ctx)
	l.mu.Lock()
	l.running[c.Path] = stop
	l.mu.Unlock()
	l.goRun(func() { _ = sup.Run(sctx) })
}

// backend opens and serves c like the daemon does.
func (l *listener) backend(c discover.Candidate) (func(context.Context) (scanner.Device, error), func(context.Context, scanner.Device) error, error) {
	kind := map[discover.Kind]string{discover.Serial: "serial", discover.Evdev: "evdev", discover.HIDRaw: "hidraw"}[c.Kind]
	sc := floor.ScannerConfig{ID: c.Name, Kind: kind, Path: c.Path, Serial: l.mode}
	open, err := openScanner(sc)
	if err != nil {
		return nil, nil, err
	}
	serve, err := floor.Serve(sc, func(f scanner.Frame) { l.show(c, f) }, time.Now)
	return open, serve, err
}

// show prints one frame: when, which scanner, the data, the raw bytes
// in hex and what the barcode decoder makes of it.
func (l *listener) show(c discover.Candidate, f scanner.Frame) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.out, "%s %s %s %q raw=% x", stamp(f.At), c.Name, c.Kind, f.Data, f.Raw)
	if f.Err != nil {
		fmt.Fprintf(l.out, " error=%q\n", f.Err.Error())
		return
	}
	r, err := l.dec.Decode(f.Data)
	rep := barcode.NewReport(r, err, f.At)
	fmt.Fprintf(l.out, " symbology=%q form=%s valid=%v", rep.Symbology, rep.Form, rep.Valid)
	if rep.GTIN != "" {
		fmt.Fprintf(l.out, " gtin=%s", rep.GTIN)
	}
	for _, e := range rep.Errors {
		fmt.Fprintf(l.out, " error=%q", e.Message)
	}
	fmt.Fprintln(l.out)
}

func (l *listener) printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.out, format, args...)
}

func stamp(t time.Time) string { return t.Format("15:04:05.000") }
