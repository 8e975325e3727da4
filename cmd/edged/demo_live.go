package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/edged/edged/device/llrp/llrptest"
	"github.com/edged/edged/gateway"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/uplink/mqtt"
	"github.com/edged/edged/workflow/floor"
)

// demoOptions are the flags of `edged demo`.
type demoOptions struct {
	duration time.Duration
	summary  bool
	keep     string
	broker   string
	// console is where the relay's web console listens; stay keeps it
	// (and the relay) running after the demo until interrupted.
	console string
	stay    bool
}

func newLiveDemoCmd() *cobra.Command {
	var o demoOptions
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run the whole system on embedded defaults: fake RFID reader, gateway, ledger, MQTT, relay",
		Long: `Runs the whole system in one process with nothing to install: a fake
LLRP reader on 127.0.0.1 whose tagged cartons arrive at the dock, are
put away on two shelves and leave through the shipping door; the
presence inventory; the ledger in a temporary directory; the uplink over
an embedded MQTT broker; the relay's intake into its master stock. A
live view shows stock per location beside the relay's quantity, the
latest movements and reader health; at the end the ledger is verified
and compared with the relay. The relay's web console opens at
http://127.0.0.1:9338/console/ with a login printed at the start (--stay
keeps it open after the run). --json-summary prints the outcome as JSON.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runLiveDemo(cmd.Context(), cmd.OutOrStdout(), o)
		},
	}
	cmd.Flags().DurationVar(&o.duration, "duration", 30*time.Second, "how long to run")
	cmd.Flags().BoolVar(&o.summary, "json-summary", false, "print only a JSON summary at the end")
	cmd.Flags().StringVar(&o.keep, "keep", "", "keep the demo ledger in this directory")
	cmd.Flags().StringVar(&o.broker, "broker", "", "use this MQTT broker (tcp://host:port) instead of the embedded one")
	cmd.Flags().StringVar(&o.console, "console", defaultDemoConsole, "serve the relay's web console here (a free port when the default is taken)")
	cmd.Flags().BoolVar(&o.stay, "stay", false, "keep the relay and its console running after the demo, until Ctrl-C")
	return cmd
}

// demoSummary is what --json-summary prints.
type demoSummary struct {
	Duration       string           `json:"duration"`
	EventsRecorded uint64           `json:"events_recorded"`
	EventsAcked    uint64           `json:"events_acknowledged"`
	VerifyPassed   bool             `json:"ledger_verify_passed"`
	VerifyError    string           `json:"ledger_verify_error,omitempty"`
	Movements      any              `json:"movements"`
	Stock          []ledger.Balance `json:"stock"`
	// Relay is the master on hand per SKU the relay holds.
	Relay map[string]int64 `json:"relay_on_hand"`
	// Pushes counts the quantities each marketplace accepted.
	Pushes map[string]uint64 `json:"pushes"`
	// MarketplaceSales are the orders shoppers placed on the simulators.
	MarketplaceSales int `json:"marketplace_sales"`
	// Console is the relay's web console and this run's login.
	Console *demoConsole `json:"console"`
	// Disagreeing counts the Disagreements: SKUs whose ledger and relay
	// on hand differ, or whose quantity on some channel is not what the
	// relay computed, once the demo waited for them to settle.
	Disagreeing   int            `json:"skus_disagreeing"`
	Disagreements []disagreement `json:"disagreements,omitempty"`
}

func runLiveDemo(ctx context.Context, w io.Writer, o demoOptions) error {
	dir, cleanup, err := demoDir(o.keep)
	if err != nil {
		return err
	}
	defer cleanup()
	l, err := ledger.Open(filepath.Join(dir, "ledger.db"), nil)
	if err != nil {
		return err
	}
	defer l.Close()
	if err := demoStock(ctx, l); err != nil {
		return err
	}
	reader, addr, stopReader, err := startDemoReader()
	if err != nil {
		return err
	}
	defer stopReader()
	cloud, err := startDemoCloud(dir, o.broker, o.console)
	if err != nil {
		return err
	}
	defer cloud.close()
	sc, err := openDemoScanner()
	if err != nil {
		return err
	}
	defer sc.close()
	cfg := demoGatewayConfig(addr)
	cfg.MQTT.Broker = cloud.url
	cfg.MQTT.DrainOnStop = 20 * time.Second     // the summary counts acknowledgements: let them all land
	cfg.Uplink.HealthInterval = 5 * time.Second // the console's gateways page shows backlog and clock soon
	cfg.Scanners = []floor.ScannerConfig{{ID: "handheld-1", Path: sc.path(), Feedback: "honeywell"}}
	cfg.Workflow.UnitCosts = demoCosts()
	d, err := mqtt.NewDialer(mqtt.Config{Broker: cloud.url, ClientID: cfg.Gateway}, nil, nil)
	if err != nil {
		return err
	}
	g, err := gateway.New(cfg, gateway.Parts{Ledger: l, Dial: dialTCP, OpenScanner: openScanner, UplinkDialer: d, Version: version()})
	if err != nil {
		return err
	}
	return demoRun(ctx, w, o, demoParts{l, g, reader, cloud, sc})
}

// demoParts are the running pieces of the demo.
type demoParts struct {
	l      *ledger.Ledger
	g      *gateway.Gateway
	reader *llrptest.Reader
	cloud  *demoCloud
	sc     *demoScanner
}

func demoDir(keep string) (string, func(), error) {
	if keep != "" {
		return keep, func() {}, os.MkdirAll(keep, 0o755)
	}
	dir, err := os.MkdirTemp("", "edged-demo-")
	return dir, func() { os.RemoveAll(dir) }, err
}

// demoStock imports the untagged Day-One stock on the shelves.
func demoStock(ctx context.Context, l *ledger.Ledger) error {
	events, err := ledger.ParseBaselineCSV(strings.NewReader(`sku,location,qty,unit_cost
TEE-BLK-M,SHELF-A,40,4.20
MUG-WHT,SHELF-B,60,2.75
`), "demo")
	if err == nil {
		_, err = l.ImportBaseline(ctx, events)
	}
	return err
}

func startDemoReader() (*llrptest.Reader, string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", nil, err
	}
	r := llrptest.New(llrptest.Options{Tags: len(demoCartons), Rate: 400, Parked: true, RSSIMin: -55, RSSIMax: -50,
		EPC: func(i int) [12]byte { return demoCartons[i].epc }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = r.Serve(ctx, ln) }()
	return r, ln.Addr().String(), func() { cancel(); <-done }, nil
}

func demoRun(ctx context.Context, w io.Writer, o demoOptions, p demoParts) error {
	interrupted := ctx // --stay waits for it after the run
	ctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- p.g.Run(ctx) }()
	view := newDemoView(w, !o.summary)
	choreo := newChoreography(p.reader, p.g)
	tick := time.NewTicker(300 * time.Millisecond)
	defer tick.Stop()
	for running := true; running; {
		select {
		case <-ctx.Done():
			running = false
		case <-tick.C:
			choreo.step()
			p.sc.scan()
			if choreo.next%5 == 0 {
				p.cloud.shop(ctx)
			}
			view.draw(p)
		}
	}
	if err := <-done; err != nil {
		return err
	}
	return demoFinish(interrupted, w, o, p)
}

func demoFinish(ctx context.Context, w io.Writer, o demoOptions, p demoParts) error {
	l := p.l
	dis, st, err := converge(p.cloud, l, 10*time.Second)
	if err != nil {
		return err
	}
	stock, _ := l.Balances("", "")
	s := demoSummary{Duration: o.duration.String(), EventsRecorded: st.Head, EventsAcked: st.Acked,
		Movements: p.g.Health().Movements, Stock: stock, Relay: p.cloud.levels(),
		Pushes: p.cloud.pushes(), MarketplaceSales: p.cloud.sales, Disagreeing: len(dis), Disagreements: dis,
		Console: p.cloud.console}
	if _, err := l.Verify(); err != nil {
		s.VerifyError = err.Error()
	} else {
		s.VerifyPassed = true
	}
	if o.summary {
		if err := orJSON(w, s, nil); err != nil {
			return err
		}
	} else {
		printDemoOutcome(w, s)
	}
	if o.stay {
		if !o.summary { // the JSON stays one document
			fmt.Fprintf(w, "\nthe relay keeps running: %s; Ctrl-C to stop\n", s.Console.line())
		}
		<-ctx.Done()
	}
	switch {
	case !s.VerifyPassed:
		return &exitError{1, fmt.Errorf("ledger verify failed")}
	case len(dis) > 0:
		return &exitError{1, fmt.Errorf("%d disagreements after the demo", len(dis))}
	}
	return nil
}

func printDemoOutcome(w io.Writer, s demoSummary) {
	if !s.VerifyPassed {
		fmt.Fprintf(w, "\ndemo over: %d events recorded, ledger verify FAILED: %s\n", s.EventsRecorded, s.VerifyError)
		return
	}
	fmt.Fprintf(w, "\ndemo over: %d events recorded, %d acknowledged by the relay, %d marketplace orders; pushes: %s; ledger verify OK\n",
		s.EventsRecorded, s.EventsAcked, s.MarketplaceSales, pushesLine(s.Pushes))
	if s.Console != nil {
		fmt.Fprintln(w, s.Console.line())
	}
	if len(s.Disagreements) == 0 {
		fmt.Fprintln(w, "ledger, relay and the four channels agree on every SKU")
		return
	}
	fmt.Fprintf(w, "%d DISAGREEING after waiting for the relay and the channels to settle:\n", len(s.Disagreements))
	for _, d := range s.Disagreements {
		fmt.Fprintln(w, "  "+d.String())
	}
}
