import { headers } from "next/headers";
import { getEnv } from "./env";

/**
 * The sidecar's ws URL for this browser. Without REALTIME_PUBLIC_URL we use
 * the host name the browser used for this page (not "localhost" vs
 * "127.0.0.1" guessed), because the session cookie is host-scoped and must
 * reach the sidecar with the upgrade request.
 */
export async function realtimeSocketUrl(): Promise<string> {
  return socketUrlFor((await headers()).get("host") ?? "");
}

/** The same for a request's Host header (proxy.ts puts its origin in the CSP's connect-src). */
export function socketUrlFor(host: string): string {
  const env = getEnv();
  if (env.REALTIME_PUBLIC_URL) return env.REALTIME_PUBLIC_URL;
  return `ws://${hostnameOf(host)}:${env.REALTIME_PORT}/ws`;
}

/** Host header minus its port; anything odd falls back rather than reaching the page. */
function hostnameOf(host: string): string {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d+)?$/.exec(host.trim());
  return match?.[1] ?? "localhost";
}
