import type { User } from "next-auth";
import { getUserByUsername } from "@/db/queries/users";
import { clientAddressOf } from "./client-address";
import { getDb } from "./db";
import { normaliseUsername, takeLoginAttempt } from "./login-limiter";
import { verifyPassword } from "./passwords";
import { reportLockedOut } from "./sign-in-attempt";

type Credentials = Record<string, string> | undefined;
type AuthorizeRequest = { headers?: Record<string, unknown> };

/*
 * The credentials provider's authorize, where the sign-in limit is decided:
 * on the username next-auth itself parsed (whatever the path or Content-Type
 * of the request), with the address the web server resolved. The attempt is
 * taken before bcrypt runs and given back only when the password was right.
 */
export async function authorizeCredentials(credentials: Credentials, req: AuthorizeRequest): Promise<User | null> {
  const username = normaliseUsername(credentials?.username);
  const password = credentials?.password ?? "";
  if (!username || typeof password !== "string" || !password || password.length > 128) return null;
  const headers = (req.headers ?? {}) as Record<string, string | undefined>;
  const ticket = await takeLoginAttempt({ username, address: clientAddressOf(headers) });
  if (!ticket.ok) throw reportLockedOut(ticket.retryAfter, credentials?.json === "true");
  const user = await getUserByUsername(getDb(), username);
  const ok = await verifyPassword(password, user?.passwordHash ?? null);
  if (!ok || !user) return null;
  await ticket.giveBack();
  return { id: user.id, username: user.username, name: user.username };
}
