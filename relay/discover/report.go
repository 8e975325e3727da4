package discover

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/edged/edged/relay"
)

// Report is what Match found, per channel read.
type Report struct {
	// Catalog counts the distinct catalog SKUs.
	Catalog  int             `json:"catalog_skus"`
	Channels []ChannelReport `json:"channels"`
}

// ChannelReport is one channel's side of a Report.
type ChannelReport struct {
	Channel relay.Channel `json:"channel"`
	// Listings counts what the channel listed (one per location).
	Listings int `json:"listings"`
	// Matched counts catalog SKUs mapped; Rows the mapping rows written.
	Matched int `json:"matched"`
	Rows    int `json:"rows"`
	// Unknown are listings whose seller SKU is not in the catalog.
	Unknown []relay.Listing `json:"unknown"`
	// Missing are catalog SKUs the channel does not list.
	Missing []string `json:"missing"`
	// Duplicates are seller SKUs on several listings; none is mapped.
	Duplicates []Duplicate `json:"duplicates"`
	// Blank are listings without a seller SKU.
	Blank []relay.Listing `json:"blank"`
	// Unstocked are Shopify variants stocked at no location.
	Unstocked []relay.Listing `json:"unstocked,omitempty"`
}

// Duplicate is one seller SKU on several listings of a channel.
type Duplicate struct {
	SellerSKU string `json:"seller_sku"`
	// Known says whether the SKU is in the catalog.
	Known    bool            `json:"known"`
	Listings []relay.Listing `json:"listings"`
}

// textLimit caps each list in WriteText; the JSON has everything.
const textLimit = 20

// WriteJSON writes the report as indented JSON.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes a summary table, then each channel's problems, at most
// 20 of each kind.
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "catalog: %d SKUs\n\n", r.Catalog)
	fmt.Fprintln(tw, "CHANNEL\tLISTINGS\tMATCHED\tROWS\tUNKNOWN\tMISSING\tDUPLICATES\tBLANK\tUNSTOCKED")
	for _, c := range r.Channels {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", c.Channel, c.Listings, c.Matched, c.Rows,
			len(c.Unknown), len(c.Missing), len(c.Duplicates), len(c.Blank), len(c.Unstocked))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, c := range r.Channels {
		writeProblems(w, c)
	}
	return nil
}

func writeProblems(w io.Writer, c ChannelReport) {
	list(w, c.Channel, "not in the catalog", len(c.Unknown), func(i int) string { return describe(c.Unknown[i]) })
	list(w, c.Channel, "catalog SKUs not listed", len(c.Missing), func(i int) string { return c.Missing[i] })
	list(w, c.Channel, "seller SKUs on several listings (not mapped)", len(c.Duplicates), func(i int) string {
		d := c.Duplicates[i]
		s := fmt.Sprintf("%s on %d listings:", d.SellerSKU, len(d.Listings))
		for _, l := range d.Listings {
			s += " " + where(l)
		}
		return s
	})
	list(w, c.Channel, "listings without a seller SKU", len(c.Blank), func(i int) string { return describe(c.Blank[i]) })
	list(w, c.Channel, "variants stocked at no location", len(c.Unstocked), func(i int) string { return describe(c.Unstocked[i]) })
}

func list(w io.Writer, ch relay.Channel, what string, n int, line func(int) string) {
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s: %d %s\n", ch, n, what)
	for i := range min(n, textLimit) {
		fmt.Fprintf(w, "  %s\n", line(i))
	}
	if n > textLimit {
		fmt.Fprintf(w, "  … and %d more (see --json)\n", n-textLimit)
	}
}

func describe(l relay.Listing) string {
	s := where(l)
	if l.SellerSKU != "" {
		s = l.SellerSKU + " " + s
	}
	if l.Title != "" {
		s += fmt.Sprintf(" %q", l.Title)
	}
	return s
}

// where names a listing: item/variant[@location].
func where(l relay.Listing) string {
	s := l.Item
	if l.Variant != "" {
		s += "/" + l.Variant
	}
	if l.Location != "" {
		s += "@" + l.Location
	}
	return s
}
