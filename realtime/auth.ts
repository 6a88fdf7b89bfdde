import type { HttpRequest } from "uWebSockets.js";
import { maxTokenChars, readSessionToken } from "../lib/session-token";
import type { UserRef } from "../protocol";
import { normalizeOrigin } from "./env";

/*
 * Checked at the HTTP upgrade, before any socket exists (upgrade.ts runs them
 * cheapest first):
 * 1. Origin. A browser always sends it; a page on another site must not ride
 *    on the user's cookie (cross-site WebSocket hijacking), so an Origin not in
 *    the allow-list gets 403. No Origin means a non-browser client (bot, tool):
 *    allowed, because it must present the token itself.
 * 2. Upgrades per client address, sockets per address: 429 (no crypto spent).
 * 3. The NextAuth session JWT from `Authorization: Bearer` or the session
 *    cookie (plain, __Secure-, or chunked .0/.1...). At most two candidates
 *    are tried, each only if it is a small {alg:"dir",enc:"A256GCM"} JWE with
 *    an exp (lib/session-token.ts): a crafted header cannot make us burn CPU.
 *    Missing, forged, expired or without session claims: 401.
 * 4. The session is live: the user exists, the token's session version is the
 *    user's, its sid was not signed out (one query per event-loop turn;
 *    revocations.ts). Else 401. Then sockets per user: 429.
 * The socket is closed with 4001 when the token expires or is revoked.
 */
export type UpgradeHeaders = {
  origin: string;
  /** Every X-Forwarded-For line, joined in order. */
  forwardedFor: string;
  cookie: string;
  authorization: string;
  key: string;
  protocol: string;
  extensions: string;
};

export type Session = { user: UserRef; expiresAt: number; sid: string; sv: number };

/** Tokens tried per upgrade: the bearer, or the session cookie (and one other spelling of it). */
const maxCandidates = 2;

const cookieNames = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** Headers must be copied out synchronously: uWS's HttpRequest dies at the first await. */
export function readUpgradeHeaders(req: HttpRequest): UpgradeHeaders {
  const forwarded: string[] = [];
  req.forEach((name, value) => name === "x-forwarded-for" && forwarded.push(value));
  return {
    origin: req.getHeader("origin"),
    forwardedFor: forwarded.join(","),
    cookie: req.getHeader("cookie"),
    authorization: req.getHeader("authorization"),
    key: req.getHeader("sec-websocket-key"),
    protocol: req.getHeader("sec-websocket-protocol"),
    extensions: req.getHeader("sec-websocket-extensions"),
  };
}

export function isOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  return origin === "" || allowed.includes(normalizeOrigin(origin));
}

/** Candidate tokens, most explicit first: the bearer header, then the cookies; oversized ones dropped, at most maxCandidates. */
export function findSessionTokens(headers: Pick<UpgradeHeaders, "cookie" | "authorization">): string[] {
  const tokens: string[] = [];
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization.trim());
  if (bearer) tokens.push(bearer[1]!);
  const cookies = parseCookies(headers.cookie);
  for (const name of cookieNames) {
    const whole = cookies.get(name);
    if (whole) tokens.push(whole);
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`) && i < 4; i++) chunks.push(cookies.get(`${name}.${i}`)!);
    if (chunks.length) tokens.push(chunks.join(""));
  }
  return tokens.filter((t) => t.length <= maxTokenChars).slice(0, maxCandidates);
}

function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
}

/** Why no candidate gave a session: none there, none readable, or only expired ones. */
export type TokenRefusal = { reason: "no_token" | "bad_token" | "expired" };

/** The first candidate that decodes to a valid, unexpired session token; else why not. Liveness is checked apart. */
export async function verifySession(tokens: string[], secret: string): Promise<Session | TokenRefusal> {
  let refusal: TokenRefusal = { reason: "no_token" };
  for (const token of tokens) {
    const reading = await readSessionToken(token, secret);
    if ("claims" in reading) {
      const { claims } = reading;
      return { user: { id: claims.sub, username: claims.username }, expiresAt: claims.exp * 1000, sid: claims.sid, sv: claims.sv };
    }
    if (refusal.reason !== "expired") refusal = { reason: reading.refused === "expired" ? "expired" : "bad_token" };
  }
  return refusal;
}
