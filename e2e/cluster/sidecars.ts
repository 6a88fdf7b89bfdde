import type { Page } from "@playwright/test";
import { readClusterState } from "./stack";

/** Which sidecar the page's socket is on: the `node` of the latest `ready` frame it received. */
export function trackSidecar(page: Page): () => string | null {
  let node: string | null = null;
  page.on("websocket", (socket) =>
    socket.on("framereceived", ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { type?: string; node?: string };
      if (frame.type === "ready" && frame.node) node = frame.node;
    }),
  );
  return () => node;
}

/** kill -9, like a crash: the balancer sees its sockets die and stops sending it new ones. */
export function crashSidecar(name: string): void {
  const pid = readClusterState().sidecarPids[name];
  if (!pid) throw new Error(`no sidecar named ${name}`);
  process.kill(pid, "SIGKILL");
}
