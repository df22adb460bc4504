package dockerfile

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	stages, err := Parse(strings.NewReader(`FROM golang:1.26 AS build
RUN make build
FROM debian:12
COPY --from=build /src/dist/ /usr/share/nginx/html/
CMD ["nginx", "-g", "daemon off;"]
stopsignal SIGQUIT
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(stages) != 2 || len(stages[0]) != 2 || len(stages[1]) != 4 {
		t.Fatalf("stages %+v, want 2 and 4 instructions", stages)
	}
	copies := stages[1].Find("COPY")
	if len(copies) != 1 || !reflect.DeepEqual(copies[0].Flags, []string{"--from=build"}) || !reflect.DeepEqual(copies[0].Args, []string{"/src/dist/", "/usr/share/nginx/html/"}) {
		t.Errorf("COPY %+v", copies)
	}
	if cmd := stages[1].Find("CMD"); len(cmd) != 1 || !cmd[0].JSON || !reflect.DeepEqual(cmd[0].Args, []string{"nginx", "-g", "daemon off;"}) {
		t.Errorf("CMD %+v", cmd)
	}
	if stop := stages[1].Find("STOPSIGNAL"); len(stop) != 1 || stop[0].Args[0] != "SIGQUIT" {
		t.Errorf("a lower-case keyword: %+v", stop)
	}
	if run := stages[0].Find("RUN"); len(run) != 1 || run[0].JSON || run[0].Args[0] != "make build" {
		t.Errorf("RUN %+v", run)
	}
}

func TestParseErrors(t *testing.T) {
	for _, src := range []string{"RUN make\nFROM debian:12\n", ""} {
		if _, err := Parse(strings.NewReader(src)); err == nil {
			t.Errorf("%q parsed without an error", src)
		}
	}
}
