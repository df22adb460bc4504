package hashing

import "math/bits"

// The three digests, written out here rather than imported: on js/wasm,
// crypto/sha256, crypto/sha512 and crypto/md5 link in bytes, strings,
// unicode and os (through crypto/internal/fips140), which this package
// keeps out of the wasm. Each follows its specification (FIPS 180-4, RFC
// 1321) in plain Go; the tests check them against the crypto packages.

// hasher is one running digest.
type hasher interface {
	write(p []byte)
	sum() []byte
}

// md is the Merkle–Damgård buffering the three share: whole blocks go to
// block, a partial one waits in buf.
type md struct {
	buf   []byte // len = block size
	n     int    // bytes waiting in buf
	total uint64 // bytes written
	block func(p []byte)
}

func (m *md) write(p []byte) {
	size := len(m.buf)
	m.total += uint64(len(p))
	if m.n > 0 {
		k := copy(m.buf[m.n:], p)
		m.n += k
		p = p[k:]
		if m.n < size {
			return
		}
		m.block(m.buf)
		m.n = 0
	}
	if whole := len(p) - len(p)%size; whole > 0 {
		m.block(p[:whole])
		p = p[whole:]
	}
	m.n = copy(m.buf, p)
}

// pad appends 0x80, zeros, and the message length in bits in lenBytes
// bytes (big- or little-endian), completing the last block.
func (m *md) pad(lenBytes int, bigEndian bool) {
	size := len(m.buf)
	bitsLen := m.total << 3
	zeros := (2*size - (m.n+1+lenBytes)%size) % size
	tail := make([]byte, 1+zeros+lenBytes)
	tail[0] = 0x80
	for i := 0; i < 8; i++ {
		b := byte(bitsLen >> (8 * i))
		if bigEndian {
			tail[len(tail)-1-i] = b
		} else {
			tail[1+zeros+i] = b
		}
	}
	m.write(tail)
}

