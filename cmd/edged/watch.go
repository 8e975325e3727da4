package main

import (
	"log/slog"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchFiles signals on the returned channel, at most every half second,
// when the configuration file or its conf.d changes. Editors replace
// files by renaming, so the directories are watched, not the files.
func watchFiles(path string, log *slog.Logger) (<-chan struct{}, func()) {
	out := make(chan struct{}, 1)
	w, err := fsnotify.NewWatcher()
	if err != nil {
		log.Warn("not watching the configuration for changes; reload with SIGHUP", "err", err)
		return out, func() {}
	}
	dir := filepath.Dir(path)
	_ = w.Add(dir)
	_ = w.Add(filepath.Join(dir, "conf.d"))
	done := make(chan struct{})
	go func() {
		defer close(done)
		var settle <-chan time.Time
		for {
			select {
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if relevant(path, ev.Name) {
					settle = time.After(500 * time.Millisecond)
				}
			case <-settle:
				select {
				case out <- struct{}{}:
				default:
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
	return out, func() { w.Close(); <-done }
}

func relevant(path, name string) bool {
	return name == path || (filepath.Dir(name) == filepath.Join(filepath.Dir(path), "conf.d") && filepath.Ext(name) == ".yaml")
}
