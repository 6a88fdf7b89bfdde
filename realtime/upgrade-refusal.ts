import type { Logger } from "pino";
import type { HttpResponse } from "uWebSockets.js";
import { labelledCounts } from "../lib/metrics/counts";
import { sidecarRegistry } from "./metrics/registry";

/*
 * Every way an upgrade is refused (upgrade.ts), the HTTP answer each gets,
 * and its one log line: reason, status, client address, Origin and, once
 * known, the user. Never a token or a cookie: nothing of the Authorization
 * or Cookie headers reaches this file.
 */
export type Refusal =
  /** Origin not in ALLOWED_ORIGINS (403). */
  | { reason: "origin" }
  /** Upgrades per address, sockets per address, sockets per user (429 with Retry-After). */
  | { reason: "upgrade_rate" | "address_sockets" | "user_sockets"; retryAfter: number; user?: string }
  /** No usable token, a forged or malformed one, an expired one, a signed-out session or a gone user (401). */
  | { reason: "no_token" | "bad_token" | "expired" | "revoked"; user?: string }
  /** The database did not answer the liveness check (503). */
  | { reason: "unavailable"; user?: string };

const upgradesRefused = labelledCounts<Refusal["reason"]>(sidecarRegistry, {
  name: "chat_upgrades_refused_total",
  help: "WebSocket upgrades refused, by reason (no socket was opened).",
  label: "reason",
  values: ["origin", "upgrade_rate", "address_sockets", "user_sockets", "no_token", "bad_token", "expired", "revoked", "unavailable"],
});

/** Who asked: the client's address (after trusted proxies) and the Origin header as sent. */
export type Requester = { address: string; origin: string };

const maxOriginChars = 200;

export function refuse(res: HttpResponse, refusal: Refusal, who: Requester, log: Logger): void {
  const status = answer(res, refusal);
  upgradesRefused.inc(refusal.reason);
  const user = "user" in refusal ? refusal.user : undefined;
  const origin = who.origin.length > maxOriginChars ? `${who.origin.slice(0, maxOriginChars)}...` : who.origin;
  log.info({ reason: refusal.reason, status, address: who.address, origin, user }, "upgrade refused");
}

const unauthorized = [401, "401 Unauthorized", "unauthorized"] as const;
const plainAnswers = {
  origin: [403, "403 Forbidden", "origin not allowed"],
  no_token: unauthorized,
  bad_token: unauthorized,
  expired: unauthorized,
  revoked: unauthorized,
  unavailable: [503, "503 Service Unavailable", "unavailable"],
} as const;

/** Write the refusal; its status code. */
function answer(res: HttpResponse, refusal: Refusal): number {
  if ("retryAfter" in refusal) {
    rateLimited(res, refusal.retryAfter);
    return 429;
  }
  const [status, statusLine, body] = plainAnswers[refusal.reason];
  res.writeStatus(statusLine).end(body);
  return status;
}

/** The HTTP convention for every limit: 429, Retry-After, {"error":"rate_limited","retryAfter"}. */
function rateLimited(res: HttpResponse, retryAfter: number): void {
  res
    .writeStatus("429 Too Many Requests")
    .writeHeader("Retry-After", String(retryAfter))
    .writeHeader("Content-Type", "application/json")
    .end(JSON.stringify({ error: "rate_limited", retryAfter }));
}
