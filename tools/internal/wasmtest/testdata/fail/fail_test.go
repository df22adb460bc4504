package fail

import "testing"

func TestPasses(t *testing.T) {}

func TestFails(t *testing.T) {
	t.Errorf("deliberate failure: %d != %d", 1, 2)
}
