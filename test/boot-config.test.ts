import assert from "node:assert/strict";
import { test } from "node:test";
import { freePort } from "./support/ports";
import { runToEnd } from "./support/processes";
import { sidecarArgs } from "./support/sidecar";
import { webServerArgs } from "./support/web";

const badEnv = { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres", NEXTAUTH_SECRET: "short", REALTIME_PORT: "not-a-port" };

test("the web app refuses to boot on a bad value and names the variable", { timeout: 60_000 }, async () => {
  const args = [...webServerArgs, "-p", String(await freePort()), "-H", "127.0.0.1"];
  const { code, output } = await runToEnd({ command: process.execPath, args, env: badEnv });
  assert.equal(code, 1);
  assert.match(output, /NEXTAUTH_SECRET: must be at least 16 characters/);
  assert.match(output, /REALTIME_PORT/);
});

test("the sidecar refuses to boot on a bad value and names the variable", { timeout: 60_000 }, async () => {
  const { code, output } = await runToEnd({ command: process.execPath, args: sidecarArgs, env: badEnv });
  assert.equal(code, 1);
  assert.match(output, /NEXTAUTH_SECRET/);
  assert.match(output, /REALTIME_PORT/);
});

test("the production web app refuses to boot without NEXTAUTH_URL and names it", { timeout: 60_000 }, async () => {
  const args = [...webServerArgs, "-p", String(await freePort()), "-H", "127.0.0.1"];
  const env = { DATABASE_URL: badEnv.DATABASE_URL, NEXTAUTH_SECRET: "a-secret-of-enough-length", NEXTAUTH_URL: undefined };
  const { code, output } = await runToEnd({ command: process.execPath, args, env });
  assert.equal(code, 1);
  assert.match(output, /NEXTAUTH_URL: is required in production/);
});
