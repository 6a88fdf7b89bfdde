import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { getEnv, usesSecureCookies } from "./env";
import type { SessionUser } from "./session";

/*
 * Used by server actions only (they carry Next's Origin check against CSRF):
 * after sign-up we issue exactly the session next-auth's credentials callback
 * would (same JWE, same claims as the jwt callback in lib/auth.ts, same cookie
 * name and flags), and sign-out deletes it. JWT sessions keep no server state.
 */
const maxAgeSeconds = 30 * 24 * 60 * 60; // next-auth's default session lifetime

function sessionCookieName(): string {
  return `${usesSecureCookies() ? "__Secure-" : ""}next-auth.session-token`;
}

export async function startSession(user: SessionUser): Promise<void> {
  const token = await encode({
    token: { sub: user.id, username: user.username, name: user.username },
    secret: getEnv().NEXTAUTH_SECRET,
    maxAge: maxAgeSeconds,
  });
  (await cookies()).set(sessionCookieName(), token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: usesSecureCookies(),
    maxAge: maxAgeSeconds,
  });
}

export async function endSession(): Promise<void> {
  const jar = await cookies();
  for (const name of ["next-auth.session-token", "__Secure-next-auth.session-token"]) {
    // A __Secure- cookie can only be overwritten by a Secure Set-Cookie.
    if (jar.has(name)) jar.set(name, "", { path: "/", maxAge: 0, secure: name.startsWith("__Secure-") });
  }
}
