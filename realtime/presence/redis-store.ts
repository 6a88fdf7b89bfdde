import type { Redis } from "ioredis";
import type { UserRef } from "../../protocol";

/** Users of a room as seen in Redis, by id. */
export type RoomView = Map<string, UserRef>;

/*
 * Per room one sorted set `<prefix>presence:<roomId>`; a member
 * `<origin>|<userId>|<username>` is one user on one sidecar, scored by the
 * time it expires. Each sidecar re-scores its own members every heartbeat, so
 * the members of a sidecar killed with -9 simply run out. Reads skip expired
 * members and this sidecar's own (it knows those better, in memory).
 */
export class PresenceStore {
  constructor(
    private redis: Redis,
    private keyPrefix: string,
    private origin: string,
    private ttlMs: number,
  ) {}

  async add(roomId: string, user: UserRef): Promise<void> {
    await this.redis
      .multi()
      .zadd(this.keyOf(roomId), Date.now() + this.ttlMs, this.memberOf(user))
      .pexpire(this.keyOf(roomId), this.ttlMs * 2)
      .exec();
  }

  async remove(roomId: string, user: UserRef): Promise<void> {
    await this.redis.zrem(this.keyOf(roomId), this.memberOf(user));
  }

  /** Other sidecars' live users in one room. */
  async read(roomId: string): Promise<RoomView> {
    const members = await this.redis.zrangebyscore(this.keyOf(roomId), Date.now(), "+inf");
    return this.viewOf(members);
  }

  /** One round trip: re-score our users in every room we serve, drop expired members, read each room back. */
  async heartbeat(rooms: [string, UserRef[]][]): Promise<Map<string, RoomView>> {
    const now = Date.now();
    const pipeline = this.redis.pipeline();
    for (const [roomId, users] of rooms) {
      const key = this.keyOf(roomId);
      if (users.length > 0) pipeline.zadd(key, ...users.flatMap((u) => [now + this.ttlMs, this.memberOf(u)]));
      pipeline.pexpire(key, this.ttlMs * 2).zremrangebyscore(key, "-inf", now).zrangebyscore(key, now, "+inf");
    }
    const replies = (await pipeline.exec()) ?? [];
    const views = new Map<string, RoomView>();
    let at = 0;
    for (const [roomId, users] of rooms) {
      at += users.length > 0 ? 4 : 3;
      const [error, members] = replies[at - 1] ?? [new Error("no reply")];
      if (error) throw error;
      views.set(roomId, this.viewOf(members as string[]));
    }
    return views;
  }

  private keyOf(roomId: string): string {
    return `${this.keyPrefix}presence:${roomId}`;
  }

  private memberOf(user: UserRef): string {
    return `${this.origin}|${user.id}|${user.username}`;
  }

  private viewOf(members: string[]): RoomView {
    const view: RoomView = new Map();
    for (const member of members) {
      if (member.startsWith(`${this.origin}|`)) continue;
      const idStart = member.indexOf("|") + 1;
      const idEnd = member.indexOf("|", idStart);
      if (idStart === 0 || idEnd < 0) continue;
      const id = member.slice(idStart, idEnd);
      view.set(id, { id, username: member.slice(idEnd + 1) });
    }
    return view;
  }
}

export function sameView(a: RoomView | undefined, b: RoomView): boolean {
  if (!a || a.size !== b.size) return false;
  for (const [id, user] of b) if (a.get(id)?.username !== user.username) return false;
  return true;
}
