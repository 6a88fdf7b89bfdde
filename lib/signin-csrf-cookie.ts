import { createHash, randomBytes } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { getEnv, usesSecureCookies } from "./env";
import { signinCsrfHeader } from "./signin-csrf";

/*
 * Makes the sign-in form work without JavaScript: next-auth checks a
 * double-submit CSRF token (cookie `token|sha256(token+secret)` plus the same
 * token in the form). A server component cannot set that cookie, so proxy.ts
 * reuses a valid one or mints one exactly as next-auth does, and hands the
 * token to the page in a request header. Returns what to do to the response.
 */
export function prepareSigninCsrf(request: NextRequest, forwarded: Headers): (response: NextResponse) => void {
  const secret = getEnv().NEXTAUTH_SECRET;
  const cookieName = `${usesSecureCookies() ? "__Host-" : ""}next-auth.csrf-token`;
  const existing = validToken(request.cookies.get(cookieName)?.value, secret);
  const token = existing ?? randomBytes(32).toString("hex");
  forwarded.set(signinCsrfHeader, token);
  return (response) => {
    if (existing) return;
    response.cookies.set(cookieName, `${token}|${hashOf(token, secret)}`, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: usesSecureCookies(),
    });
  };
}

function hashOf(token: string, secret: string): string {
  return createHash("sha256").update(`${token}${secret}`).digest("hex");
}

function validToken(cookie: string | undefined, secret: string): string | null {
  const [token, hash] = cookie?.split("|") ?? [];
  return token && hash === hashOf(token, secret) ? token : null;
}
