import { and, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../client";
import { revokedSessions, users } from "../schema";
import { isUuid } from "./users";

/*
 * Revocable sessions. A token is live while its user exists, its `sv` equals
 * the user's session_version, and its `sid` is not in revoked_sessions.
 * Every revocation is also announced with NOTIFY on revocationChannel, sent by
 * PostgreSQL at commit to every sidecar listening on this database
 * (realtime/revocations.ts), so open sockets close within moments.
 */
export const revocationChannel = "session_revoked";

/** A NOTIFY payload: one session (sid), or every session of the user below version sv. */
export const revocationNotice = z.union([
  z.object({ userId: z.uuid(), sid: z.uuid() }),
  z.object({ userId: z.uuid(), sv: z.number().int() }),
]);
export type RevocationNotice = z.infer<typeof revocationNotice>;

export type SessionRef = { userId: string; sid: string };
export type SessionState = { sessionVersion: number; revoked: boolean };

/** The state of many sessions in ONE query, keyed `userId:sid`; sessions of unknown users are left out. */
export async function getSessionStates(db: Db, refs: SessionRef[]): Promise<Map<string, SessionState>> {
  const valid = refs.filter((r) => isUuid(r.userId) && isUuid(r.sid));
  if (valid.length === 0) return new Map();
  const rows = await db.execute<{ user_id: string; sid: string; session_version: number; revoked: boolean }>(sql`
    select u.id as user_id, k.sid, u.session_version,
           exists (select 1 from ${revokedSessions} r where r.sid = k.sid) as revoked
    from unnest(${`{${valid.map((r) => r.userId).join(",")}}`}::uuid[], ${`{${valid.map((r) => r.sid).join(",")}}`}::uuid[]) as k(user_id, sid)
    join ${users} u on u.id = k.user_id`);
  return new Map(rows.map((r) => [`${r.user_id}:${r.sid}`, { sessionVersion: Number(r.session_version), revoked: r.revoked }]));
}

/** Whether a token with these claims may still be used (one session; see getSessionStates for many). */
export async function isSessionLive(db: Db, claims: { sub: string; sid: string; sv: number }): Promise<boolean> {
  const state = (await getSessionStates(db, [{ userId: claims.sub, sid: claims.sid }])).get(`${claims.sub}:${claims.sid}`);
  return sessionStateAllows(state, claims.sv);
}

export function sessionStateAllows(state: SessionState | undefined, sv: number): boolean {
  return state !== undefined && !state.revoked && state.sessionVersion === sv;
}

export async function getSessionVersion(db: Db, userId: string): Promise<number | null> {
  const [row] = await db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId)).limit(1);
  return row ? row.v : null;
}

/**
 * Sign one session out. The row lives until `until`, the latest moment a
 * token of this session could still be presented; expired rows are swept here.
 */
export async function revokeSession(db: Db, ref: SessionRef & { until: Date }): Promise<void> {
  if (!isUuid(ref.userId) || !isUuid(ref.sid)) return;
  await db.transaction(async (tx) => {
    await tx.delete(revokedSessions).where(lt(revokedSessions.expiresAt, sql`now()`));
    // Through a select of the user: a user deleted meanwhile has nothing left to revoke (and no FK error).
    await tx.execute(sql`
      insert into ${revokedSessions} (sid, user_id, expires_at)
      select ${ref.sid}::uuid, u.id, ${ref.until.toISOString()}::timestamptz from ${users} u where u.id = ${ref.userId}::uuid
      on conflict (sid) do update set expires_at = greatest(${revokedSessions.expiresAt}, excluded.expires_at)`);
    await notify(tx, { userId: ref.userId, sid: ref.sid });
  });
}

/** Sign out everywhere: every token issued before now stops working. The new version, or null for an unknown user. */
export function revokeAllSessions(db: Db, userId: string): Promise<number | null> {
  return bumpSessionVersion(db, userId);
}

/**
 * A password change: the new hash is stored and, in the same transaction, every
 * session so far ends as in revokeAllSessions. Only while the stored hash is
 * still `from` (the one the current password was checked against), so of two
 * racing changes one wins and the other changes nothing. The new version, or null.
 */
export function replacePasswordHash(db: Db, change: { userId: string; from: string; to: string }): Promise<number | null> {
  return bumpSessionVersion(db, change.userId, change);
}

async function bumpSessionVersion(db: Db, userId: string, password?: { from: string; to: string }): Promise<number | null> {
  if (!isUuid(userId)) return null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1`, ...(password ? { passwordHash: password.to } : {}) })
      .where(password ? and(eq(users.id, userId), eq(users.passwordHash, password.from)) : eq(users.id, userId))
      .returning({ v: users.sessionVersion });
    if (!row) return null;
    // Older sessions are all dead by version now; their single revocations are not needed any more.
    await tx.delete(revokedSessions).where(eq(revokedSessions.userId, userId));
    await notify(tx, { userId, sv: row.v });
    return row.v;
  });
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Delivered by PostgreSQL only if and when the transaction commits. */
async function notify(tx: Tx, notice: RevocationNotice): Promise<void> {
  await tx.execute(sql`select pg_notify(${revocationChannel}, ${JSON.stringify(notice)})`);
}
