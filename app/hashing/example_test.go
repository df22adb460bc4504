package hashing_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/gowasm/gowasm/app/hashing"
)

func ExampleSum() {
	sum, _ := hashing.Sum([]byte("abc"), hashing.SHA256)
	fmt.Println(sum)
	sum, _ = hashing.Sum([]byte("abc"), hashing.MD5)
	fmt.Println(sum)
	_, err := hashing.Sum([]byte("abc"), "sha1")
	fmt.Println(err)
	// Output:
	// ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
	// 900150983cd24fb0d6963f7d28e17f72
	// hashing: unknown algorithm "sha1" (want sha256, sha512 or md5)
}

// In JavaScript, src is a Blob or File; in Go, a strings.Reader or
// bytes.Reader stands in for it.
func ExampleHashFile() {
	src := strings.NewReader("hello, gowasm")
	sums, err := hashing.HashFile(context.Background(), src, []hashing.Algorithm{hashing.MD5, hashing.SHA256},
		func(done, total int64) { fmt.Printf("%d/%d bytes\n", done, total) })
	if err != nil {
		panic(err)
	}
	fmt.Println("md5", sums["md5"])
	fmt.Println("sha256", sums["sha256"])
	// Output:
	// 13/13 bytes
	// md5 c50f1d7aaca47dffeae5c11939f03bfa
	// sha256 e7b6a46535d72cc208f76ff44a16e250783da8eb920773fddc01f93b8937f7e6
}
