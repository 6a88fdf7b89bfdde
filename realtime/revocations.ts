import type { Logger } from "pino";
import type { Db } from "../db/client";
import { getSessionStates, sessionStateAllows, type RevocationNotice, type SessionState } from "../db/queries/sessions";
import { CloseCode } from "../protocol";
import { sessionKey } from "../protocol/session-claims";
import { SameTurnReads } from "./same-turn-reads";
import { closeSocket, type ClientSocket } from "./socket";
import type { SocketRegistry } from "./socket-registry";

/** Notices are remembered this long, to catch an upgrade that checked the database just before one. */
const rememberMs = 60_000;
/** Sessions per query when every open socket is checked again. */
const recheckChunk = 1000;

type Claims = { sub: string; sid: string; sv: number };

/*
 * Whether a session may hold a socket, and closing (4001) those that may not.
 * - At upgrade: one query for all the sockets upgrading in the same event-loop
 *   turn (a reconnect storm of 10k sockets is a few dozen queries).
 * - On a NOTIFY (revocation-listener.ts): the user's sockets on this sidecar
 *   that the notice covers close at once.
 * - When the listener (re)connects: notices sent while it was away are lost,
 *   so every open socket is checked against the database again.
 * The notices of the last minute are also kept, so a socket whose upgrade read
 * the database just before a revocation committed still cannot open.
 */
export class Revocations {
  private reads: SameTurnReads<SessionState>;
  private sids = new Map<string, number>();
  private versions = new Map<string, { sv: number; at: number }>();

  constructor(
    private db: Db,
    private registry: SocketRegistry,
    private log: Logger,
  ) {
    this.reads = new SameTurnReads((keys) => getSessionStates(this.db, keys.map(refOf)), recheckChunk);
  }

  async isLive(claims: Claims): Promise<boolean> {
    const state = await this.reads.get(sessionKey(claims));
    return sessionStateAllows(state, claims.sv) && !this.revokedRecently(claims);
  }

  revokedRecently(claims: Claims): boolean {
    return this.sids.has(claims.sid) || (this.versions.get(claims.sub)?.sv ?? -1) > claims.sv;
  }

  apply(notice: RevocationNotice, now = Date.now()): void {
    this.forget(now);
    if ("sid" in notice) this.sids.set(notice.sid, now);
    else this.versions.set(notice.userId, { sv: Math.max(notice.sv, this.versions.get(notice.userId)?.sv ?? 0), at: now });
    let closed = 0;
    for (const ws of [...this.registry.ofUser(notice.userId)]) {
      const { session } = ws.getUserData();
      const covered = "sid" in notice ? session.sid === notice.sid : session.sv < notice.sv;
      if (covered) closed += end(ws);
    }
    if (closed > 0) this.log.info({ userId: notice.userId, closed }, "revoked session: sockets closed");
  }

  /** Check every open socket against the database (after the listener was away). */
  async recheckAll(): Promise<void> {
    const sockets: ClientSocket[] = [];
    for (const [, mine] of this.registry.users()) sockets.push(...mine);
    for (let i = 0; i < sockets.length; i += recheckChunk) {
      const chunk = sockets.slice(i, i + recheckChunk);
      const states = await getSessionStates(this.db, chunk.map((ws) => refOf(keyOf(ws))));
      for (const ws of chunk) {
        const { session } = ws.getUserData();
        if (!sessionStateAllows(states.get(keyOf(ws)), session.sv)) end(ws);
      }
    }
  }

  private forget(now: number): void {
    for (const [sid, at] of this.sids) if (now - at > rememberMs) this.sids.delete(sid);
    for (const [userId, { at }] of this.versions) if (now - at > rememberMs) this.versions.delete(userId);
  }
}

function keyOf(ws: ClientSocket): string {
  const { user, session } = ws.getUserData();
  return sessionKey({ sub: user.id, sid: session.sid });
}

function refOf(key: string) {
  const [userId, sid] = key.split(":") as [string, string];
  return { userId, sid };
}

function end(ws: ClientSocket): number {
  if (ws.getUserData().closed) return 0;
  closeSocket(ws, CloseCode.sessionExpired);
  return 1;
}
