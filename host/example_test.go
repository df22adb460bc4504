package host_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/gowasm/gowasm/host"
)

// A module built with gowasm module -target wasip1 -o modules ./calc,
// from a package calc that exports func Add(a, b int32) int32.
func ExampleModule_Call() {
	wasm, err := os.ReadFile("modules/calc/calc.wasm")
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	m, err := host.New(ctx, wasm, host.WithPoolSize(4), host.WithMemoryLimit(256<<20))
	if err != nil {
		log.Fatal(err)
	}
	defer m.Close(ctx)

	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var sum int32
	err = m.Call(ctx, "add", []any{int32(2), int32(40)}, &sum)
	var panicked *host.PanicError
	switch {
	case errors.As(err, &panicked):
		log.Printf("calc.add panicked: %s\n%s", panicked.Message, panicked.Stack)
	case err != nil:
		log.Print(err)
	default:
		fmt.Println(sum)
	}
}
