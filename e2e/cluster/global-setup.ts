import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { SidecarCluster } from "../../test/chaos/cluster";
import { PrivateRedis } from "../../test/support/private-redis";
import { spawnLogged, stopProc, waitForHealthy } from "../../test/support/processes";
import { createTestDatabase } from "../../test/db";
import { webServerArgs } from "../../test/web-client";
import { clusterPorts, writeClusterState } from "./stack";

/**
 * A fresh database, a private Redis, two sidecars behind HAProxy (rendered
 * from deploy/haproxy.cfg) and the built web app pointing browsers at the
 * balancer. Returns the teardown, which stops all of it by pid.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  // Process logs stay in test-results/cluster/ for a failed run to be read.
  const logDir = path.resolve("test-results/cluster");
  mkdirSync(logDir, { recursive: true });
  const database = await createTestDatabase("chat_e2e_cluster"); // kept open: teardown drops it
  const redis = new PrivateRedis(clusterPorts.redis, logDir);
  await redis.start();
  const secret = randomBytes(32).toString("base64url");
  const shared = { DATABASE_URL: database.url, NEXTAUTH_SECRET: secret, WEB_PORT: String(clusterPorts.web), LOG_LEVEL: "info" };
  // UPGRADE_RATE_LIMIT: every page load of every test opens a socket from 127.0.0.1 (the limit has its own test).
  const sidecarEnv = { ...shared, REDIS_URL: redis.url, REDIS_KEY_PREFIX: `e2e-${randomBytes(4).toString("hex")}:`, SEND_RATE_LIMIT: "1000", UPGRADE_RATE_LIMIT: "100000" };
  const cluster = new SidecarCluster({ basePort: clusterPorts.balancer, count: 2, env: sidecarEnv, logDir });
  // SIGNUP_RATE_LIMIT: both browsers sign up from 127.0.0.1 on every run.
  const webEnv = { ...process.env, ...shared, NEXTAUTH_URL: `http://127.0.0.1:${clusterPorts.web}`, REALTIME_PORT: String(clusterPorts.balancer), SIGNUP_RATE_LIMIT: "100000" };
  const webArgs = [...webServerArgs, "-p", String(clusterPorts.web), "-H", "127.0.0.1"];
  const web = spawnLogged("web", process.execPath, webArgs, webEnv, path.join(logDir, "web.log"));
  const teardown = async () => {
    await Promise.all([stopProc(web), cluster.stop()]);
    await redis.stop();
    await database.drop();
  };
  try {
    await Promise.all([cluster.start(), waitForHealthy(`http://127.0.0.1:${clusterPorts.web}/healthz`, 60_000)]);
  } catch (error) {
    console.error(`cluster stack failed to start; logs in ${logDir}`);
    await teardown();
    throw error;
  }
  writeClusterState({ sidecarPids: Object.fromEntries(cluster.names.map((name) => [name, cluster.pidOf(name)!])) });
  return teardown;
}
