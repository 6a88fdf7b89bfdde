import { startChild, stopChild, type Child } from "./children";
import { findHaproxy, haproxyArgs, sidecarBackends, writeHaproxyConfig } from "./haproxy";
import { launcherLog } from "./log";

/*
 * SIDECARS=N: N sidecars on REALTIME_PORT+1..+N, all with the same env (same
 * database, same Redis), and HAProxy on REALTIME_PORT, so browsers keep the
 * one socket URL and may land on any sidecar, before and after a reconnect.
 */
export type ClusterOptions = {
  count: number;
  host: string;
  basePort: number;
  dataDir: string;
  /** Proxies the operator put in front (TRUSTED_PROXY_HOPS); HAProxy adds one. */
  trustedProxyHops: number;
  sidecarArgs: string[];
  env: NodeJS.ProcessEnv;
  /** REALTIME_METRICS_PORT: sidecar i (from 0) serves /metrics on it + i (0: each on any free port); unset: none. */
  metricsBasePort?: number;
  /** How long a stopping sidecar may drain before SIGKILL. */
  stopGraceMs: number;
};

/** The balancer is a plain child (it dying stops the app); sidecars restart on their own. */
export type Cluster = { balancer: Child; stopSidecars: () => Promise<void> };

export function startCluster(options: ClusterOptions): Cluster {
  const haproxy = findHaproxy(options.env); // fail before anything is started
  const backendHost = ["0.0.0.0", "::"].includes(options.host) ? "127.0.0.1" : options.host;
  const backends = sidecarBackends(backendHost, options.basePort, options.count);
  const sidecars = backends.map((backend, i) =>
    keepRunning(backend.name, options.sidecarArgs, sidecarEnv(options, backend, i), backend.port, options.stopGraceMs),
  );
  const configFile = writeHaproxyConfig(options.dataDir, { host: options.host, port: options.basePort, backends });
  const balancer = startChild("haproxy", haproxy, haproxyArgs(configFile), options.env);
  return { balancer, stopSidecars: () => Promise.all(sidecars.map((s) => s.stop())).then(() => {}) };
}

/**
 * One sidecar's env. TRUSTED_PROXY_HOPS=1: every socket arrives from HAProxy,
 * which puts the client's address in X-Forwarded-For (deploy/haproxy.cfg);
 * without it all clients would share HAProxy's address and its per-address
 * limits. Proxies the operator put in front (TRUSTED_PROXY_HOPS) come on top.
 */
function sidecarEnv(options: ClusterOptions, backend: { name: string; port: number }, index: number): NodeJS.ProcessEnv {
  const hops = String(options.trustedProxyHops + 1);
  const env: NodeJS.ProcessEnv = { ...options.env, TRUSTED_PROXY_HOPS: hops, REALTIME_PORT: String(backend.port), NODE_ID: backend.name };
  // Each sidecar its own metrics port: one port cannot serve two processes.
  const metrics = options.metricsBasePort;
  if (metrics !== undefined) env.REALTIME_METRICS_PORT = String(metrics === 0 ? 0 : metrics + index);
  return env;
}

/** A sidecar started again a moment after it dies: one crash must not take the others down. */
function keepRunning(name: string, args: string[], env: NodeJS.ProcessEnv, port: number, stopGraceMs: number, restartDelayMs = 1000) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let child: Child;
  const run = () => {
    child = startChild(name, process.execPath, args, env);
    launcherLog().info({ child: name, port, childPid: child.process.pid }, `${name} started on port ${port} (pid ${child.process.pid})`);
    void child.exited.then((code) => {
      if (stopped) return;
      launcherLog().warn({ child: name, code }, `${name} exited with code ${code}; restarting in ${restartDelayMs} ms`);
      timer = setTimeout(() => !stopped && run(), restartDelayMs);
    });
  };
  run();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await stopChild(child, stopGraceMs);
    },
  };
}
