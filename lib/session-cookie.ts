import { cookies } from "next/headers";
import { getEnv, usesSecureCookies } from "./env";
import { revokeEverywhere, revokeToken, sessionLifetime, signInClaims } from "./revocable-sessions";
import type { SessionUser } from "./session";
import { decodeSessionPayload, encodeSessionToken } from "./session-token";

/*
 * Used by server actions only (they carry Next's Origin check against CSRF):
 * after sign-up we issue exactly the session next-auth's credentials callback
 * would (same JWE, same claims as the jwt callback in lib/auth.ts, same cookie
 * name and flags); sign-out revokes the session (lib/revocable-sessions.ts),
 * then deletes the cookie.
 */
const cookieNames = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function sessionCookieName(): string {
  return `${usesSecureCookies() ? "__Secure-" : ""}next-auth.session-token`;
}

/** The session cookie's attributes, as next-auth sets them; maxAge in seconds. */
export function sessionCookieOptions(maxAge: number) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure: usesSecureCookies(), maxAge };
}

export async function startSession(user: SessionUser): Promise<void> {
  const { maxAge } = sessionLifetime();
  const token = await encodeSessionToken(await signInClaims(user), getEnv().NEXTAUTH_SECRET, maxAge);
  (await cookies()).set(sessionCookieName(), token, sessionCookieOptions(maxAge));
}

/** Sign this browser's session out: revoked (its sockets close everywhere), cookie deleted. */
export async function endSession(): Promise<void> {
  const jar = await cookies();
  for (const name of cookieNames) {
    const token = jar.get(name)?.value;
    if (token) await revokeToken(await decodeSessionPayload(token, getEnv().NEXTAUTH_SECRET));
  }
  deleteSessionCookies(jar);
}

/** Sign every session of this user out, this one included. */
export async function endAllSessions(userId: string): Promise<void> {
  await revokeEverywhere(userId);
  deleteSessionCookies(await cookies());
}

function deleteSessionCookies(jar: Awaited<ReturnType<typeof cookies>>): void {
  for (const name of cookieNames) {
    // A __Secure- cookie can only be overwritten by a Secure Set-Cookie.
    if (jar.has(name)) jar.set(name, "", { path: "/", maxAge: 0, secure: name.startsWith("__Secure-") });
  }
}
