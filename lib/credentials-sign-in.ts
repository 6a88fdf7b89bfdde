import { clientAddress, loginRetryAfter, normaliseUsername, recordLoginFailure } from "./login-limiter";

/*
 * Wraps next-auth's POST /api/auth/callback/credentials. A locked-out username
 * or address gets 429 + Retry-After before next-auth (and bcrypt) runs, right
 * password or not. Any answer that does not set a session cookie (wrong
 * password, unknown user, bad CSRF token) counts as one failure.
 */
type Delegate = (req: Request) => Promise<Response>;

export async function rateLimitedSignIn(req: Request, delegate: Delegate): Promise<Response> {
  const form = await readForm(req.clone());
  const who = { username: normaliseUsername(form.username), address: clientAddress(req.headers) };
  const wait = await loginRetryAfter(who);
  if (wait > 0) return lockedOut(wait, wantsJson(req, form));
  const res = await delegate(req);
  if (!setsSessionCookie(res)) await recordLoginFailure(who);
  return res;
}

/** next-auth accepts urlencoded forms and JSON; anything else has no username to key on. */
async function readForm(req: Request): Promise<Record<string, string>> {
  const type = req.headers.get("content-type") ?? "";
  try {
    if (type.includes("application/x-www-form-urlencoded")) {
      return Object.fromEntries(new URLSearchParams(await req.text()));
    }
    if (type.includes("application/json")) {
      const body: unknown = await req.json();
      if (body && typeof body === "object") return body as Record<string, string>;
    }
  } catch {
    // Unreadable body: next-auth will refuse it too, and it counts as a failure.
  }
  return {};
}

function setsSessionCookie(res: Response): boolean {
  return res.headers.getSetCookie().some((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?=[^;]/.test(c));
}

/** next-auth's own client posts `json=true`; a browser form post gets a readable page. */
function wantsJson(req: Request, form: Record<string, string>): boolean {
  if (form.json === "true") return true;
  return !(req.headers.get("accept") ?? "").includes("text/html");
}

function lockedOut(retryAfter: number, asJson: boolean): Response {
  const headers = { "Retry-After": String(retryAfter) };
  if (asJson) return Response.json({ error: "rate_limited", retryAfter }, { status: 429, headers });
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  const html = `<!doctype html><meta charset="utf-8"><title>Too many attempts</title>
<body style="font-family:system-ui;max-width:32rem;margin:4rem auto;padding:0 1rem">
<h1>Too many failed sign-ins</h1>
<p>Sign-in is locked for about ${minutes} minute${minutes === 1 ? "" : "s"}. Please try again later.</p>
<p><a href="/signin?error=locked">Back to sign-in</a></p></body>`;
  return new Response(html, { status: 429, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}
