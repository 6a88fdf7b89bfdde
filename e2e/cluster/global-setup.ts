import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { SidecarCluster } from "../../test/chaos/cluster";
import { createTestDatabase } from "../../test/db";
import { freePorts } from "../../test/support/ports";
import { PrivateRedis } from "../../test/support/private-redis";
import { startWeb, type WebProcess } from "../../test/support/web";
import { announceUrls } from "../stack/state";
import { writeClusterState } from "./stack";

/**
 * A fresh database, a private Redis, two sidecars behind HAProxy (rendered
 * from deploy/haproxy.cfg) and the built web app pointing browsers at the
 * balancer, all on free ports. Returns the teardown, which stops all of it by pid.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  // Process logs stay in test-results/cluster/ for a failed run to be read.
  const logDir = path.resolve("test-results/cluster");
  mkdirSync(logDir, { recursive: true });
  const database = await createTestDatabase("chat_e2e_cluster"); // kept open: teardown drops it
  const [webPort, redisPort] = (await freePorts(2)) as [number, number];
  const redis = new PrivateRedis(redisPort, logDir);
  await redis.start();
  const secret = randomBytes(32).toString("base64url");
  const shared = { WEB_PORT: String(webPort), LOG_LEVEL: "info" };
  // UPGRADE_RATE_LIMIT: every page load of every test opens a socket from 127.0.0.1 (the limit has its own test).
  const sidecarEnv = { ...shared, REDIS_URL: redis.url, REDIS_KEY_PREFIX: `e2e-${randomBytes(4).toString("hex")}:`, SEND_RATE_LIMIT: "1000", UPGRADE_RATE_LIMIT: "100000" };
  const cluster = await SidecarCluster.create({ databaseUrl: database.url, secret, count: 2, env: sidecarEnv, logDir });
  // SIGNUP_RATE_LIMIT: both browsers sign up from 127.0.0.1 on every run.
  const webEnv = { ...shared, NEXTAUTH_URL: `http://127.0.0.1:${webPort}`, REALTIME_PORT: String(cluster.balancerPort), SIGNUP_RATE_LIMIT: "100000" };
  let web: WebProcess | undefined;
  const teardown = async () => {
    await Promise.all([web?.stop(), cluster.stop()]);
    await redis.stop();
    await database.drop();
  };
  const logFile = path.join(logDir, "web.log");
  const webStarted = startWeb({ databaseUrl: database.url, secret, env: webEnv, port: webPort, logFile }).then((started) => void (web = started));
  // Every start settles before a failure is handled, so the teardown stops whatever did start.
  const failure = (await Promise.allSettled([webStarted, cluster.start()])).find((r) => r.status === "rejected");
  if (failure) {
    console.error(`cluster stack failed to start; logs in ${logDir}`);
    await teardown();
    throw failure.reason;
  }
  writeClusterState({ sidecarPids: Object.fromEntries(cluster.names.map((name) => [name, cluster.pidOf(name)!])) });
  announceUrls(webPort, cluster.balancerPort);
  return teardown;
}
