import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import postgres from "postgres";
import { testServerUrl } from "./db";
import { composeServices, imageCommand, imageEnv, materializeRuntime, serviceEnv } from "./support/deploy-files";
import { runToEnd, spawnLogged, startHealthy, stopProc, type Proc } from "./support/processes";
import { waitFor } from "./wait-for";

/*
 * The image's three roles run as compose.yaml and the Dockerfile say (their
 * commands and environment parsed from those files, not restated), as plain
 * processes in a copy of the runtime stage's file tree, against this
 * machine's PostgreSQL and Redis. Only what names the container network is
 * replaced: database and Redis addresses, and loopback ports for 0.0.0.0.
 * Needs the Next.js build (npm run build), as the web tests do.
 */
const services = composeServices();
const vars = { POSTGRES_PASSWORD: "unused", NEXTAUTH_SECRET: randomBytes(24).toString("hex") };
const databaseName = `chat_deploy_${randomBytes(6).toString("hex")}`;
const databaseUrl = Object.assign(new URL(testServerUrl), { pathname: `/${databaseName}` }).toString();
const admin = postgres(testServerUrl, { max: 1, onnotice: () => {} });
let root = "";
const running: Proc[] = [];

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), "chat-image-"));
  materializeRuntime(root);
  await admin.unsafe(`create database "${databaseName}"`);
});

after(async () => {
  await Promise.all(running.map((proc) => stopProc(proc)));
  await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
  await admin.end();
  rmSync(root, { recursive: true, force: true });
});

/** What the container of `service` gets: the image's ENV, then compose's, then this machine's addresses. */
function containerEnv(service: string, local: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { ...imageEnv(), ...serviceEnv(services[service]!, vars), DATABASE_URL: databaseUrl, ...local };
  if (env.REDIS_URL) env.REDIS_URL = "redis://127.0.0.1:6379";
  return env;
}

/** The command with one option's value replaced (the container's 0.0.0.0 and fixed port). */
function withOption(command: string[], option: string, value: string): string[] {
  const at = command.indexOf(option);
  assert.ok(at > 0, `the command has ${option}`);
  return command.map((word, i) => (i === at + 1 ? value : word));
}

function run(name: string, command: string[], env: Record<string, string>): Proc {
  const [node, ...args] = command;
  assert.equal(node, "node");
  const proc = spawnLogged({ name, command: process.execPath, args, env, cwd: root });
  running.push(proc);
  return proc;
}

test("the migrate job brings an empty database up to date and exits 0", { timeout: 120_000 }, async () => {
  const [node, ...args] = services.migrate!.command!;
  assert.equal(node, "node");
  const result = await runToEnd({ command: process.execPath, args, env: containerEnv("migrate"), cwd: root });
  assert.equal(result.code, 0, result.output);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ tables: number }[]>`select count(*)::int as tables from pg_tables where schemaname = 'public'`;
    assert.ok(row!.tables > 0, "the schema is in place");
  } finally {
    await sql.end();
  }
});

test("the web app (the image's CMD) and a sidecar (compose's command) start and answer", { timeout: 180_000 }, async () => {
  const webCommand = withOption(withOption(imageCommand(), "-H", "127.0.0.1"), "-p", "PORT");
  const web = await startHealthy(undefined, (port) =>
    run("web", webCommand.map((word) => (word === "PORT" ? String(port) : word)), containerEnv("web")),
  );
  const prefix = `deploy-test-${randomBytes(4).toString("hex")}:`;
  const sidecar = await startHealthy(undefined, (port) =>
    run("sidecar", services.sidecar!.command!, containerEnv("sidecar", { REALTIME_HOST: "127.0.0.1", REALTIME_PORT: String(port), REDIS_KEY_PREFIX: prefix })),
  );
  const page = await fetch(`http://127.0.0.1:${web.port}/signin`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<form/);
  await waitFor(async () => {
    const health = (await (await fetch(`http://127.0.0.1:${sidecar.port}/readyz`)).json()) as { ok: boolean; broker: string };
    assert.deepEqual(health, { ok: true, broker: "up" }, "the sidecar reached its database and Redis");
  });
});
