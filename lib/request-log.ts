import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { requestIdFrom, requestIdHeader } from "./request-id";

/*
 * The web app's access log, for scripts/web-server.ts: every request gets a
 * request id (lib/request-id.ts) on its headers, before Next.js sees it (so
 * a route's log lines carry it, lib/logger.ts loggerFor) and on the
 * response; and one line when it ends: method, path, status, duration, id.
 * The path only: a query string can hold search terms and other things a
 * user typed.
 *
 * Which requests are logged: pages, /api/* and everything else a person or
 * a client asked for, but not /_next/* (build chunks a page load fetches by
 * the dozen, immutable, and the dev server's HMR) nor /favicon.ico: they
 * would multiply the lines by ten and tell nothing (proxy.ts skips them too).
 * Health probes come every few seconds from each balancer: debug level.
 */
const assets = /^\/(_next\/|favicon\.ico$)/;
const probes = /^\/(healthz|readyz|livez)(\/|$)/;
const maxPathChars = 256;

type Line = { reqId: string; method?: string; path: string; status: number; durationMs: number; aborted?: true };

export function requestLog(log: Logger): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const reqId = requestIdFrom(req.headers[requestIdHeader]);
    req.headers[requestIdHeader] = reqId;
    res.setHeader(requestIdHeader, reqId);
    const path = pathOf(req.url);
    if (assets.test(path)) return;
    const started = performance.now();
    res.once("close", () => {
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      const line: Line = { reqId, method: req.method, path, status: res.statusCode, durationMs };
      // The client went away before the answer was complete.
      if (!res.writableFinished) line.aborted = true;
      log[probes.test(path) ? "debug" : "info"](line, "request");
    });
  };
}

function pathOf(url = "/"): string {
  const path = url.split("?", 1)[0]!;
  return path.length > maxPathChars ? `${path.slice(0, maxPathChars)}...` : path;
}
