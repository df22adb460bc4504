package imaging

import "math"

// The weights come from exp and sin. The math package's versions may be
// assembly on one architecture and Go on another, and Go may fuse x*y+z
// into one FMA on some: either could change a weight's last bit, and so,
// rarely, a quantised weight. These use only +, −, ×, ÷ and Floor, each
// product wrapped in float64() (which, by the Go spec, rounds and so
// prevents fusion): IEEE 754 makes them the same bits everywhere.

// expNeg returns e^x for x ≤ 0 (about 1e-15 relative error).
func expNeg(x float64) float64 {
	if !(x > -700) { // also -Inf and NaN
		return 0
	}
	n := math.Floor(x) // n ≤ x < n+1
	f := x - n         // exact
	// e^f, f in [0, 1): Taylor to the 20th term (1/21! < 2e-20).
	sum, term := 1.0, 1.0
	for i := 1; i <= 20; i++ {
		term = float64(term*f) / float64(i)
		sum += term
	}
	// e^n = (1/e)^(−n) by squaring.
	p, base := 1.0, 1/math.E
	for k := int(-n); k > 0; k >>= 1 {
		if k&1 == 1 {
			p = float64(p * base)
		}
		base = float64(base * base)
	}
	return float64(p * sum)
}

// sinPi returns sin(π·x) for |x| up to a few thousand, exactly 0 at the
// integers.
func sinPi(x float64) float64 {
	n := math.Floor(x + 0.5)
	r := x - n // in [−½, ½], exact
	y := float64(math.Pi * r)
	y2 := float64(y * y)
	// sin y = y·(1 − y²/3! + y⁴/5! − …), Horner to y²¹ (|y| ≤ π/2).
	s := 1.0
	for i := 21; i >= 3; i -= 2 {
		s = 1 - float64(float64(s*y2)/float64(i*(i-1)))
	}
	s = float64(s * y)
	if int64(n)&1 != 0 {
		s = -s
	}
	return s
}

// lanczos3 is the Lanczos kernel of size 3: sinc(x)·sinc(x/3) for |x| < 3.
func lanczos3(x float64) float64 {
	if x == 0 {
		return 1
	}
	if x <= -3 || x >= 3 {
		return 0
	}
	a := sinPi(x) / float64(math.Pi*x)
	b := sinPi(x/3) / float64(math.Pi*x/3)
	return float64(a * b)
}
