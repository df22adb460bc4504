package hashing

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

var all = []Algorithm{SHA256, SHA512, MD5}

func reference(a Algorithm) hash.Hash {
	switch a {
	case SHA256:
		return sha256.New()
	case SHA512:
		return sha512.New()
	case MD5:
		return md5.New()
	}
	panic(a)
}

func refHex(a Algorithm, data []byte) string {
	h := reference(a)
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

func TestKnownVectors(t *testing.T) {
	long448 := "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
	long896 := "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
	tests := []struct {
		a    Algorithm
		in   string
		want string
	}{
		// FIPS 180-4 examples (csrc.nist.gov) and RFC 1321's test suite.
		{SHA256, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{SHA256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{SHA256, long448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
		{SHA512, "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
		{SHA512, long896, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"},
		{SHA512, "", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
		{MD5, "", "d41d8cd98f00b204e9800998ecf8427e"},
		{MD5, "a", "0cc175b9c0f1b6a831c399e269772661"},
		{MD5, "abc", "900150983cd24fb0d6963f7d28e17f72"},
		{MD5, "message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
		{MD5, "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
		{MD5, "12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"},
	}
	for _, tt := range tests {
		got, err := Sum([]byte(tt.in), tt.a)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("Sum(%q, %s) = %s, want %s", tt.in, tt.a, got, tt.want)
		}
	}
	// A million 'a's, FIPS 180-4's long example.
	million := bytes.Repeat([]byte("a"), 1e6)
	if got, _ := Sum(million, SHA256); got != "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" {
		t.Errorf("SHA-256 of a million a = %s", got)
	}
}

func TestSumMatchesCrypto(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	data := make([]byte, 3000)
	for i := range data {
		data[i] = byte(r.Uint32())
	}
	for _, a := range all {
		// Every length around the block and padding boundaries.
		for n := 0; n <= len(data); n++ {
			if n > 300 && n%37 != 0 {
				continue
			}
			got, err := Sum(data[:n], a)
			if err != nil {
				t.Fatal(err)
			}
			if want := refHex(a, data[:n]); got != want {
				t.Fatalf("Sum(%d bytes, %s) = %s, crypto says %s", n, a, got, want)
			}
		}
	}
}

func TestIncrementalWrites(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	for trial := 0; trial < 300; trial++ {
		data := make([]byte, r.IntN(1000))
		for i := range data {
			data[i] = byte(r.Uint32())
		}
		for _, a := range all {
			h, _ := newHasher(a)
			for p := data; len(p) > 0; {
				k := min(len(p), r.IntN(200))
				h.write(p[:k])
				p = p[k:]
			}
			if got, want := hexString(h.sum()), refHex(a, data); got != want {
				t.Fatalf("%s of %d bytes in pieces = %s, want %s", a, len(data), got, want)
			}
		}
	}
}

func TestSumUnknown(t *testing.T) {
	if _, err := Sum(nil, "sha1"); err == nil || err.Error() != `hashing: unknown algorithm "sha1" (want sha256, sha512 or md5)` {
		t.Fatalf("Sum(sha1) error = %v", err)
	}
	if _, err := Sum(nil, "SHA256"); err == nil {
		t.Fatal("Sum accepted SHA256 in capitals")
	}
}

// countingReader counts Read calls and can lie about its size.
type countingReader struct {
	*bytes.Reader
	reads int
	size  int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.reads++
	return c.Reader.Read(p)
}

func (c *countingReader) Size() int64 { return c.size }

func TestHashFile(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for _, n := range []int{0, 1, 1000, ChunkSize - 1, ChunkSize, ChunkSize + 1, 3*ChunkSize + ChunkSize/2} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(r.Uint32())
		}
		var calls [][2]int64
		got, err := HashFile(context.Background(), bytes.NewReader(data), []Algorithm{MD5, SHA512, SHA256, MD5},
			func(done, total int64) { calls = append(calls, [2]int64{done, total}) })
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 {
			t.Fatalf("%d bytes: %d digests: %v", n, len(got), got)
		}
		for _, a := range all {
			if want := refHex(a, data); got[string(a)] != want {
				t.Fatalf("%d bytes: %s = %s, want %s", n, a, got[string(a)], want)
			}
		}
		// Progress: after each chunk, rising, ending at the total.
		wantCalls := max(1, (n+ChunkSize-1)/ChunkSize)
		if len(calls) != wantCalls {
			t.Fatalf("%d bytes: %d progress calls, want %d: %v", n, len(calls), wantCalls, calls)
		}
		prev := int64(-1)
		for _, c := range calls {
			if c[0] <= prev && n > 0 || c[1] != int64(n) || c[0] > c[1] {
				t.Fatalf("%d bytes: progress %v", n, calls)
			}
			prev = c[0]
		}
		if last := calls[len(calls)-1]; last[0] != int64(n) {
			t.Fatalf("%d bytes: progress ends at %v", n, last)
		}
	}
	// A nil progress is allowed.
	if _, err := HashFile(context.Background(), strings.NewReader("abc"), []Algorithm{SHA256}, nil); err != nil {
		t.Fatal(err)
	}
}

func TestHashFileErrors(t *testing.T) {
	ctx := context.Background()
	src := func() *bytes.Reader { return bytes.NewReader([]byte("data")) }
	if _, err := HashFile(ctx, src(), nil, nil); err == nil || err.Error() != "hashing: no algorithm requested" {
		t.Fatalf("no algorithms: %v", err)
	}
	if _, err := HashFile(ctx, src(), []Algorithm{SHA256, "crc32"}, nil); err == nil || !strings.Contains(err.Error(), `unknown algorithm "crc32"`) {
		t.Fatalf("unknown algorithm: %v", err)
	}
	if _, err := HashFile(ctx, &countingReader{Reader: src(), size: 10}, []Algorithm{MD5}, nil); err == nil ||
		err.Error() != "hashing: read 4 bytes, but the source's size is 10" {
		t.Fatalf("short source: %v", err)
	}
	if _, err := HashFile(ctx, &countingReader{Reader: src(), size: 2}, []Algorithm{MD5}, nil); err == nil ||
		err.Error() != "hashing: the source is longer than its size, 2 bytes" {
		t.Fatalf("long source: %v", err)
	}
	failing := io.MultiReader(strings.NewReader("ab"), iotestErrReader{})
	if _, err := HashFile(ctx, sized{failing, 10}, []Algorithm{MD5}, nil); !errors.Is(err, errBroken) {
		t.Fatalf("read error: %v", err)
	}
}

var errBroken = errors.New("broken pipe")

type iotestErrReader struct{}

func (iotestErrReader) Read([]byte) (int, error) { return 0, errBroken }

type sized struct {
	io.Reader
	n int64
}

func (s sized) Size() int64 { return s.n }

func TestHashFileCancel(t *testing.T) {
	data := make([]byte, 5*ChunkSize)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src := &countingReader{Reader: bytes.NewReader(data), size: int64(len(data))}
	if _, err := HashFile(ctx, src, all, nil); err != context.Canceled || src.reads != 0 {
		t.Fatalf("cancelled before: err %v after %d reads", err, src.reads)
	}
	// Cancelled during the second chunk's progress: no third chunk is read.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	src = &countingReader{Reader: bytes.NewReader(data), size: int64(len(data))}
	var last int64
	_, err := HashFile(ctx, src, all, func(done, total int64) {
		last = done
		if done == 2*ChunkSize {
			cancel()
		}
	})
	if err != context.Canceled || last != 2*ChunkSize || src.Reader.Len() != 3*ChunkSize {
		t.Fatalf("cancelled midway: err %v, progress %d, %d bytes unread", err, last, src.Reader.Len())
	}
}

func BenchmarkSum(b *testing.B) {
	data := make([]byte, ChunkSize)
	for _, a := range all {
		b.Run(fmt.Sprintf("%s-1MiB", a), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Sum(data, a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// For comparison: Go's crypto packages (assembly on amd64).
	for _, a := range all {
		b.Run(fmt.Sprintf("crypto-%s-1MiB", a), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				refHex(a, data)
			}
		})
	}
}

func BenchmarkHashFile(b *testing.B) {
	data := make([]byte, 8*ChunkSize)
	b.Run("all-8MiB", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := HashFile(context.Background(), bytes.NewReader(data), all, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}
