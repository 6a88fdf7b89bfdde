import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authorizeCredentials } from "./credentials-authorize";
import { getEnv } from "./env";

/*
 * Sessions are next-auth v4 JWTs (encrypted, in an httpOnly cookie) so the
 * realtime sidecar can verify them with the same secret and no database
 * lookup. The token carries only the user id (`sub`) and username; nothing
 * secret. Failed sign-ins are limited inside authorize
 * (lib/credentials-authorize.ts); the route wrapper answers a lock-out 429.
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
    authorize: authorizeCredentials,
  });
}
