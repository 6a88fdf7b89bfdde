import type { HttpResponse, HttpRequest, us_socket_context_t } from "uWebSockets.js";
import { findSessionTokens, isOriginAllowed, readUpgradeHeaders, verifySession, type Session, type UpgradeHeaders } from "./auth";
import { addressKey, resolveClientAddress } from "../lib/client-address";
import { upgradesRefused } from "./metrics/registry";
import type { Revocations } from "./revocations";
import { newSocketData } from "./socket";
import type { SocketRegistry } from "./socket-registry";
import type { UpgradeLimiter } from "./upgrade-limit";

export type UpgradeGuards = {
  allowedOrigins: string[];
  secret: string;
  trustedProxyHops: number;
  limiter: UpgradeLimiter;
  registry: SocketRegistry;
  revocations: Revocations;
  /** Seconds a client over a socket cap is told to wait (Retry-After). */
  capRetryAfterSeconds: number;
};

type Verdict =
  | { status: "ok"; session: Session }
  | { status: "limited"; retryAfter: number }
  | { status: "unauthorized" }
  | { status: "unavailable" };

/** The uWS upgrade handler (checks in auth.ts order): the standard async pattern (onAborted, then cork to answer). */
export function createUpgradeHandler(guards: UpgradeGuards) {
  return (res: HttpResponse, req: HttpRequest, context: us_socket_context_t): void => {
    const headers = readUpgradeHeaders(req);
    const peer = Buffer.from(res.getRemoteAddressAsText()).toString();
    if (!isOriginAllowed(headers.origin, guards.allowedOrigins)) {
      upgradesRefused.inc("origin");
      res.writeStatus("403 Forbidden").end("origin not allowed");
      return;
    }
    // The key a client is counted by: one address, or one IPv6 /64.
    const address = addressKey(resolveClientAddress(peer, headers.forwardedFor, guards.trustedProxyHops));
    if (guards.registry.addressFull(address)) return refuseOverCap(res, guards);
    let aborted = false;
    res.onAborted(() => {
      aborted = true;
    });
    void decide(guards, headers, address).then((verdict) => {
      if (aborted) return;
      res.cork(() => answer(res, verdict, guards, { headers, address, context }));
    });
  };
}

async function decide(guards: UpgradeGuards, headers: UpgradeHeaders, address: string): Promise<Verdict> {
  const retryAfter = await guards.limiter.retryAfter(address);
  if (retryAfter > 0) return { status: "limited", retryAfter };
  const session = await verifySession(findSessionTokens(headers), guards.secret);
  if (!session) return { status: "unauthorized" };
  try {
    const live = await guards.revocations.isLive({ sub: session.user.id, sid: session.sid, sv: session.sv });
    return live ? { status: "ok", session } : { status: "unauthorized" };
  } catch {
    // The database does not answer: we cannot tell a live session from a revoked one.
    return { status: "unavailable" };
  }
}

type Pending = { headers: UpgradeHeaders; address: string; context: us_socket_context_t };

function answer(res: HttpResponse, verdict: Verdict, guards: UpgradeGuards, { headers, address, context }: Pending): void {
  if (verdict.status !== "ok") upgradesRefused.inc(verdict.status === "limited" ? "rate_limited" : verdict.status);
  if (verdict.status === "limited") return rateLimited(res, verdict.retryAfter);
  if (verdict.status === "unavailable") return void res.writeStatus("503 Service Unavailable").end("unavailable");
  if (verdict.status === "unauthorized") return void res.writeStatus("401 Unauthorized").end("unauthorized");
  const { session } = verdict;
  const claims = { sub: session.user.id, sid: session.sid, sv: session.sv };
  // Checked again here, synchronously before the socket opens (and is counted): awaits came in between.
  if (guards.revocations.revokedRecently(claims)) {
    upgradesRefused.inc("unauthorized");
    return void res.writeStatus("401 Unauthorized").end("unauthorized");
  }
  if (guards.registry.addressFull(address) || guards.registry.userFull(session.user.id)) return refuseOverCap(res, guards);
  const data = newSocketData(session.user, session.expiresAt, { sid: session.sid, sv: session.sv, address });
  res.upgrade(data, headers.key, headers.protocol, headers.extensions, context);
}

/** Over a cap on open sockets (per address or user, on this sidecar). */
function refuseOverCap(res: HttpResponse, guards: UpgradeGuards): void {
  upgradesRefused.inc("socket_cap");
  rateLimited(res, guards.capRetryAfterSeconds);
}

/** The HTTP convention for every limit: 429, Retry-After, {"error":"rate_limited","retryAfter"}. */
function rateLimited(res: HttpResponse, retryAfter: number): void {
  res
    .writeStatus("429 Too Many Requests")
    .writeHeader("Retry-After", String(retryAfter))
    .writeHeader("Content-Type", "application/json")
    .end(JSON.stringify({ error: "rate_limited", retryAfter }));
}
