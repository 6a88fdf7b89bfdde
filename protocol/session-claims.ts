import { z } from "zod";

/*
 * The claims of a session token (the next-auth JWT), shared by the web app
 * that issues it and the sidecar that checks it. Not part of the browser's
 * wire: the token is opaque to clients.
 *   sub  user id          username/name  shown name
 *   sid  this sign-in     (revoked alone by signing out: revoked_sessions)
 *   sv   the user's session version at sign-in (bumped by "sign out everywhere")
 *   iat/exp  issued / expires, seconds since the epoch (exp is required)
 */
export const sessionClaims = z.object({
  sub: z.uuid(),
  username: z.string().min(1).max(64),
  sid: z.uuid(),
  sv: z.number().int().min(0),
  iat: z.number().optional(),
  exp: z.number(),
});
export type SessionClaims = z.infer<typeof sessionClaims>;

/** The claims of a new sign-in: a fresh session id at the user's current session version. */
export function newSessionClaims(user: { id: string; username: string }, sessionVersion = 0) {
  return { sub: user.id, username: user.username, name: user.username, sid: crypto.randomUUID(), sv: sessionVersion };
}

/** The key a session is looked up and revoked by. */
export const sessionKey = (claims: Pick<SessionClaims, "sub" | "sid">) => `${claims.sub}:${claims.sid}`;
