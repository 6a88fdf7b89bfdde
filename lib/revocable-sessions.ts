import { getSessionVersion, isSessionLive, revokeAllSessions, revokeSession } from "@/db/queries/sessions";
import { newSessionClaims, sessionClaims } from "@/protocol/session-claims";
import { getDb } from "./db";
import { getEnv } from "./env";

/*
 * Revocable sessions, web side (the sidecar's half is realtime/revocations.ts).
 * A token names its sign-in (`sid`) and the user's session version at sign-in
 * (`sv`). It is honoured only while the user exists, `sv` is still the user's
 * session_version and `sid` is not in revoked_sessions: checked on every
 * request in next-auth's jwt callback (lib/auth.ts) and at every WebSocket
 * upgrade. Signing out revokes the sid, "sign out everywhere" bumps the
 * version; both NOTIFY the sidecars, which close that session's sockets (4001).
 */
export class SessionRevokedError extends Error {
  constructor() {
    super("session revoked, expired or of an unknown user");
    this.name = "SessionRevokedError";
  }
}

export function sessionLifetime(): { maxAge: number; updateAge: number } {
  const env = getEnv();
  return { maxAge: env.SESSION_MAX_AGE_SECONDS, updateAge: env.SESSION_UPDATE_AGE_SECONDS };
}

/** The claims of a new sign-in of this user: a fresh sid at the user's current session version. */
export async function signInClaims(user: { id: string; username: string }) {
  const version = await getSessionVersion(getDb(), user.id);
  if (version === null) throw new SessionRevokedError();
  return newSessionClaims(user, version);
}

/** Whether a decoded token may still be used: well-formed claims of a live session. */
export async function isLiveToken(token: unknown): Promise<boolean> {
  const claims = sessionClaims.safeParse(token);
  return claims.success && (await isSessionLive(getDb(), claims.data));
}

/** Sign this token's session out (a token without session claims names nothing to revoke). */
export async function revokeToken(token: unknown): Promise<void> {
  const claims = sessionClaims.safeParse(token);
  if (!claims.success) return;
  await revokeSession(getDb(), { userId: claims.data.sub, sid: claims.data.sid, until: revokedUntil() });
}

export async function revokeEverywhere(userId: string): Promise<void> {
  await revokeAllSessions(getDb(), userId);
}

/**
 * The latest moment a token of a session revoked now could be presented: a
 * token issued just before has exp = now + maxAge, and none is issued after
 * (a refresh checks liveness first). An hour of margin covers a refresh that
 * checked just before the revocation committed.
 */
function revokedUntil(): Date {
  return new Date(Date.now() + (sessionLifetime().maxAge + 3600) * 1000);
}
