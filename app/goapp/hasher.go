package main

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// hasher hashes the files chosen in it with app/hashing, one at a time,
// on the module's own goroutines; the page stays live while it reads.
type hasher struct {
	app.Compo
	jobs []*hashJob
}

type hashJob struct {
	name    string
	size    int64
	done    int64
	digests map[string]string
	err     string
}

func (h *hasher) Render() app.UI {
	return app.Section().Class("panel").Aria("labelledby", "goapp-hasher").Body(
		app.H2().ID("goapp-hasher").Text("File hasher"),
		app.Div().Class("drop").Body(
			app.Label().For("goapp-files").Text("Choose files to hash (SHA-256 and SHA-512)"),
			app.Input().ID("goapp-files").Type("file").Multiple(true).OnChange(h.onFiles),
		),
		app.Ul().Class("jobs").Aria("live", "polite").Body(app.Range(h.jobs).Slice(func(i int) app.UI {
			j := h.jobs[i]
			state := "hashing"
			switch {
			case j.err != "":
				state = "failed"
			case j.digests != nil:
				state = "done"
			}
			return app.Li().Class("job").DataSet("state", state).Body(
				app.Div().Class("job-head").Body(
					app.Strong().Class("name").Text(j.name),
					app.Span().Class("muted").Text(" "+strconv.FormatInt(j.size, 10)+" bytes"),
				),
				app.If(state == "hashing", app.Progress().Max(float64(max(j.size, 1))).Value(float64(j.done))).
					ElseIf(state == "done", app.Dl().Class("digests").Body(
						digest("SHA-256", "sha256", j.digests["sha256"]),
						digest("SHA-512", "sha512", j.digests["sha512"]),
					)).
					Else(app.P().Attr("role", "alert").Text(j.err)),
			)
		})),
	)
}

func digest(label, algorithm, hex string) app.UI {
	return app.Div().Body(app.Dt().Text(label), app.Dd().Body(app.Output().Class("mono").DataSet("algorithm", algorithm).Text(hex)))
}
