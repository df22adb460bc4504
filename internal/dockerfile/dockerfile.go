// Package dockerfile reads a Dockerfile with moby/buildkit's parser, the
// one Docker builds with. No Docker engine runs where the tests run, so
// they check the image by reading its Dockerfile: e2e/serving checks its
// stages, deploy/kubernetes that the manifests run it as it is built.
package dockerfile

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Instruction is one instruction: its keyword, flags and words.
type Instruction struct {
	Cmd   string   // upper case: FROM, RUN, CMD...
	Flags []string // such as --from=build
	Args  []string
	JSON  bool // written in the exec form, ["nginx", "-g", "daemon off;"]
}

// Stage is the instructions of one build stage, its FROM first.
type Stage []Instruction

// Find returns the stage's instructions with the keyword cmd.
func (s Stage) Find(cmd string) []Instruction {
	var out []Instruction
	for _, in := range s {
		if in.Cmd == cmd {
			out = append(out, in)
		}
	}
	return out
}

// Parse reads a Dockerfile into its stages.
func Parse(r io.Reader) ([]Stage, error) {
	result, err := parser.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("buildkit cannot parse the Dockerfile: %w", err)
	}
	var stages []Stage
	for _, node := range result.AST.Children {
		in := Instruction{Cmd: strings.ToUpper(node.Value), Flags: node.Flags, JSON: node.Attributes["json"]}
		for n := node.Next; n != nil; n = n.Next {
			in.Args = append(in.Args, n.Value)
		}
		if in.Cmd == "FROM" {
			stages = append(stages, nil)
		}
		if len(stages) == 0 {
			return nil, fmt.Errorf("%s before the first FROM", in.Cmd)
		}
		stages[len(stages)-1] = append(stages[len(stages)-1], in)
	}
	return stages, nil
}

// ParseFile reads the Dockerfile at path.
func ParseFile(path string) ([]Stage, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f)
}
