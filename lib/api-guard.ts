import type { NextRequest } from "next/server";
import { getEnv } from "./env";
import { jsonError } from "./http";

/*
 * CSRF for the JSON API (/api/* except next-auth's /api/auth/*, which checks
 * its own double-submit token). A write must come from this site: an Origin
 * naming another site, or Sec-Fetch-Site saying cross-site or same-site (a
 * sibling host is not this origin), answers 403. A request with neither
 * header is no browser's cross-site request (browsers send Origin on every
 * cross-origin write), so bots and tools keep working. A body must be
 * `application/json` (415 otherwise): text/plain and form bodies are what a
 * page can send cross-site without a CORS preflight. A bodyless write
 * (POST /api/rooms/{id}/join) needs no Content-Type.
 */
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export function refuseUnsafeApiWrite(request: NextRequest): Response | null {
  const { pathname } = request.nextUrl;
  if (!pathname.startsWith("/api/") || pathname.startsWith("/api/auth/") || safeMethods.has(request.method)) return null;
  if (!fromThisSite(request)) return jsonError(403, "forbidden", { message: "cross-site request refused" });
  if (hasBody(request) && !isJson(request.headers.get("content-type"))) {
    return jsonError(415, "unsupported_media_type", { message: "send Content-Type: application/json" });
  }
  return null;
}

function fromThisSite(request: NextRequest): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return false;
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  const host = request.headers.get("host");
  const authUrl = getEnv().NEXTAUTH_URL;
  try {
    const url = new URL(origin);
    return url.host === host?.toLowerCase() || (authUrl !== undefined && url.origin === new URL(authUrl).origin);
  } catch {
    return false; // "null" (sandboxed frames, file:) or garbage
  }
}

function hasBody(request: NextRequest): boolean {
  const length = request.headers.get("content-length");
  return request.headers.has("transfer-encoding") || (length !== null && length !== "0");
}

function isJson(contentType: string | null): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";
}
