import assert from "node:assert/strict";
import { test } from "node:test";
import { launcherEnv } from "./launcher";
import { migrateEnv } from "./migrate";
import { parseEnv } from "./parse-env";
import { realtimeEnv } from "./realtime";
import { problems, required } from "./test-env";
import { webEnv, webServerEnv } from "./web";

/* The processes' schemas agree on the variables they share. */
const schemas = { web: webEnv, realtime: realtimeEnv, launcher: launcherEnv };

test("DATABASE_URL= is unset everywhere: required by web, sidecar and migrate, the launcher's cue for embedded PostgreSQL", () => {
  for (const schema of [webEnv, realtimeEnv, migrateEnv]) {
    assert.deepEqual(problems(schema, { ...required, DATABASE_URL: "" }), ["DATABASE_URL: is required"]);
  }
  assert.equal(parseEnv(launcherEnv, { DATABASE_URL: "", NEXTAUTH_SECRET: "" }).DATABASE_URL, undefined);
});

test("a shared variable gets the same reason from every process", () => {
  for (const [name, schema] of Object.entries(schemas)) {
    const bad = { ...required, NEXTAUTH_SECRET: "short", DATABASE_URL: "mysql://x/db", TRUSTED_PROXY_HOPS: "11" };
    assert.deepEqual(
      problems(schema, bad),
      [
        "DATABASE_URL: must start with postgres:// or postgresql://",
        "NEXTAUTH_SECRET: must be at least 16 characters",
        "TRUSTED_PROXY_HOPS: must be at most 10",
      ],
      name,
    );
  }
});

test("REALTIME_PORT=0 is the sidecar's 'any free port'; the web app and the launcher need a real one", () => {
  assert.equal(parseEnv(realtimeEnv, { ...required, REALTIME_PORT: "0" }).REALTIME_PORT, 0);
  assert.deepEqual(problems(webEnv, { ...required, REALTIME_PORT: "0" }), ["REALTIME_PORT: must be at least 1"]);
  assert.deepEqual(problems(launcherEnv, { REALTIME_PORT: "0" }), ["REALTIME_PORT: must be at least 1"]);
});

test("rules between variables name the variable to change", () => {
  assert.deepEqual(problems(webEnv, { ...required, SESSION_MAX_AGE_SECONDS: "3600", SESSION_UPDATE_AGE_SECONDS: "3600" }), [
    "SESSION_UPDATE_AGE_SECONDS: must be less than SESSION_MAX_AGE_SECONDS",
  ]);
  assert.match(problems(launcherEnv, { SIDECARS: "2" }).join("\n"), /^SIDECARS: needs REDIS_URL/);
  assert.deepEqual(problems(launcherEnv, { SIDECARS: "2", REDIS_URL: "redis://127.0.0.1:6379" }), []);
  assert.deepEqual(problems(realtimeEnv, { ...required, PRESENCE_TTL_MS: "6000", MAX_FRAME_BYTES: "4096", MAX_QUEUED_BYTES: "2048" }), [
    "PRESENCE_TTL_MS: must be at least twice PRESENCE_HEARTBEAT_MS",
    "MAX_QUEUED_BYTES: must be at least MAX_FRAME_BYTES",
  ]);
});

test("pooling: DATABASE_PREPARE is true or false, DATABASE_POOL_SIZE is per process and above the sidecar's BATCH_LANES", () => {
  for (const schema of [webEnv, realtimeEnv]) {
    assert.equal(parseEnv(schema, required).DATABASE_PREPARE, true);
    assert.equal(parseEnv(schema, { ...required, DATABASE_PREPARE: "false" }).DATABASE_PREPARE, false);
    assert.deepEqual(problems(schema, { ...required, DATABASE_PREPARE: "no", DATABASE_POOL_SIZE: "0" }), [
      "DATABASE_POOL_SIZE: must be at least 1",
      "DATABASE_PREPARE: must be true or false",
    ]);
  }
  assert.deepEqual(problems(realtimeEnv, { ...required, DATABASE_POOL_SIZE: "4", BATCH_LANES: "4" }), [
    "DATABASE_POOL_SIZE: must be more than BATCH_LANES (each lane holds a connection while it commits; reads need one too)",
  ]);
  assert.equal(parseEnv(realtimeEnv, required).DATABASE_LISTEN_URL, undefined);
  assert.deepEqual(problems(realtimeEnv, { ...required, DATABASE_LISTEN_URL: "redis://x" }), ["DATABASE_LISTEN_URL: must start with postgres:// or postgresql://"]);
});

test("SHUTDOWN_TIMEOUT_MS: one rule for the sidecar and the web server, 10 s by default", () => {
  assert.equal(parseEnv(realtimeEnv, required).SHUTDOWN_TIMEOUT_MS, 10_000);
  assert.equal(parseEnv(webServerEnv, {}).SHUTDOWN_TIMEOUT_MS, 10_000);
  for (const schema of [realtimeEnv, webServerEnv]) {
    assert.deepEqual(problems(schema, { ...required, SHUTDOWN_TIMEOUT_MS: "10s" }), ["SHUTDOWN_TIMEOUT_MS: must be a whole number"]);
    assert.deepEqual(problems(schema, { ...required, SHUTDOWN_TIMEOUT_MS: "50" }), ["SHUTDOWN_TIMEOUT_MS: must be at least 100"]);
  }
});
