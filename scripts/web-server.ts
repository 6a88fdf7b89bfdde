import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { loadDotEnv } from "../config/dotenv";
import { exitOnConfigError, parseEnv } from "../config/parse-env";
import { webLogEnv, webServerEnv } from "../config/web";
import { checkEnvAtBoot } from "../lib/boot-check";
import { clientAddressHeader, resolveClientAddress } from "../lib/client-address";
import { getEnv } from "../lib/env";
import { routeConsoleTo } from "../lib/log/console";
import { createLogger } from "../lib/log/create-logger";
import { startWebMetrics } from "../lib/metrics/web";
import { requestLog } from "../lib/request-log";
import { drainOnSignals } from "../lib/web-drain";

/*
 * The web app's HTTP server: Next.js's request handler behind node:http, for
 * one reason. Per-address limits need the client's address, which only the
 * socket knows (Next.js gives route handlers no peer address, and its
 * X-Forwarded-For is the client's own when it sent one). So every request
 * gets `x-chat-client-address` overwritten here, before Next.js sees it
 * (lib/client-address.ts). It also gives every request an id and writes
 * the access log (lib/request-log.ts). Everything else is what `next start` / `next dev`
 * would do. Usage: node --import tsx scripts/web-server.ts [-p 3000] [-H 127.0.0.1] [--dev]
 */
loadDotEnv();
const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H", default: "127.0.0.1" },
    dev: { type: "boolean", default: false },
  },
});
const port = values.port ? Number(values.port) : exitOnConfigError(() => parseEnv(webServerEnv, process.env)).PORT;
const hostname = values.hostname;
const dev = values.dev;
// Like `next start`: production unless --dev; set before Next.js is loaded.
(process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";

checkEnvAtBoot();
const log = createLogger({ name: "web", level: exitOnConfigError(() => parseEnv(webLogEnv, process.env)).LOG_LEVEL });
routeConsoleTo(log); // Next.js's own messages become JSON lines too
const hops = getEnv().TRUSTED_PROXY_HOPS;

const server = createServer();
const { default: next } = await import("next");
const app = next({ dev, hostname, port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();
// Prometheus /metrics on a port of its own (WEB_METRICS_PORT), never on this one; unset: off.
const metrics = await startWebMetrics(getEnv());

const logRequest = requestLog(log);
server.on("request", (req, res) => {
  metrics?.observe(req, res);
  logRequest(req, res);
  req.headers[clientAddressHeader] = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
  void handle(req, res);
});
server.listen(port, hostname, () => {
  log.info({ url: `http://${hostname}:${port}`, dev, trustedProxyHops: hops }, `web server listening on http://${hostname}:${port}`);
  if (metrics) log.info({ url: `http://${metrics.server.host}:${metrics.server.port}/metrics` }, "web metrics listening");
});

drainOnSignals(server);
