package compute_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/gowasm/gowasm/app/compute"
)

func ExampleSHA256Hex() {
	fmt.Println(compute.SHA256Hex([]byte("hello, gowasm")))
	// Output: e7b6a46535d72cc208f76ff44a16e250783da8eb920773fddc01f93b8937f7e6
}

func ExampleStats() {
	s := compute.Stats([]float64{1, 2, 3, 4})
	fmt.Printf("count=%d mean=%.2f min=%v max=%v\n", s.Count, s.Mean, s.Min, s.Max)
	// Output: count=4 mean=2.50 min=1 max=4
}

func ExamplePrimes() {
	primes, _ := compute.Primes(30)
	fmt.Println(primes)
	// Output: [2 3 5 7 11 13 17 19 23 29]
}

// A wasmbridge.Reader parameter takes a Blob or File in JavaScript; in Go
// tests, a bytes.Reader or strings.Reader stands in for it.
func ExampleHashStream() {
	sum, err := compute.HashStream(context.Background(), strings.NewReader("hello, gowasm"), func(done, total int64) {
		fmt.Printf("%d/%d bytes\n", done, total)
	})
	fmt.Println(sum, err)
	// Output:
	// 13/13 bytes
	// e7b6a46535d72cc208f76ff44a16e250783da8eb920773fddc01f93b8937f7e6 <nil>
}
