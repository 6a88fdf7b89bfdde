import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getAuthOptions } from "./auth";
import { jsonError } from "./http";

export type SessionUser = { id: string; username: string };

/** The signed-in user, or null. Works in server components, actions and route handlers. */
export async function getSessionUser(): Promise<SessionUser | null> {
  // Reading cookies first also marks the caller dynamic before env is needed,
  // which keeps `next build` free of runtime configuration.
  const jar = await cookies();
  if (!jar.getAll().some((c) => /^(__Secure-)?next-auth\.session-token/.test(c.name))) return null;
  const session = await getServerSession(getAuthOptions());
  const user = session?.user;
  return user?.id && user.username ? { id: user.id, username: user.username } : null;
}

/** For route handlers: the user, or a ready 401 response to return. */
export async function requireUser(): Promise<
  { user: SessionUser; response?: undefined } | { user?: undefined; response: Response }
> {
  const user = await getSessionUser();
  return user ? { user } : { response: jsonError(401, "unauthorized") };
}

/** For pages and server actions: the user, or a redirect to sign-in that comes back here. */
export async function requireUserOrRedirect(callbackPath: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}
