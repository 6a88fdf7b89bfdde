import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { memberships, rooms } from "../../db/schema";
import { mintSessionToken } from "../../test/support/tokens";

/*
 * Bench users, rooms and messages, inserted in bulk (thousands of createUser
 * calls would take longer than the measurement), with a session JWT per user
 * minted the way the web app does (test/support/tokens.ts). Password hashes
 * are never checked: clients bring a minted JWT.
 */
export const benchSecret = "bench-secret-0123456789abcdef";

export type BenchUser = { id: string; username: string };
export type SignedInUser = BenchUser & { token: string };

const chunk = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** n users named <prefix>_<i>, in one statement. */
export async function createUsers(db: Db, n: number, prefix = "bench"): Promise<BenchUser[]> {
  const rows = await db.execute<BenchUser>(sql`
    insert into users (username, password_hash)
    select ${prefix} || '_' || g, 'x' from generate_series(1, ${n}::int) g
    returning id, username`);
  return rows.map((r) => ({ id: r.id, username: r.username }));
}

/** n public rooms owned by one user, none of them joined. */
export async function createRooms(db: Db, ownerId: string, n: number): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    insert into rooms (name, kind, owner_id)
    select 'bench-room-' || g, 'public', ${ownerId}::uuid from generate_series(1, ${n}::int) g
    returning id`);
  return rows.map((r) => r.id);
}

/** rooms x perRoom distinct users with tokens, grouped by room; each room public, owned by its first member, every member joined. */
export async function seedRoomsWithMembers(db: Db, roomCount: number, perRoom: number) {
  const created = await createUsers(db, roomCount * perRoom);
  const tokens = await Promise.all(created.map((user) => mintSessionToken(user, { secret: benchSecret, maxAge: 24 * 3600 })));
  const all: SignedInUser[] = created.map((user, i) => ({ ...user, token: tokens[i]! }));
  const groups = chunk(all, perRoom);
  const roomRows = groups.map((group, i) => ({ id: randomUUID(), name: `bench-room-${i}`, kind: "public" as const, ownerId: group[0]!.id }));
  for (const part of chunk(roomRows, 5000)) await db.insert(rooms).values(part);
  const memberRows = groups.flatMap((group, i) =>
    group.map((user, j) => ({ roomId: roomRows[i]!.id, userId: user.id, role: j === 0 ? ("owner" as const) : ("member" as const) })),
  );
  for (const part of chunk(memberRows, 5000)) await db.insert(memberships).values(part);
  return { users: all, groups, roomIds: roomRows.map((r) => r.id) };
}

/**
 * n messages in one room in one statement (seq = version_seq = 1..n, a fresh
 * clientMsgId each, so every unique index holds), then the room cursor and
 * fresh planner statistics.
 */
export async function fillRoom(db: Db, roomId: string, authorId: string, n: number): Promise<void> {
  await db.execute(sql`
    insert into messages (room_id, seq, version_seq, author_id, body, client_msg_id, created_at)
    select ${roomId}::uuid, g, g, ${authorId}::uuid, 'history message number ' || g, gen_random_uuid(),
           now() - make_interval(secs => ${n}::int - g)
    from generate_series(1, ${n}::int) g`);
  await db.execute(sql`update rooms set last_seq = ${n} where id = ${roomId}::uuid`);
  await db.execute(sql`analyze messages`);
}
