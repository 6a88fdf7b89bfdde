import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import type { z } from "zod";
import { migrateEnv } from "../config/migrate";
import { parseEnv } from "../config/parse-env";
import { realtimeEnv } from "../config/realtime";
import { webEnv, webLogEnv, webServerEnv } from "../config/web";
import { composeServices, dockerStages, imageEnv, runtimeStage, serviceEnv } from "./support/deploy-files";

/*
 * What a machine without a container engine can check of the deploy recipe
 * (compose.yaml, Dockerfile, deploy/haproxy/compose.cfg): HAProxy's own
 * config check, and the compose file against the app's config schemas. The
 * images' commands run as processes in deploy-run.test.ts.
 */
const services = composeServices();
const secrets = { POSTGRES_PASSWORD: "pw", NEXTAUTH_SECRET: "a-secret-of-enough-length" };
type Schema = { shape: Record<string, z.ZodType> };
const schemas: Record<string, Schema[]> = { migrate: [migrateEnv], web: [webEnv, webLogEnv, webServerEnv], sidecar: [realtimeEnv] };

test("HAProxy accepts the compose edge config, with a certificate where compose mounts one", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "chat-haproxy-"));
  try {
    execFileSync("bash", ["deploy/self-signed-cert.sh", dir]);
    const mounts = services.haproxy!.volumes!.map((volume) => volume.split(":") as [string, string]);
    const [, configPath] = mounts.find(([from]) => from === "./deploy/haproxy/compose.cfg")!;
    const [, certDir] = mounts.find(([from]) => from === "./deploy/certs")!;
    assert.equal(configPath, "/usr/local/etc/haproxy/haproxy.cfg", "where the haproxy image reads its config");
    const config = readFileSync("deploy/haproxy/compose.cfg", "utf8");
    assert.ok(config.includes(certDir), "the config loads its certificate from the mounted folder");
    writeFileSync(path.join(dir, "haproxy.cfg"), config.replaceAll(certDir, dir));
    const output = execFileSync(process.env.HAPROXY_PATH ?? "haproxy", ["-c", "-f", path.join(dir, "haproxy.cfg")], { encoding: "utf8" });
    assert.match(output, /Configuration file is valid/);
    assert.match(config, /use_backend sidecars if \{ path \/ws \}/);
    assert.match(config, /balance leastconn/);
    assert.match(config, /http-request redirect scheme https/);
    assert.match(config, /uri \/readyz/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("compose runs PostgreSQL, Redis, a one-shot migration gating the app, web, sidecars and HAProxy", () => {
  assert.deepEqual(Object.keys(services).sort(), ["haproxy", "migrate", "postgres", "redis", "sidecar", "web"]);
  const migrate = services.migrate!;
  assert.equal(migrate.restart, "no", "migrations run once");
  assert.equal(migrate.ports, undefined);
  for (const name of ["web", "sidecar"]) {
    assert.equal(services[name]!.depends_on?.migrate?.condition, "service_completed_successfully", name);
    assert.equal(services[name]!.image, migrate.image, `${name} runs the one image`);
  }
  assert.ok((services.sidecar!.deploy?.replicas ?? 1) >= 2, "several sidecars");
  assert.equal(services.sidecar!.environment?.REDIS_URL, "redis://redis:6379", "sidecars hear each other through Redis");
  assert.deepEqual(services.haproxy!.ports!.map((p) => p.split(":").at(-1)), ["8080", "8443"]);
});

test("every variable compose sets is one the process reads, and each process's config parses", () => {
  const nodeEnv = imageEnv();
  for (const [name, processSchemas] of Object.entries(schemas)) {
    const env = serviceEnv(services[name]!, secrets);
    const known = new Set(processSchemas.flatMap((schema) => Object.keys(schema.shape)));
    for (const key of Object.keys(env)) assert.ok(known.has(key), `${name} sets ${key}, which no config schema of it reads`);
    // Every required variable is set, and production's rules (NEXTAUTH_URL) hold.
    for (const schema of processSchemas) assert.doesNotThrow(() => parseEnv(schema as unknown as z.ZodType, { ...nodeEnv, ...env }), name);
  }
});

test("compose needs its secrets from the environment and commits none", () => {
  assert.throws(() => serviceEnv(services.web!, {}), /NEXTAUTH_SECRET is not set|POSTGRES_PASSWORD is not set/);
  const text = readFileSync("compose.yaml", "utf8");
  for (const secret of ["NEXTAUTH_SECRET", "POSTGRES_PASSWORD"]) {
    assert.doesNotMatch(text, new RegExp(`${secret}: (?!\\$\\{${secret}:\\?)`), `${secret} only from the environment`);
  }
});

test("the Dockerfile installs with npm ci, builds with next build, and runs slim as a non-root user", () => {
  const stages = dockerStages();
  assert.deepEqual(stages.map((s) => s.name), ["deps", "build", "runtime"]);
  const runs = (name: string) => stages.find((s) => s.name === name)!.instructions.filter((i) => i.keyword === "RUN").map((i) => i.args);
  assert.ok(runs("deps").some((r) => /\bnpm ci\b/.test(r)), "deps: npm ci from the lock file");
  assert.ok(runs("build").some((r) => /next(\/dist\/bin\/next)? build\b/.test(r)), "build: next build");
  assert.ok(runs("build").some((r) => /npm prune --omit=dev/.test(r)), "build: dev packages pruned");
  const runtime = runtimeStage();
  assert.equal(runtime.from, "node:20-bookworm-slim", "Node 20 on glibc, for the uWS binary");
  const user = runtime.instructions.filter((i) => i.keyword === "USER").at(-1)?.args;
  assert.ok(user && !["root", "0"].includes(user), "runs as a non-root user");
  const copies = runtime.instructions.filter((i) => i.keyword === "COPY").map((i) => i.args);
  assert.ok(copies.every((c) => c.includes("--from=build")), "the runtime stage takes only built files");
  assert.equal(imageEnv().NODE_ENV, "production");
  const ignored = readFileSync(".dockerignore", "utf8").split("\n");
  for (const entry of [".env", "node_modules", ".next", ".data", ".git"]) assert.ok(ignored.includes(entry), `.dockerignore: ${entry}`);
});
