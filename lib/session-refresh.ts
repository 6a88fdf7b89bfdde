import type { NextRequest, NextResponse } from "next/server";
import { getEnv } from "./env";
import { loggerFor } from "./logger";
import { isLiveToken, sessionLifetime } from "./revocable-sessions";
import { sessionCookieName, sessionCookieOptions } from "./session-cookie";
import { decodeSessionPayload, encodeSessionToken } from "./session-token";

/*
 * Sliding sessions: a session lasts SESSION_MAX_AGE_SECONDS from its last
 * refresh. On a GET (a page or an API read: the user is active) whose token
 * is older than SESSION_UPDATE_AGE_SECONDS, the proxy re-issues it: same
 * claims (sid, sv), new iat/exp, after checking the session is still live, so
 * a revoked session can never be extended. Only GETs: a sign-out is a POST,
 * and must not race a refresh that sets the cookie it deletes. An open socket
 * still closes at its own token's exp (it reconnects with the fresh cookie).
 */
export async function refreshSessionCookie(request: NextRequest, response: NextResponse): Promise<void> {
  if (request.method !== "GET") return;
  try {
    await refresh(request, response);
  } catch (err) {
    // A refresh is a courtesy: the request itself must not fail with it (e.g. /healthz while the database is down).
    loggerFor(request.headers).warn({ err }, "session refresh failed");
  }
}

async function refresh(request: NextRequest, response: NextResponse): Promise<void> {
  const name = sessionCookieName();
  const token = request.cookies.get(name)?.value;
  if (!token) return;
  const secret = getEnv().NEXTAUTH_SECRET;
  const claims = await decodeSessionPayload(token, secret);
  const { maxAge, updateAge } = sessionLifetime();
  if (!claims || Date.now() / 1000 - (claims.iat ?? 0) < updateAge) return;
  if (!(await isLiveToken(claims))) return;
  response.cookies.set(name, await encodeSessionToken(claims, secret, maxAge), sessionCookieOptions(maxAge));
}