func be32(b []byte) uint32 {
	_ = b[3]
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func le32(b []byte) uint32 {
	_ = b[3]
	return uint32(b[3])<<24 | uint32(b[2])<<16 | uint32(b[1])<<8 | uint32(b[0])
}

func be64(b []byte) uint64 { return uint64(be32(b))<<32 | uint64(be32(b[4:])) }

// SHA-256 (FIPS 180-4 section 6.2).

var k256 = [64]uint32{
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

type sha256d struct {
	md
	h [8]uint32
}

func newSHA256() *sha256d {
	d := &sha256d{h: [8]uint32{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19}}
	d.md = md{buf: make([]byte, 64), block: d.blocks}
	return d
}

func (d *sha256d) blocks(p []byte) {
	var w [64]uint32
	h0, h1, h2, h3, h4, h5, h6, h7 := d.h[0], d.h[1], d.h[2], d.h[3], d.h[4], d.h[5], d.h[6], d.h[7]
	for ; len(p) >= 64; p = p[64:] {
		q := p[:64:64]
		a, b, c, dd, e, f, g, h := h0, h1, h2, h3, h4, h5, h6, h7
		for i := 0; i < 64; i++ {
			if i < 16 {
				j := 4 * i
				w[i] = uint32(q[j])<<24 | uint32(q[j+1])<<16 | uint32(q[j+2])<<8 | uint32(q[j+3])
			} else {
				v1, v2 := w[i-2], w[i-15]
				s1 := bits.RotateLeft32(v1, -17) ^ bits.RotateLeft32(v1, -19) ^ v1>>10
				s0 := bits.RotateLeft32(v2, -7) ^ bits.RotateLeft32(v2, -18) ^ v2>>3
				w[i] = s1 + w[i-7] + s0 + w[i-16]
			}
			t1 := h + (bits.RotateLeft32(e, -6) ^ bits.RotateLeft32(e, -11) ^ bits.RotateLeft32(e, -25)) +
				(e&f ^ ^e&g) + k256[i] + w[i]
			t2 := (bits.RotateLeft32(a, -2) ^ bits.RotateLeft32(a, -13) ^ bits.RotateLeft32(a, -22)) +
				(a&b ^ a&c ^ b&c)
			h = g
			g = f
			f = e
			e = dd + t1
			dd = c
			c = b
			b = a
			a = t1 + t2
		}
		h0, h1, h2, h3, h4, h5, h6, h7 = h0+a, h1+b, h2+c, h3+dd, h4+e, h5+f, h6+g, h7+h
	}
	d.h = [8]uint32{h0, h1, h2, h3, h4, h5, h6, h7}
}

func (d *sha256d) sum() []byte {
	d.pad(8, true)
	out := make([]byte, 0, 32)
	for _, v := range d.h {
		out = append(out, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
	}
	return out
}

// SHA-512 (FIPS 180-4 section 6.4).

var k512 = [80]uint64{
	0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
	0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
	0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
	0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
	0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
	0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
	0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
	0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
	0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
	0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
	0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
	0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
	0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
	0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
	0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
	0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
	0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
	0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
	0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
	0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
}

type sha512d struct {
	md
	h [8]uint64
}

func newSHA512() *sha512d {
	d := &sha512d{h: [8]uint64{
		0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
		0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
	}}
	d.md = md{buf: make([]byte, 128), block: d.blocks}
	return d
}

func (d *sha512d) blocks(p []byte) {
	var w [80]uint64
	h0, h1, h2, h3, h4, h5, h6, h7 := d.h[0], d.h[1], d.h[2], d.h[3], d.h[4], d.h[5], d.h[6], d.h[7]
	for ; len(p) >= 128; p = p[128:] {
		for i := 0; i < 16; i++ {
			w[i] = be64(p[8*i:])
		}
		for i := 16; i < 80; i++ {
			v1, v2 := w[i-2], w[i-15]
			s1 := bits.RotateLeft64(v1, -19) ^ bits.RotateLeft64(v1, -61) ^ v1>>6
			s0 := bits.RotateLeft64(v2, -1) ^ bits.RotateLeft64(v2, -8) ^ v2>>7
			w[i] = s1 + w[i-7] + s0 + w[i-16]
		}
		a, b, c, dd, e, f, g, h := h0, h1, h2, h3, h4, h5, h6, h7
		for i := 0; i < 80; i++ {
			t1 := h + (bits.RotateLeft64(e, -14) ^ bits.RotateLeft64(e, -18) ^ bits.RotateLeft64(e, -41)) +
				(e&f ^ ^e&g) + k512[i] + w[i]
			t2 := (bits.RotateLeft64(a, -28) ^ bits.RotateLeft64(a, -34) ^ bits.RotateLeft64(a, -39)) +
				(a&b ^ a&c ^ b&c)
			h = g
			g = f
			f = e
			e = dd + t1
			dd = c
			c = b
			b = a
			a = t1 + t2
		}
		h0, h1, h2, h3, h4, h5, h6, h7 = h0+a, h1+b, h2+c, h3+dd, h4+e, h5+f, h6+g, h7+h
	}
	d.h = [8]uint64{h0, h1, h2, h3, h4, h5, h6, h7}
}

func (d *sha512d) sum() []byte {
	// A 128-bit length; the high 8 bytes are zero for any stream under 2 EiB.
	d.pad(16, true)
	out := make([]byte, 0, 64)
	for _, v := range d.h {
		out = append(out, byte(v>>56), byte(v>>48), byte(v>>40), byte(v>>32), byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
	}
	return out
}

// MD5 (RFC 1321).

// md5T[i] = floor(2³² · |sin(i + 1)|).
var md5T = [64]uint32{
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
	0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
	0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
	0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
	0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
	0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
}

var md5Shift = [16]int{7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21}

type md5d struct {
	md
	s [4]uint32
}

func newMD5() *md5d {
	d := &md5d{s: [4]uint32{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476}}
	d.md = md{buf: make([]byte, 64), block: d.blocks}
	return d
}

func (d *md5d) blocks(p []byte) {
	var x [16]uint32
	a0, b0, c0, d0 := d.s[0], d.s[1], d.s[2], d.s[3]
	for ; len(p) >= 64; p = p[64:] {
		for i := range x {
			x[i] = le32(p[4*i:])
		}
		a, b, c, dd := a0, b0, c0, d0
		for i := 0; i < 16; i++ {
			f := (b&c | ^b&dd) + a + md5T[i] + x[i]
			a, dd, c = dd, c, b
			b += bits.RotateLeft32(f, md5Shift[i%4])
		}
		for i := 16; i < 32; i++ {
			f := (b&dd | c&^dd) + a + md5T[i] + x[(5*i+1)%16]
			a, dd, c = dd, c, b
			b += bits.RotateLeft32(f, md5Shift[4+i%4])
		}
		for i := 32; i < 48; i++ {
			f := (b ^ c ^ dd) + a + md5T[i] + x[(3*i+5)%16]
			a, dd, c = dd, c, b
			b += bits.RotateLeft32(f, md5Shift[8+i%4])
		}
		for i := 48; i < 64; i++ {
			f := (c ^ (b | ^dd)) + a + md5T[i] + x[(7*i)%16]
			a, dd, c = dd, c, b
			b += bits.RotateLeft32(f, md5Shift[12+i%4])
		}
		a0, b0, c0, d0 = a0+a, b0+b, c0+c, d0+dd
	}
	d.s = [4]uint32{a0, b0, c0, d0}
}

func (d *md5d) sum() []byte {
	d.pad(8, false)
	out := make([]byte, 0, 16)
	for _, v := range d.s {
		out = append(out, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
	}
	return out
}
