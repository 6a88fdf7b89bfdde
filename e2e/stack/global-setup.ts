import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { createTestDatabase } from "../../test/db";
import { freePorts } from "../../test/support/ports";
import { stopPid } from "../../test/support/processes";
import { startWeb } from "../../test/support/web";
import { launchSidecar } from "./sidecar-control";
import { announceUrls, logDir, writeState } from "./state";

/** A fresh database, the built web app and one sidecar, on free ports. */
export default async function globalSetup(): Promise<void> {
  mkdirSync(logDir, { recursive: true });
  const database = await createTestDatabase("chat_e2e");
  await database.close();
  const [webPort, realtimePort] = (await freePorts(2)) as [number, number];
  const secret = randomBytes(32).toString("base64url");
  const env = {
    NEXTAUTH_URL: `http://127.0.0.1:${webPort}`,
    WEB_PORT: String(webPort),
    REALTIME_PORT: String(realtimePort),
    NODE_ID: "e2e-sidecar",
    // Bulk sends build the archive pages; the limit itself has its own integration test.
    SEND_RATE_LIMIT: "1000",
    // Every page load of every test opens a socket from 127.0.0.1; the upgrade limit has its own integration test.
    UPGRADE_RATE_LIMIT: "100000",
    // Every browser signs up from 127.0.0.1; the per-address limit has its own integration test.
    SIGNUP_RATE_LIMIT: "100000",
    // Every test signs its users up and in; the hash's cost is not what these tests are about.
    BCRYPT_COST: "4",
  };
  const stack = { databaseUrl: database.url, secret, env, realtimePort };
  const pids = { webPid: 0, sidecarPid: 0 };
  const web = startWeb({ databaseUrl: database.url, secret, env, port: webPort, logFile: path.join(logDir, "web.log"), detached: true });
  const starts = [web.then((w) => void (pids.webPid = w.pid)), launchSidecar(stack).then((pid) => void (pids.sidecarPid = pid))];
  // Every start settles before a failure is handled, so whatever did start is stopped.
  const failure = (await Promise.allSettled(starts)).find((r) => r.status === "rejected");
  if (failure) {
    await Promise.all(Object.values(pids).filter(Boolean).map((pid) => stopPid(pid)));
    throw failure.reason;
  }
  writeState({ ...stack, ...pids });
  announceUrls(webPort, realtimePort);
}
