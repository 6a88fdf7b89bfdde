import type { NextRequest, NextResponse } from "next/server";
import { getEnv, usesSecureCookies } from "./env";
import { socketUrlFor } from "./socket-url";

/*
 * Headers on every page and API answer (set in proxy.ts):
 * - a nonce-based CSP: scripts only with this response's nonce (Next.js puts
 *   it on its own scripts when the request carries the CSP header, so pages
 *   must render per request, which ours do), plus what they load
 *   ('strict-dynamic'); connections only to this origin and the realtime
 *   socket; no plugins, no <base> rewriting, forms only to this origin;
 * - framing refused twice (frame-ancestors, and X-Frame-Options for old
 *   browsers), so Join, Add member and Sign out cannot be clickjacked;
 * - nosniff, a Referrer-Policy that keeps room URLs on this site, and HSTS
 *   when served over https.
 */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function isHttps(request: NextRequest): boolean {
  return usesSecureCookies() || request.nextUrl.protocol === "https:";
}

export function contentSecurityPolicy(request: NextRequest, nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  const socketOrigin = new URL(socketUrlFor(request.headers.get("host") ?? "")).origin;
  const authOrigin = getEnv().NEXTAUTH_URL ? new URL(getEnv().NEXTAUTH_URL!).origin : "";
  return [
    "default-src 'self'",
    // React's dev build uses eval for its error overlays; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self' ${socketOrigin}`,
    "object-src 'none'",
    "base-uri 'self'",
    // next-auth redirects a sign-in to NEXTAUTH_URL, which may name this site differently.
    `form-action 'self' ${authOrigin}`.trim(),
    "frame-ancestors 'none'",
    ...(isHttps(request) ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function withSecurityHeaders<R extends Response | NextResponse>(response: R, csp: string, https: boolean): R {
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "same-origin");
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}
