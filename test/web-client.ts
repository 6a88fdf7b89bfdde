/** A tiny cookie-keeping HTTP client, as a browser would be. */
export class WebClient {
  private cookies = new Map<string, string>();
  /** extraHeaders: e.g. an x-forwarded-for, to stand for a client at another address. */
  constructor(
    private base: string,
    private extraHeaders: Record<string, string> = {},
  ) {}

  async request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers({ ...this.extraHeaders, ...Object.fromEntries(new Headers(init.headers)) });
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    if (init.json !== undefined) headers.set("content-type", "application/json");
    const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
    const response = await fetch(this.base + path, { ...init, headers, body, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return response;
  }

  /** NextAuth's CSRF token (its cookie is kept), for the forms that post to /api/auth. */
  async csrfToken(): Promise<string> {
    return ((await (await this.request("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  }

  /** NextAuth's credentials flow: csrf token, then the form post. */
  async signIn(username: string, password: string): Promise<Response> {
    const csrfToken = await this.csrfToken();
    return this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, username, password, json: "true" }).toString(),
    });
  }

  /** next-auth's own sign-out: POST /api/auth/signout with the CSRF token. */
  async signOut(): Promise<Response> {
    const csrfToken = await this.csrfToken();
    return this.request("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true" }).toString(),
    });
  }

  /** The session cookie's token (what the browser would send the sidecar), if signed in. */
  get sessionToken(): string | undefined {
    return [...this.cookies].find(([k, v]) => k.endsWith("next-auth.session-token") && v !== "")?.[1];
  }

  /** The Cookie header a browser would send, e.g. to open the sidecar's socket. */
  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get signedIn(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith("next-auth.session-token"));
  }
}
