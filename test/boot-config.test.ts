import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { webServerArgs } from "./web-client";

/** Run a process to its end; resolve with its exit code and everything it printed. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

const badEnv = { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres", NEXTAUTH_SECRET: "short", REALTIME_PORT: "not-a-port" };

test("the web app refuses to boot on a bad value and names the variable", { timeout: 60_000 }, async () => {
  const { code, output } = await run([...webServerArgs, "-p", "3401", "-H", "127.0.0.1"], badEnv);
  assert.equal(code, 1);
  assert.match(output, /NEXTAUTH_SECRET: must be at least 16 characters/);
  assert.match(output, /REALTIME_PORT/);
});

test("the sidecar refuses to boot on a bad value and names the variable", { timeout: 60_000 }, async () => {
  const { code, output } = await run(["--import", "tsx", "realtime/main.ts"], badEnv);
  assert.equal(code, 1);
  assert.match(output, /NEXTAUTH_SECRET/);
  assert.match(output, /REALTIME_PORT/);
});
