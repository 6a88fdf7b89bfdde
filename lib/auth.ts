import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getUserByUsername } from "@/db/queries/users";
import { getDb } from "./db";
import { getEnv } from "./env";
import { normaliseUsername } from "./login-limiter";
import { verifyPassword } from "./passwords";

/*
 * Sessions are next-auth v4 JWTs (encrypted, in an httpOnly cookie) so the
 * realtime sidecar can verify them with the same secret and no database
 * lookup. The token carries only the user id (`sub`) and username; nothing
 * secret. Failed-attempt rate limiting wraps the credentials callback route
 * (app/api/auth/[...nextauth]/route.ts), because only there can it answer 429.
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
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt" },
    pages: { signIn: "/signin" },
    providers: [credentialsProvider()],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.username = user.username;
          token.name = user.username;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.sub ?? "", username: token.username ?? "" };
        return session;
      },
    },
  };
}

function credentialsProvider() {
  return CredentialsProvider({
    id: "credentials",
    name: "Username and password",
    credentials: {
      username: { label: "Username", type: "text" },
      password: { label: "Password", type: "password" },
    },
    async authorize(credentials) {
      const username = normaliseUsername(credentials?.username);
      const password = credentials?.password ?? "";
      if (!username || !password || password.length > 128) return null;
      const user = await getUserByUsername(getDb(), username);
      const ok = await verifyPassword(password, user?.passwordHash ?? null);
      return ok && user ? { id: user.id, username: user.username, name: user.username } : null;
    },
  });
}
