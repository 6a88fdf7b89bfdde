import { NextResponse, type NextRequest } from "next/server";
import { refuseUnsafeApiWrite } from "@/lib/api-guard";
import { refreshSessionCookie } from "@/lib/session-refresh";
import { contentSecurityPolicy, isHttps, newNonce, withSecurityHeaders } from "@/lib/security-headers";
import { prepareSigninCsrf } from "@/lib/signin-csrf-cookie";
import { signinCsrfHeader } from "@/lib/signin-csrf";

/*
 * Runs before every page and route (not static assets), in steps that each
 * stand alone: refuse cross-site or non-JSON API writes (lib/api-guard.ts);
 * give the request a CSP nonce, which Next.js puts on its scripts; hand the
 * sign-in page its CSRF token; slide the session cookie of an active user
 * (lib/session-refresh.ts; not on next-auth's own routes, which set or
 * delete that cookie themselves); put the security headers on the answer
 * (lib/security-headers.ts).
 */
export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(request, nonce);
  const refusal = refuseUnsafeApiWrite(request);
  if (refusal) return withSecurityHeaders(refusal, csp, isHttps(request));

  const forwarded = new Headers(request.headers);
  forwarded.delete(signinCsrfHeader); // only this proxy may set it
  forwarded.set("content-security-policy", csp);
  forwarded.set("x-nonce", nonce);
  const finishSignin = request.nextUrl.pathname === "/signin" ? prepareSigninCsrf(request, forwarded) : null;

  const response = NextResponse.next({ request: { headers: forwarded } });
  finishSignin?.(response);
  if (!request.nextUrl.pathname.startsWith("/api/auth/")) await refreshSessionCookie(request, response);
  return withSecurityHeaders(response, csp, isHttps(request));
}

// Everything but build assets, which are immutable files with nothing to protect.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
