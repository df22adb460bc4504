package main

import (
	"strconv"

	"github.com/gowasm/gowasm/app/tabular"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// tools is the page: a header like the React app's, the hasher and the
// data tool.
type tools struct {
	app.Compo
}

// OnAppUpdate reloads the page when go-app's service worker has
// installed a new build, once that worker is active, so that a
// visit after a deploy runs it.
func (t *tools) OnAppUpdate(ctx app.Context) {
	if ctx.AppUpdateAvailable() {
		reloadOnceActive(ctx)
	}
}

func (t *tools) Render() app.UI {
	return app.Div().Body(
		app.A().Class("skip").Href("#main").Text("Skip to content"),
		app.Header().Class("top").Body(
			app.A().Href("/").Class("brand").Text("gowasm"),
			app.Nav().Aria("label", "Tools").Body(
				app.A().Href("/image").Text("Image"),
				app.A().Href("/hash").Text("Hash"),
				app.A().Href("/data").Text("Data"),
				app.A().Href("/bench").Text("Bench"),
				app.A().Href("/vue/").Text("Vue"),
				app.A().Href("/goapp/").Aria("current", "page").Text("Go"),
			),
		),
		app.Main().ID("main").Body(
			app.H1().Text("The tools in pure Go"),
			app.P().Class("lead").Text("This page is written in Go with go-app: its components call the Go hashing and statistics code directly, in one WebAssembly module."),
			&hasher{},
			&dataTool{},
		),
		app.Footer().Class("muted").Text("Everything here runs in your browser. Nothing is uploaded."),
	)
}

// dataTool analyzes the CSV typed into it, as it is typed.
type dataTool struct {
	app.Compo
	csv   string
	table tabular.Table
	err   string
}

func (d *dataTool) Render() app.UI {
	return app.Section().Class("panel").Aria("labelledby", "goapp-data").Body(
		app.H2().ID("goapp-data").Text("Data"),
		app.Label().For("goapp-csv").Text("CSV (the first row names the columns); results follow as you type"),
		app.Textarea().ID("goapp-csv").Rows(8).Spellcheck(false).Text(d.csv).OnInput(d.onInput),
		app.Div().Aria("live", "polite").Body(
			app.If(d.err != "", app.P().Attr("role", "alert").Text(d.err)).
				ElseIf(d.table.Columns != nil, d.renderTable()),
		),
	)
}

// sampleCSV is what the data tool opens with: a week of weather.
const sampleCSV = `day,high,low,rain
1,12.5,4.1,0
2,14.0,5.3,1.2
3,9.8,2.7,6.4
4,11.2,3.9,0.3
5,15.6,7.0,0
6,16.1,8.2,0
7,13.4,6.5,2.1
`

// OnMount opens the tool with the sample analyzed, unless something was
// typed first: the page's first result of Go, marked as first-result once
// it is rendered.
func (d *dataTool) OnMount(ctx app.Context) {
	ctx.Dispatch(func(app.Context) {
		if d.csv == "" {
			d.analyze(sampleCSV)
		}
	})
	ctx.Defer(func(app.Context) { markFirstResult() })
}

func (d *dataTool) onInput(ctx app.Context, e app.Event) {
	d.analyze(ctx.JSSrc().Get("value").String())
}

func (d *dataTool) analyze(csv string) {
	d.csv = csv
	d.err = ""
	t, err := tabular.Analyze(d.csv)
	if err != nil {
		d.err = err.Error()
		d.table = tabular.Table{}
		return
	}
	d.table = t
}

func (d *dataTool) renderTable() app.UI {
	head := []string{"Column", "Count", "Missing", "Mean", "Std dev", "Min", "5%", "25%", "50%", "75%", "95%", "Max"}
	return app.Div().Body(
		app.P().Class("summary").Text(strconv.Itoa(d.table.Rows)+" rows, "+strconv.Itoa(len(d.table.Columns))+" columns."),
		app.Div().Class("scroll").Body(
			app.Table().Class("stats").Body(
				app.THead().Body(app.Tr().Body(app.Range(head).Slice(func(i int) app.UI {
					return app.Th().Scope("col").Text(head[i])
				}))),
				app.TBody().Body(app.Range(d.table.Columns).Slice(func(i int) app.UI {
					c := d.table.Columns[i]
					row := []app.UI{app.Th().Scope("row").Text(c.Name), app.Td().Text(strconv.Itoa(c.Count)), app.Td().Text(strconv.Itoa(c.Missing))}
					if c.Numeric {
						row = append(row, stat("mean", c.Mean), stat("stdDev", c.StdDev), stat("min", c.Min))
						for q, v := range c.Quantiles {
							row = append(row, stat("q"+strconv.Itoa(q), v))
						}
						row = append(row, stat("max", c.Max))
					} else {
						row = append(row, app.Td().ColSpan(9).Class("muted").Text("text"))
					}
					return app.Tr().DataSet("column", c.Name).Body(row...)
				})),
			),
		),
	)
}

// stat is a table cell showing v to 6 significant digits, with v in
// full in data-value (Go's shortest form, which parses back exactly).
func stat(name string, v float64) app.UI {
	full := strconv.FormatFloat(v, 'g', -1, 64)
	short, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 6, 64), 64)
	return app.Td().DataSet("stat", name).DataSet("value", full).Text(strconv.FormatFloat(short, 'g', -1, 64))
}
