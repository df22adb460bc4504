package devserver

import (
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// An edit saved while a rebuild runs must cause another rebuild.
func TestWatchSeesEditsDuringARebuild(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "main.go")
	os.WriteFile(file, []byte("package main // 1\n"), 0o644)
	var builds atomic.Int32
	go Watch(func() Sources { return Sources{Trees: []string{dir}} }, 20*time.Millisecond, func() {
		if builds.Add(1) == 1 {
			// The user saves again while the first rebuild is running.
			os.WriteFile(file, []byte("package main // edited during the build\n"), 0o644)
			time.Sleep(100 * time.Millisecond)
		}
	})
	time.Sleep(100 * time.Millisecond)
	os.WriteFile(file, []byte("package main // 2\n"), 0o644)
	deadline := time.Now().Add(5 * time.Second)
	for builds.Load() < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("%d rebuilds; the edit saved during the first was lost", builds.Load())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// The build's output directory never triggers a rebuild.
func TestWatchSkipsOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	os.MkdirAll(out, 0o755)
	var builds atomic.Int32
	go Watch(func() Sources { return Sources{Trees: []string{dir}, Skip: []string{out}} }, 20*time.Millisecond, func() {
		builds.Add(1)
	})
	time.Sleep(100 * time.Millisecond)
	for i := range 5 {
		os.WriteFile(filepath.Join(out, "gen.js"), []byte{byte(i)}, 0o644)
		time.Sleep(50 * time.Millisecond)
	}
	if n := builds.Load(); n != 0 {
		t.Fatalf("%d rebuilds from writes to the output directory", n)
	}
}
