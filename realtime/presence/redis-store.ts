import type { UserRef } from "../../protocol";
import type { RedisNames } from "../broker/names";
import type { RedisCommands } from "../broker/redis-client";

/** Users of a room as seen in Redis, by id. */
export type RoomView = Map<string, UserRef>;

/*
 * Per room one sorted set (RedisNames.presenceKeyOf: `<prefix>presence:<roomId>`,
 * hash-tagged into the room's own slot on a Redis Cluster); a member
 * `<origin>|<userId>|<username>` is one user on one sidecar, scored by the
 * time it expires. Each sidecar re-scores its own members every heartbeat, so
 * the members of a sidecar killed with -9 simply run out. Reads skip expired
 * members and this sidecar's own (it knows those better, in memory).
 */
export class PresenceStore {
  constructor(
    private redis: RedisCommands,
    private names: RedisNames,
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

  /**
   * Re-score our users in every room we serve, drop expired members, read each room back.
   * Every command names one key, so each goes to its room's shard; auto-pipelining sends one
   * turn's commands in one write (per node), so this is still one round trip.
   */
  async heartbeat(rooms: [string, UserRef[]][]): Promise<Map<string, RoomView>> {
    const now = Date.now();
    const read = (roomId: string, users: UserRef[]) => {
      const key = this.keyOf(roomId);
      const written = users.length > 0 ? [this.redis.zadd(key, ...users.flatMap((u) => [now + this.ttlMs, this.memberOf(u)]))] : [];
      written.push(this.redis.pexpire(key, this.ttlMs * 2), this.redis.zremrangebyscore(key, "-inf", now));
      return Promise.all([...written, this.redis.zrangebyscore(key, now, "+inf")]).then((replies) => replies.at(-1) as string[]);
    };
    const members = await Promise.all(rooms.map(([roomId, users]) => read(roomId, users)));
    return new Map(rooms.map(([roomId], i) => [roomId, this.viewOf(members[i]!)]));
  }

  private keyOf(roomId: string): string {
    return this.names.presenceKeyOf(roomId);
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
