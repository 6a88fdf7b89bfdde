import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { waitFor } from "./wait-for";

/*
 * `npm start` as a user runs it: no DATABASE_URL, no secret. It must bring up
 * an embedded PostgreSQL, both processes and a kept secret, and stop all of it
 * on SIGTERM. Own ports and data folder, so it never meets a running app.
 */
test("the launcher starts embedded PostgreSQL, web and sidecar, and stops them on SIGTERM", { timeout: 180_000 }, async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chat-launch-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, WEB_PORT: "3300", REALTIME_PORT: "3301", EMBEDDED_PG_PORT: "54339" };
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_SECRET;
  const launcher = spawn(process.execPath, ["scripts/bootstrap.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  launcher.stdout.on("data", (chunk: Buffer) => (output += chunk));
  launcher.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => launcher.on("exit", resolve));
  const died = exited.then((code) => {
    throw new Error(`launcher exited early with ${code}:\n${output}`);
  });
  died.catch(() => {}); // after the deliberate SIGTERM below, an exit is expected
  try {
    await Promise.race([died, waitFor(
      async () => {
        for (const port of [3300, 3301]) {
          const response = await fetch(`http://127.0.0.1:${port}/healthz`);
          assert.equal(((await response.json()) as { ok: boolean }).ok, true);
        }
      },
      { timeoutMs: 150_000, intervalMs: 250 },
    )]);
    assert.match(output, /Chat is up: +http:\/\/127\.0\.0\.1:3300/);
    assert.ok(readFileSync(path.join(dataDir, "nextauth-secret"), "utf8").trim().length >= 32);
  } finally {
    launcher.kill("SIGTERM");
    assert.equal(await exited, 0, output);
    rmSync(dataDir, { recursive: true, force: true });
  }
  for (const port of [3300, 3301, 54339]) {
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), `port ${port} should be closed`);
  }
});
