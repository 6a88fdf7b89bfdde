import { rateLimitedResponse } from "./rate-limits";
import { withSignInAttempt } from "./sign-in-attempt";

/*
 * Wraps every POST to next-auth. The sign-in limit itself is decided in
 * authorize (lib/credentials-authorize.ts); this only turns a lock-out it
 * reported into the contract's 429 + Retry-After: JSON for API clients and
 * next-auth's own client (`json=true`), a small page for a browser's form post
 * (the sign-in form works without JavaScript).
 */
type Delegate = () => Promise<Response>;

export async function answeringLockOuts(req: Request, delegate: Delegate): Promise<Response> {
  const { result, outcome } = await withSignInAttempt(delegate);
  if (outcome.lockedFor === null) return result;
  const asJson = outcome.wantsJson || !(req.headers.get("accept") ?? "").includes("text/html");
  return lockedOut(outcome.lockedFor, asJson);
}

/**
 * next-auth reads only the first two segments (`callback/credentials/x` is
 * `callback/credentials` to it); a POST to any other shape is answered 404
 * before next-auth runs.
 */
export function isNextAuthPost(segments: string[]): boolean {
  const [action, provider, ...rest] = segments;
  if (rest.length > 0) return false;
  if (action === "signin" || action === "callback") return provider !== undefined && /^[a-z0-9_-]+$/.test(provider);
  return provider === undefined && (action === "signout" || action === "session" || action === "_log");
}

/**
 * next-auth reads a body as JSON whenever its Content-Type mentions
 * application/json, and throws (a 500) when it is not: answer 400 instead.
 */
export async function hasUnreadableBody(req: Request): Promise<boolean> {
  if (!(req.headers.get("content-type") ?? "").includes("application/json")) return false;
  try {
    JSON.parse(await req.clone().text());
    return false;
  } catch {
    return true;
  }
}

function lockedOut(retryAfter: number, asJson: boolean): Response {
  if (asJson) return rateLimitedResponse(retryAfter);
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  const html = `<!doctype html><meta charset="utf-8"><title>Too many attempts</title>
<body style="font-family:system-ui;max-width:32rem;margin:4rem auto;padding:0 1rem">
<h1>Too many failed sign-ins</h1>
<p>Sign-in is locked for about ${minutes} minute${minutes === 1 ? "" : "s"}. Please try again later.</p>
<p><a href="/signin?error=locked">Back to sign-in</a></p></body>`;
  return new Response(html, { status: 429, headers: { "Retry-After": String(retryAfter), "Content-Type": "text/html; charset=utf-8" } });
}
