// Package nginxconf reads nginx configuration files into their directives,
// so that a test can take a fact from nginx.conf (the port it listens on,
// its locations, the paths it writes) instead of repeating it. It follows
// nginx's own tokenizer: words, quoted strings, comments, `;` and blocks;
// it does not follow includes.
package nginxconf

import (
	"fmt"
	"os"
	"strings"
)

// Directive is one directive: `name args...;` or `name args... { block }`.
type Directive struct {
	Name  string
	Args  []string
	Block []Directive // nil for a simple directive, non-nil (maybe empty) for a block
	Line  int
}

// ParseFile reads the configuration file at path.
func ParseFile(path string) ([]Directive, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	conf, err := Parse(string(data))
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	return conf, nil
}

// Parse reads a configuration.
func Parse(src string) ([]Directive, error) {
	p := &parser{src: src, line: 1}
	conf, err := p.block(false)
	if err != nil {
		return nil, fmt.Errorf("%d: %w", p.line, err)
	}
	return conf, nil
}

// Find returns the directives that the path of names leads to, such as
// Find(conf, "http", "server", "listen").
func Find(conf []Directive, path ...string) []Directive {
	if len(path) == 0 {
		return nil
	}
	var out []Directive
	for _, d := range conf {
		if d.Name != path[0] {
			continue
		}
		if len(path) == 1 {
			out = append(out, d)
		} else {
			out = append(out, Find(d.Block, path[1:]...)...)
		}
	}
	return out
}

// Walk calls fn for every directive, a block before what it holds.
func Walk(conf []Directive, fn func(Directive)) {
	for _, d := range conf {
		fn(d)
		Walk(d.Block, fn)
	}
}

type parser struct {
	src  string
	pos  int
	line int
}

// token kinds besides words.
const (
	endDirective = ";"
	openBlock    = "{"
	closeBlock   = "}"
)

// block reads directives up to the end of the input or, inside a block,
// up to its closing brace.
func (p *parser) block(inside bool) ([]Directive, error) {
	conf := []Directive{}
	var words []string
	line := 0
	for {
		tok, word, err := p.token()
		if err != nil {
			return nil, err
		}
		switch {
		case tok == "" && !word:
			if inside {
				return nil, fmt.Errorf("unexpected end of file, expecting %q", closeBlock)
			}
			if len(words) > 0 {
				return nil, fmt.Errorf("unexpected end of file, expecting %q or %q", endDirective, openBlock)
			}
			return conf, nil
		case word:
			if len(words) == 0 {
				line = p.line
			}
			words = append(words, tok)
		case tok == endDirective || tok == openBlock:
			if len(words) == 0 {
				return nil, fmt.Errorf("unexpected %q", tok)
			}
			d := Directive{Name: words[0], Args: words[1:], Line: line}
			if tok == openBlock {
				if d.Block, err = p.block(true); err != nil {
					return nil, err
				}
			}
			conf = append(conf, d)
			words = nil
		case tok == closeBlock:
			if !inside || len(words) > 0 {
				return nil, fmt.Errorf("unexpected %q", closeBlock)
			}
			return conf, nil
		}
	}
}

// token returns the next word (word is true), or one of ; { }, or "" at
// the end of the input.
func (p *parser) token() (tok string, word bool, err error) {
	for p.pos < len(p.src) {
		switch c := p.src[p.pos]; {
		case c == '\n':
			p.line++
			p.pos++
		case c == ' ' || c == '\t' || c == '\r':
			p.pos++
		case c == '#':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		case c == ';' || c == '{' || c == '}':
			p.pos++
			return string(c), false, nil
		case c == '"' || c == '\'':
			s, err := p.quoted(c)
			return s, true, err
		default:
			return p.bare(), true, nil
		}
	}
	return "", false, nil
}

// quoted reads a string in quotes, with nginx's escapes.
func (p *parser) quoted(quote byte) (string, error) {
	start := p.line
	p.pos++
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		p.pos++
		switch {
		case c == quote:
			return b.String(), nil
		case c == '\\' && p.pos < len(p.src):
			next := p.src[p.pos]
			p.pos++
			switch next {
			case '"', '\'', '\\':
				b.WriteByte(next)
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			default:
				b.WriteByte('\\')
				b.WriteByte(next)
			}
		default:
			if c == '\n' {
				p.line++
			}
			b.WriteByte(c)
		}
	}
	return "", fmt.Errorf("the string opened on line %d does not end", start)
}

// bare reads a word up to a space, ; { or }. A backslash keeps the next
// character in the word, and so does ${ for a variable's name.
func (p *parser) bare() string {
	start := p.pos
	for p.pos < len(p.src) {
		switch c := p.src[p.pos]; {
		case c == '\\' && p.pos+1 < len(p.src):
			p.pos += 2
		case c == '{' && p.pos > start && p.src[p.pos-1] == '$':
			for p.pos < len(p.src) && p.src[p.pos] != '}' {
				p.pos++
			}
			p.pos++
		case strings.IndexByte(" \t\r\n;{}", c) >= 0:
			return p.src[start:p.pos]
		default:
			p.pos++
		}
	}
	return p.src[start:p.pos]
}
