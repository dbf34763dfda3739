// Small browser helpers for the console: stored preferences, file downloads and the live event stream.
window.valeo = {
  get: k => localStorage.getItem("valeo." + k),
  set: (k, v) => v === null ? localStorage.removeItem("valeo." + k) : localStorage.setItem("valeo." + k, v),
  sessionGet: k => sessionStorage.getItem("valeo." + k),
  sessionSet: (k, v) => v === null ? sessionStorage.removeItem("valeo." + k) : sessionStorage.setItem("valeo." + k, v),
  download: (name, type, base64) => {
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const a = document.createElement("a"); a.href = url; a.download = name; document.body.appendChild(a); a.click();
    a.remove(); setTimeout(() => URL.revokeObjectURL(url), 10000);
  },
  focus: id => document.getElementById(id)?.focus(),
  // Server-sent events need the bearer token, which EventSource cannot send: fetch and parse the stream instead.
  // Reconnects with Last-Event-ID so nothing is missed (also when a proxy buffers and closes the response).
  // The token is asked from .NET before every (re)connect: it may have been renewed meanwhile.
  stream: (target) => {
    const state = { stopped: false, controller: null, last: null };
    const run = async () => {
      while (!state.stopped) {
        try {
          state.controller = new AbortController();
          const token = await target.invokeMethodAsync("Token");
          if (!token) return;
          const headers = { authorization: "Bearer " + token, accept: "text/event-stream" };
          if (state.last) headers["last-event-id"] = state.last;
          const res = await fetch("api/v1/events/stream", { headers, signal: state.controller.signal });
          if (!res.ok || !res.body) throw new Error("stream " + res.status);
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = "";
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let cut;
            while ((cut = buffer.indexOf("\n\n")) >= 0) {
              const block = buffer.slice(0, cut); buffer = buffer.slice(cut + 2);
              let id = null, data = null;
              for (const line of block.split("\n")) {
                if (line.startsWith("id: ")) id = line.slice(4);
                else if (line.startsWith("data: ")) data = line.slice(6);
              }
              if (id) state.last = id;
              if (data) await target.invokeMethodAsync("OnEvent", data);
            }
          }
        } catch (e) { if (state.stopped) return; }
        await new Promise(r => setTimeout(r, 3000));
      }
    };
    run();
    return { stop: () => { state.stopped = true; state.controller?.abort(); } };
  }
};
