import WebSocket from "ws";

/**
 * A full garbage collection in another Node process, through its inspector
 * (HeapProfiler.collectGarbage). RSS read after it counts what live objects
 * hold, not garbage that V8 has simply not collected yet.
 */
export async function forceFullGc(inspectPort: number, timeoutMs = 15_000): Promise<void> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("inspector: no answer to collectGarbage")), timeoutMs);
      ws.on("error", reject);
      ws.on("open", () => ws.send(JSON.stringify({ id: 1, method: "HeapProfiler.collectGarbage" })));
      ws.on("message", (data) => {
        if ((JSON.parse(String(data)) as { id?: number }).id !== 1) return;
        clearTimeout(timer);
        resolve();
      });
    });
  } finally {
    ws.close();
  }
}
