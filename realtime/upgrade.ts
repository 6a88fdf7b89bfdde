import type { Logger } from "pino";
import type { HttpResponse, HttpRequest, us_socket_context_t } from "uWebSockets.js";
import { findSessionTokens, isOriginAllowed, readUpgradeHeaders, verifySession, type Session, type UpgradeHeaders } from "./auth";
import { addressKey, resolveClientAddress } from "../lib/client-address";
import type { Revocations } from "./revocations";
import { newSocketData } from "./socket";
import type { SocketRegistry } from "./socket-registry";
import { refuse, type Refusal, type Requester } from "./upgrade-refusal";
import type { UpgradeLimiter } from "./upgrade-limit";

export type UpgradeGuards = {
  allowedOrigins: string[];
  /** Where each refusal is logged, with its reason (upgrade-refusal.ts). */
  log: Logger;
  secret: string;
  trustedProxyHops: number;
  limiter: UpgradeLimiter;
  registry: SocketRegistry;
  revocations: Revocations;
  /** Seconds a client over a socket cap is told to wait (Retry-After). */
  capRetryAfterSeconds: number;
};

type Verdict = { status: "ok"; session: Session } | Refusal;

/** The uWS upgrade handler (checks in auth.ts order): the standard async pattern (onAborted, then cork to answer). */
export function createUpgradeHandler(guards: UpgradeGuards) {
  return (res: HttpResponse, req: HttpRequest, context: us_socket_context_t): void => {
    const headers = readUpgradeHeaders(req);
    const peer = Buffer.from(res.getRemoteAddressAsText()).toString();
    const who: Requester = { address: resolveClientAddress(peer, headers.forwardedFor, guards.trustedProxyHops), origin: headers.origin };
    if (!isOriginAllowed(headers.origin, guards.allowedOrigins)) return refuse(res, { reason: "origin" }, who, guards.log);
    // The key a client is counted by: one address, or one IPv6 /64.
    const address = addressKey(who.address);
    if (guards.registry.addressFull(address)) return refuse(res, capRefusal(guards, "address_sockets"), who, guards.log);
    let aborted = false;
    res.onAborted(() => {
      aborted = true;
    });
    void decide(guards, headers, address).then((verdict) => {
      if (aborted) return;
      res.cork(() => answer(res, verdict, guards, { headers, address, who, context }));
    });
  };
}

async function decide(guards: UpgradeGuards, headers: UpgradeHeaders, address: string): Promise<Verdict> {
  const retryAfter = await guards.limiter.retryAfter(address);
  if (retryAfter > 0) return { reason: "upgrade_rate", retryAfter };
  const session = await verifySession(findSessionTokens(headers), guards.secret);
  if ("reason" in session) return session;
  const user = session.user.id;
  try {
    const live = await guards.revocations.isLive({ sub: user, sid: session.sid, sv: session.sv });
    return live ? { status: "ok", session } : { reason: "revoked", user };
  } catch {
    // The database does not answer: we cannot tell a live session from a revoked one.
    return { reason: "unavailable", user };
  }
}

type Pending = { headers: UpgradeHeaders; address: string; who: Requester; context: us_socket_context_t };

function answer(res: HttpResponse, verdict: Verdict, guards: UpgradeGuards, { headers, address, who, context }: Pending): void {
  if ("reason" in verdict) return refuse(res, verdict, who, guards.log);
  const { session } = verdict;
  const user = session.user.id;
  const claims = { sub: user, sid: session.sid, sv: session.sv };
  // Checked again here, synchronously before the socket opens (and is counted): awaits came in between.
  if (guards.revocations.revokedRecently(claims)) return refuse(res, { reason: "revoked", user }, who, guards.log);
  if (guards.registry.addressFull(address)) return refuse(res, capRefusal(guards, "address_sockets", user), who, guards.log);
  if (guards.registry.userFull(user)) return refuse(res, capRefusal(guards, "user_sockets", user), who, guards.log);
  const data = newSocketData(session.user, session.expiresAt, { sid: session.sid, sv: session.sv, address });
  res.upgrade(data, headers.key, headers.protocol, headers.extensions, context);
}

function capRefusal(guards: UpgradeGuards, reason: "address_sockets" | "user_sockets", user?: string): Refusal {
  return { reason, retryAfter: guards.capRetryAfterSeconds, user };
}
