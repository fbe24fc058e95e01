package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
)

// livePath is where the server's own files live; no site page is there.
const livePath = "/__gazette/"

// event is a server-sent event to open pages.
type event struct {
	name, data string
}

// broker fans events out to every open page.
type broker struct {
	mu     sync.Mutex
	subs   map[chan event]bool
	closed bool
}

func newBroker() *broker { return &broker{subs: map[chan event]bool{}} }

func (b *broker) subscribe() chan event {
	b.mu.Lock()
	defer b.mu.Unlock()
	ch := make(chan event, 8)
	if b.closed {
		close(ch)
		return ch
	}
	b.subs[ch] = true
	return ch
}

func (b *broker) unsubscribe(ch chan event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.subs[ch] {
		delete(b.subs, ch)
		close(ch)
	}
}

// send gives e to every page; a page that is not keeping up misses it.
func (b *broker) send(e event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- e:
		default:
		}
	}
}

func (b *broker) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for ch := range b.subs {
		delete(b.subs, ch)
		close(ch)
	}
}

// events streams rebuild events to a page. A page that connects while
// the site is broken is told at once.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	ch := s.live.subscribe()
	defer s.live.unsubscribe(ch)
	w.WriteHeader(http.StatusOK)
	s.mu.RLock()
	err, gen := s.err, s.gen
	s.mu.RUnlock()
	fmt.Fprintf(w, "event: hello\ndata: %d\n\n", gen)
	if err != nil {
		writeEvent(w, event{"build-error", err.Error()})
	}
	fl.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case e, ok := <-ch:
			if !ok {
				return
			}
			writeEvent(w, e)
			fl.Flush()
		}
	}
}

// writeEvent writes e with its data as a JSON string, so that newlines
// in an error cannot end the event early.
func writeEvent(w http.ResponseWriter, e event) {
	data, _ := json.Marshal(e.data)
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, data)
}

// liveScript reloads the page after a rebuild and shows a broken build's
// error over the page until it is fixed.
const liveScript = `(function () {
  "use strict";
  var overlay = null;
  function show(message) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "gazette-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
        "background:rgba(20,20,24,.96);color:#ffd9d6;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "gazette: the site does not build; the last good version is shown under this.\n\n" + message +
      "\n\nFix the file and save: this page reloads by itself.";
  }
  var source = new EventSource("` + livePath + `events");
  // Set once the server has answered, so that tests know the page listens.
  source.addEventListener("hello", function () { window.gazetteLive = true; });
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("build-error", function (e) { show(JSON.parse(e.data)); });
})();
`
