package report

import (
	"html/template"
	"io"
)

// htmlRows caps the table rows on the page; CSV has them all.
const htmlRows = 100

const pageHTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>edged inventory report</title>
<style>
body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:2px solid #333}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:#f3f6fa;border-radius:6px;padding:10px 14px;min-width:160px}
.card b{display:block;font-size:20px}.card span{font-size:12px;color:#555}
.chart{margin:16px 0}.chart svg{width:100%;height:auto;max-width:900px;background:#fff;border:1px solid #ddd}
table{border-collapse:collapse;font-size:12px;margin-top:12px}
td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#eee}
td:first-child,td:nth-child(2){text-align:left}.more{font-size:12px;color:#555}
</style></head><body>
<h1>Inventory report</h1>
{{range .}}<section id="{{.Name}}"><h2>{{.Title}}</h2>
<p class="more">{{.Period.From.Format "2006-01-02"}} to {{(.Period.To.AddDate 0 0 -1).Format "2006-01-02"}}</p>
<div class="cards">{{range .Summary}}<div class="card"><b>{{.Value}}</b><span>{{.Label}}</span></div>{{end}}</div>
{{range .Charts}}<div class="chart">{{.SVG}}</div>{{end}}
{{if .Rows}}<table><tr>{{range .Columns}}<th>{{.}}</th>{{end}}</tr>
{{range rows .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</table>
{{if gt (len .Rows) 100}}<p class="more">first 100 of {{len .Rows}} rows; the CSV format has them all</p>{{end}}{{end}}
</section>{{end}}
</body></html>
`

func writeHTML(w io.Writer, reports []*Report) error {
	t := template.Must(template.New("page").Funcs(template.FuncMap{
		"rows": func(rs [][]string) [][]string { return rs[:min(len(rs), htmlRows)] },
	}).Parse(pageHTML))
	return t.Execute(w, reports)
}
