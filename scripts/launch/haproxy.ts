import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/*
 * HAProxy in front of several sidecars. One renderer for the launcher
 * (SIDECARS=N), the chaos test and the cluster e2e stack, so all of them run
 * the config that is in the repo (deploy/haproxy.cfg).
 */
export type Backend = { name: string; host: string; port: number };
export type BalancerPlan = { host: string; port: number; backends: Backend[] };

const templatePath = fileURLToPath(new URL("../../deploy/haproxy.cfg", import.meta.url));
const installHint = "Install it with `apt-get install -y haproxy` (Debian/Ubuntu) or set HAPROXY_PATH to its binary.";

/** The template with the listen address and one `server` line per sidecar filled in. */
function renderHaproxyConfig(plan: BalancerPlan, template = readFileSync(templatePath, "utf8")): string {
  const servers = plan.backends.map((b) => `    server ${b.name} ${b.host}:${b.port} check`).join("\n");
  return template.replaceAll("{{BIND}}", `${plan.host}:${plan.port}`).replace(/^[ \t]*\{\{SERVERS\}\}[ \t]*$/m, servers);
}

/** Render into `dir/haproxy.cfg` and return its path. */
export function writeHaproxyConfig(dir: string, plan: BalancerPlan): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "haproxy.cfg");
  writeFileSync(file, renderHaproxyConfig(plan));
  return file;
}

/** HAPROXY_PATH, else /usr/sbin/haproxy (Debian), else `haproxy` on PATH; a clear error otherwise. */
export function findHaproxy(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HAPROXY_PATH) {
    if (isExecutable(env.HAPROXY_PATH)) return env.HAPROXY_PATH;
    throw new Error(`HAPROXY_PATH=${env.HAPROXY_PATH} is not an executable file. ${installHint}`);
  }
  const candidates = ["/usr/sbin/haproxy", ...(env.PATH ?? "").split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, "haproxy"))];
  const found = candidates.find(isExecutable);
  if (!found) throw new Error(`HAProxy was not found; several sidecars need it as their load balancer. ${installHint}`);
  return found;
}

/** Arguments for a foreground HAProxy (-db: no daemon, so its parent can stop it by pid). */
export function haproxyArgs(configFile: string): string[] {
  return ["-db", "-f", configFile];
}

/** Sidecar i (1-based) listens on basePort + i; the balancer takes basePort itself. */
export function sidecarBackends(host: string, basePort: number, count: number): Backend[] {
  return Array.from({ length: count }, (_, i) => ({ name: `sidecar-${i + 1}`, host, port: basePort + i + 1 }));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
