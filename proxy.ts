import { createHash, randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { getEnv, usesSecureCookies } from "@/lib/env";
import { signinCsrfHeader } from "@/lib/signin-csrf";

/*
 * Makes the sign-in form work without JavaScript: next-auth checks a
 * double-submit CSRF token (cookie `token|sha256(token+secret)` plus the same
 * token in the form). A server component cannot set that cookie, so here we
 * reuse a valid one or mint one exactly as next-auth does, and hand the token
 * to the page in a request header.
 */
export function proxy(request: NextRequest) {
  const secret = getEnv().NEXTAUTH_SECRET;
  const cookieName = `${usesSecureCookies() ? "__Host-" : ""}next-auth.csrf-token`;
  const existing = validToken(request.cookies.get(cookieName)?.value, secret);
  const token = existing ?? randomBytes(32).toString("hex");
  const headers = new Headers(request.headers);
  headers.set(signinCsrfHeader, token);
  const response = NextResponse.next({ request: { headers } });
  if (!existing) {
    response.cookies.set(cookieName, `${token}|${hashOf(token, secret)}`, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: usesSecureCookies(),
    });
  }
  return response;
}

function hashOf(token: string, secret: string): string {
  return createHash("sha256").update(`${token}${secret}`).digest("hex");
}

function validToken(cookie: string | undefined, secret: string): string | null {
  const [token, hash] = cookie?.split("|") ?? [];
  return token && hash === hashOf(token, secret) ? token : null;
}

export const config = { matcher: ["/signin"] };
