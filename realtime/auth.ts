import { decode } from "next-auth/jwt";
import type { HttpRequest, HttpResponse, us_socket_context_t } from "uWebSockets.js";
import { isUuid } from "../db/queries/users";
import type { UserRef } from "../protocol";
import { normalizeOrigin } from "./env";
import { newSocketData } from "./socket";

/*
 * Checked at the HTTP upgrade, before any socket exists:
 * 1. Origin. A browser always sends it; a page on another site must not ride
 *    on the user's cookie (cross-site WebSocket hijacking), so an Origin not in
 *    the allow-list gets 403. No Origin means a non-browser client (bot, tool):
 *    allowed, because it must present the token itself.
 * 2. The NextAuth session JWT (an encrypted JWE, verified and expiry-checked by
 *    next-auth's own `decode` with the shared secret), from the session cookie
 *    (plain, __Secure-, or chunked .0/.1...) or `Authorization: Bearer`.
 *    Missing, forged or expired: 401. Its `sub` is the user id.
 * The socket is closed with 4001 when the token expires.
 */
export type UpgradeHeaders = {
  origin: string;
  cookie: string;
  authorization: string;
  key: string;
  protocol: string;
  extensions: string;
};

export type Session = { user: UserRef; expiresAt: number | null };

const cookieNames = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** Headers must be copied out synchronously: uWS's HttpRequest dies at the first await. */
export function readUpgradeHeaders(req: HttpRequest): UpgradeHeaders {
  return {
    origin: req.getHeader("origin"),
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

/** Candidate tokens, most explicit first: the bearer header, then the cookies. */
export function findSessionTokens(headers: Pick<UpgradeHeaders, "cookie" | "authorization">): string[] {
  const tokens: string[] = [];
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization.trim());
  if (bearer) tokens.push(bearer[1]!);
  const cookies = parseCookies(headers.cookie);
  for (const name of cookieNames) {
    const whole = cookies.get(name);
    if (whole) tokens.push(whole);
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
    if (chunks.length) tokens.push(chunks.join(""));
  }
  return tokens;
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

/** The first candidate that decodes to a valid, unexpired session with a user; else null. */
export async function verifySession(tokens: string[], secret: string): Promise<Session | null> {
  for (const token of tokens) {
    const payload = await decode({ token, secret }).catch(() => null);
    if (!payload || typeof payload.sub !== "string" || !isUuid(payload.sub)) continue;
    const username = typeof payload.username === "string" ? payload.username : payload.name;
    if (typeof username !== "string" || username === "") continue;
    const exp = typeof payload.exp === "number" ? payload.exp * 1000 : null;
    return { user: { id: payload.sub, username }, expiresAt: exp };
  }
  return null;
}

/** The uWS upgrade handler: the standard async pattern (onAborted, then cork to answer). */
export function createUpgradeHandler(options: { allowedOrigins: string[]; secret: string }) {
  return (res: HttpResponse, req: HttpRequest, context: us_socket_context_t): void => {
    const headers = readUpgradeHeaders(req);
    if (!isOriginAllowed(headers.origin, options.allowedOrigins)) {
      res.writeStatus("403 Forbidden").end("origin not allowed");
      return;
    }
    let aborted = false;
    res.onAborted(() => {
      aborted = true;
    });
    void verifySession(findSessionTokens(headers), options.secret).then((session) => {
      if (aborted) return;
      res.cork(() => {
        if (!session) res.writeStatus("401 Unauthorized").end("unauthorized");
        else res.upgrade(newSocketData(session.user, session.expiresAt), headers.key, headers.protocol, headers.extensions, context);
      });
    });
  };
}
