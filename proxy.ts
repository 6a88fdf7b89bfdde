import { createHash, randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { getEnv, usesSecureCookies } from "@/lib/env";
import { refreshSessionCookie } from "@/lib/session-refresh";
import { signinCsrfHeader } from "@/lib/signin-csrf";

/*
 * Makes the sign-in form work without JavaScript: next-auth checks a
 * double-submit CSRF token (cookie `token|sha256(token+secret)` plus the same
 * token in the form). A server component cannot set that cookie, so here we
 * reuse a valid one or mint one exactly as next-auth does, and hand the token
 * to the page in a request header. On every other page and API GET, the
 * session cookie slides (lib/session-refresh.ts).
 */
export async function proxy(request: NextRequest) {
  const response = request.nextUrl.pathname === "/signin" ? signinCsrf(request) : NextResponse.next();
  await refreshSessionCookie(request, response);
  return response;
}

function signinCsrf(request: NextRequest) {
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

// Everything but Next's assets and next-auth's own routes (which set or delete the session cookie themselves).
export const config = { matcher: ["/((?!_next/|favicon.ico|api/auth/).*)"] };
