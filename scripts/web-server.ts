import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { loadDotEnv } from "../config/dotenv";
import { exitOnConfigError, parseEnv } from "../config/parse-env";
import { webServerEnv } from "../config/web";
import { checkEnvAtBoot } from "../lib/boot-check";
import { clientAddressHeader, resolveClientAddress } from "../lib/client-address";
import { getEnv } from "../lib/env";
import { drainOnSignals } from "../lib/web-drain";

/*
 * The web app's HTTP server: Next.js's request handler behind node:http, for
 * one reason. Per-address limits need the client's address, which only the
 * socket knows (Next.js gives route handlers no peer address, and its
 * X-Forwarded-For is the client's own when it sent one). So every request
 * gets `x-chat-client-address` overwritten here, before Next.js sees it
 * (lib/client-address.ts). Everything else is what `next start` / `next dev`
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
const hops = getEnv().TRUSTED_PROXY_HOPS;

const server = createServer();
const { default: next } = await import("next");
const app = next({ dev, hostname, port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();

server.on("request", (req, res) => {
  req.headers[clientAddressHeader] = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
  void handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`web: ${dev ? "development" : "production"} server on http://${hostname}:${port} (trusted proxy hops: ${hops})`);
});

drainOnSignals(server);
