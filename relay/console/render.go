package console

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"
)

//go:embed templates/*.html static
var assets embed.FS

// pageNames are the pages; each is templates/NAME.html over base.html.
var pageNames = []string{"login", "stock", "sku", "gateways", "channels", "instances"}

// pages holds one template set per page.
type pages struct {
	sets map[string]*template.Template
}

func parsePages() (*pages, error) {
	p := &pages{sets: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.New("base.html").Funcs(funcs).ParseFS(assets, "templates/base.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("console: template %s: %w", name, err)
		}
		p.sets[name] = t
	}
	return p, nil
}

// fragment renders one named template of a page's set (a table body or
// a row) for the live updates.
func (p *pages) fragment(page, name string, data any) (string, error) {
	var b bytes.Buffer
	if err := p.sets[page].ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("console: rendering %s/%s: %w", page, name, err)
	}
	return b.String(), nil
}

// layout is what base.html gets: the page's data and who is logged in.
type layout struct {
	Page, User string
	Data       any
}

// render writes a whole page; it renders into a buffer first so a
// template error becomes a clean 500.
func (c *console) render(w http.ResponseWriter, r *http.Request, code int, page string, data any) {
	var b bytes.Buffer
	if err := c.pages.sets[page].Execute(&b, layout{Page: page, User: userOf(r), Data: data}); err != nil {
		c.log.Error("console: rendering", "page", page, "err", err)
		http.Error(w, "the page could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = b.WriteTo(w)
}

var funcs = template.FuncMap{
	"stamp":     stamp,
	"clock":     clock,
	"ago":       ago,
	"disagrees": disagrees,
	"told": func(n int64) string {
		if n < 0 {
			return "not recorded"
		}
		return fmt.Sprint(n)
	},
	"add": func(a, b int) int { return a + b },
	// gatewayID drops the ledger epoch from a gateway's stream key
	// (gw-1@9f3c…): the title attribute keeps it.
	"gatewayID": func(stream string) string { id, _, _ := strings.Cut(stream, "@"); return id },
	"dur":       func(d time.Duration) string { return d.Round(time.Millisecond).String() },
	"expiry": func(now, t time.Time) string {
		if t.IsZero() {
			return "does not expire"
		}
		return "in " + t.Sub(now).Round(time.Minute).String() + " (" + stamp(t) + ")"
	},
}

// stamp is a time as the pages show it: UTC, to the second.
func stamp(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// clock is the time of day of a recent time.
func clock(t time.Time) string { return t.UTC().Format("15:04:05 UTC") }

// ago is how long before now t was.
func ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return now.Sub(t).Round(time.Second).String() + " ago"
}
