package nginxconf

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	conf, err := Parse(`# a comment
pid /tmp/nginx.pid;   # and another
http {
    types { }
    server {
        listen 8080;
        location ~ \.[A-Za-z0-9]+$ {
            add_header Cache-Control "no-cache" always;
        }
        location = /healthz {
            return 200 "ok\n";
        }
        set $x "${host}{x}";
        rewrite ^/a\;b$ /c;
    }
}
`)
	if err != nil {
		t.Fatal(err)
	}
	if pid := Find(conf, "pid"); len(pid) != 1 || !reflect.DeepEqual(pid[0].Args, []string{"/tmp/nginx.pid"}) || pid[0].Line != 2 {
		t.Errorf("pid: %+v", pid)
	}
	if types := Find(conf, "http", "types"); len(types) != 1 || types[0].Block == nil || len(types[0].Block) != 0 {
		t.Errorf("an empty block: %+v", types)
	}
	if listen := Find(conf, "http", "server", "listen"); len(listen) != 1 || listen[0].Args[0] != "8080" || listen[0].Block != nil {
		t.Errorf("listen: %+v", listen)
	}
	locations := Find(conf, "http", "server", "location")
	if len(locations) != 2 || !reflect.DeepEqual(locations[0].Args, []string{"~", `\.[A-Za-z0-9]+$`}) ||
		!reflect.DeepEqual(locations[1].Block[0].Args, []string{"200", "ok\n"}) {
		t.Errorf("locations: %+v", locations)
	}
	if h := Find(locations[0].Block, "add_header"); len(h) != 1 || !reflect.DeepEqual(h[0].Args, []string{"Cache-Control", "no-cache", "always"}) {
		t.Errorf("add_header: %+v", h)
	}
	if set := Find(conf, "http", "server", "set"); len(set) != 1 || set[0].Args[1] != "${host}{x}" {
		t.Errorf("set: %+v", set)
	}
	if rw := Find(conf, "http", "server", "rewrite"); len(rw) != 1 || rw[0].Args[0] != `^/a\;b$` {
		t.Errorf("an escaped ; stays in its word: %+v", rw)
	}
	var names []string
	Walk(conf, func(d Directive) { names = append(names, d.Name) })
	if want := []string{"pid", "http", "types", "server", "listen", "location", "add_header", "location", "return", "set", "rewrite"}; !reflect.DeepEqual(names, want) {
		t.Errorf("Walk: %v, want %v", names, want)
	}
}

func TestParseErrors(t *testing.T) {
	for _, src := range []string{
		"http {",
		"}",
		"listen 8080",
		"; listen 8080;",
		`return 200 "ok;`,
		"server { listen 80 }",
	} {
		if _, err := Parse(src); err == nil {
			t.Errorf("%q parsed without an error", src)
		}
	}
}
