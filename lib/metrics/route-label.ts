/*
 * The `route` label of the web app's request metrics: the Next.js page or
 * route pattern a path was served by ("/api/rooms/[id]/messages"), never the
 * path itself. Paths carry room ids, and anyone can ask for any path, so the
 * label has only the app's own patterns, a few Next.js asset prefixes and
 * "unmatched": its cardinality is bounded by the app, not by its clients.
 */
export type RouteLabeler = (url: string) => string;

type Pattern = { page: string; parts: string[] };

/** Ranks of a pattern segment, most specific first (Next.js's order): literal, [x], [...x], [[...x]]. */
function rank(part: string): number {
  if (part.startsWith("[[...")) return 3;
  if (part.startsWith("[...")) return 2;
  return part.startsWith("[") ? 1 : 0;
}

function bySpecificity(a: Pattern, b: Pattern): number {
  for (let i = 0; i < Math.min(a.parts.length, b.parts.length); i++) {
    const order = rank(a.parts[i]!) - rank(b.parts[i]!);
    if (order !== 0) return order;
  }
  return b.parts.length - a.parts.length;
}

function matches(parts: string[], segments: string[]): boolean {
  for (let i = 0; i < parts.length; i++) {
    const r = rank(parts[i]!);
    if (r >= 2) return segments.length - i >= (r === 3 ? 0 : 1);
    if (i >= segments.length || segments[i] === "") return false;
    if (r === 0 && parts[i] !== segments[i]) return false;
  }
  return parts.length === segments.length;
}

/** The path of a request target, without query, trailing slash or the `.rsc` of a React Server Components fetch. */
export function pathOf(url: string): string {
  const path = url.split(/[?#]/, 1)[0]!.replace(/\.rsc$/, "");
  return path.length > 1 ? path.replace(/\/+$/, "") : "/";
}

const nextPrefixes = ["/_next/static", "/_next/image", "/_next/data"];

/** pages: the app's page and route patterns, as Next.js lists them ("/", "/rooms/[id]", "/api/auth/[...nextauth]"). */
export function routeLabeler(pages: readonly string[]): RouteLabeler {
  const exact = new Set(pages.filter((page) => !page.includes("[")));
  const dynamic = pages
    .filter((page) => page.includes("["))
    .map((page) => ({ page, parts: page.split("/").slice(1) }))
    .sort(bySpecificity);
  return (url) => {
    const path = pathOf(url);
    if (path.startsWith("/_next/")) return nextPrefixes.find((prefix) => path.startsWith(`${prefix}/`) || path === prefix) ?? "/_next/other";
    if (exact.has(path)) return path;
    const segments = path.split("/").slice(1);
    return dynamic.find((pattern) => matches(pattern.parts, segments))?.page ?? "unmatched";
  };
}

const methods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The `method` label: the standard methods, anything else "other". */
export const methodLabel = (method: string | undefined) => (method && methods.has(method) ? method : "other");
