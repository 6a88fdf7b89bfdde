import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { waitFor } from "./wait-for";

/** node's arguments to run the built web app as `npm run start:web` does (add -p PORT -H HOST). */
export const webServerArgs = ["--import", "tsx", "scripts/web-server.ts"];

/** The built Next.js app on a port of its own, against a given database. */
export async function startWeb(port: number, databaseUrl: string, env: Record<string, string> = {}) {
  const child: ChildProcess = spawn(
    process.execPath,
    [...webServerArgs, "-p", String(port), "-H", "127.0.0.1"],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: randomBytes(32).toString("hex"), ...env },
      stdio: "ignore",
    },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (!(await fetch(`${base}/healthz`)).ok) throw new Error("web not healthy yet");
  }, { timeoutMs: 60_000, intervalMs: 100 });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { base, stop };
}

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

  /** NextAuth's credentials flow: csrf token, then the form post. */
  async signIn(username: string, password: string): Promise<Response> {
    const { csrfToken } = (await (await this.request("/api/auth/csrf")).json()) as { csrfToken: string };
    return this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, username, password, json: "true" }).toString(),
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
