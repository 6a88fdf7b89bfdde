import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authorizeCredentials } from "./credentials-authorize";
import { getEnv } from "./env";
import { logger } from "./logger";
import { isLiveToken, revokeToken, sessionLifetime, SessionRevokedError, signInClaims } from "./revocable-sessions";
import { decodeSessionPayload } from "./session-token";

/*
 * Sessions are next-auth v4 JWTs (encrypted, in an httpOnly cookie) so the
 * realtime sidecar can verify them with the same secret and no database
 * lookup. The token carries only the user id (`sub`), username, and which
 * sign-in it is (`sid`, `sv`; lib/revocable-sessions.ts); nothing secret.
 * Every request checks that session is still live (one indexed query) in the
 * jwt callback; a revoked one throws, which next-auth v4 answers with no
 * session and a cleared cookie (its session route catches the error).
 * Decoding is strict (lib/session-token.ts): only next-auth's own JWE header.
 * Failed sign-ins are limited inside authorize (lib/credentials-authorize.ts);
 * the route wrapper answers a lock-out 429.
 */
let cached: AuthOptions | undefined;

export function getAuthOptions(): AuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}

function buildAuthOptions(): AuthOptions {
  const env = getEnv();
  // Without NEXTAUTH_URL, next-auth would build redirects for localhost:3000;
  // let it use the request's Host instead (redirect targets stay same-origin).
  if (!env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";
  const lifetime = sessionLifetime();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", ...lifetime },
    jwt: {
      // next-auth v4 signs in with jwt.maxAge (default 30 days), not session.maxAge: both must be set.
      maxAge: lifetime.maxAge,
      decode: ({ token, secret }) => (token ? decodeSessionPayload(token, String(secret)) : Promise.resolve(null)),
    },
    pages: { signIn: "/signin" },
    providers: [credentialsProvider()],
    logger: nextAuthLogger,
    callbacks: {
      async jwt({ token, user }) {
        if (user) return { ...token, ...(await signInClaims(user)) };
        if (!(await isLiveToken(token))) throw new SessionRevokedError();
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.sub ?? "", username: token.username ?? "" };
        return session;
      },
    },
    events: {
      // POST /api/auth/signout: next-auth hands us the token it is about to delete.
      signOut: ({ token }) => revokeToken(token),
    },
  };
}

/** next-auth's messages through our log; a refused (revoked or expired) session is routine, not an error. */
const nextAuthLogger = {
  error(code: string, metadata: unknown) {
    const routine = metadata instanceof SessionRevokedError || (metadata instanceof Error && metadata.message === "JWT invalid");
    if (routine) logger.info({ code }, "session refused");
    else logger.error({ code, err: metadata }, "next-auth error");
  },
  warn(code: string) {
    logger.warn({ code }, "next-auth warning");
  },
  debug(code: string, metadata: unknown) {
    logger.debug({ code, metadata }, "next-auth debug");
  },
};

function credentialsProvider() {
  return CredentialsProvider({
    id: "credentials",
    name: "Username and password",
    credentials: {
      username: { label: "Username", type: "text" },
      password: { label: "Password", type: "password" },
    },
    authorize: authorizeCredentials,
  });
}
