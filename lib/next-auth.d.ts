import type { DefaultSession } from "next-auth";
import "next-auth/jwt";

/** The session and token shapes this app puts in next-auth (see lib/auth.ts). */
declare module "next-auth" {
  interface Session {
    user: { id: string; username: string } & DefaultSession["user"];
  }
  interface User {
    id: string;
    username: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    username?: string;
  }
}
