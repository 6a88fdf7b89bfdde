import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createTestDatabase } from "../../test/db";
import { e2ePorts } from "./ports";
import { healthUrls, spawnSidecar, spawnWeb, waitForHealthy, writeState } from "./processes";

/** A fresh database, the built web app and one sidecar, on e2e ports. */
export default async function globalSetup(): Promise<void> {
  mkdirSync("test-results", { recursive: true });
  const database = await createTestDatabase("chat_e2e");
  await database.close();
  const env = {
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: `http://127.0.0.1:${e2ePorts.web}`,
    WEB_PORT: String(e2ePorts.web),
    REALTIME_PORT: String(e2ePorts.realtime),
    NODE_ID: "e2e-sidecar",
    // Bulk sends build the archive pages; the limit itself has its own integration test.
    SEND_RATE_LIMIT: "1000",
    // Every page load of every test opens a socket from 127.0.0.1; the upgrade limit has its own integration test.
    UPGRADE_RATE_LIMIT: "100000",
    // Every browser signs up from 127.0.0.1; the per-address limit has its own integration test.
    SIGNUP_RATE_LIMIT: "100000",
  };
  const webPid = spawnWeb(env);
  const sidecarPid = spawnSidecar(env);
  writeState({ databaseUrl: database.url, env, webPid, sidecarPid });
  await Promise.all([waitForHealthy(healthUrls.web), waitForHealthy(healthUrls.realtime)]);
}
