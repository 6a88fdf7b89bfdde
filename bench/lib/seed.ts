import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import { memberships, rooms, users } from "../../db/schema";
import { mintSessionToken } from "../../test/support/tokens";

/*
 * Bench users and rooms, inserted in bulk (thousands of createUser calls would
 * take longer than the measurement), with a session JWT per user minted the
 * way the web app does (test/support/tokens.ts).
 */
export const benchSecret = "bench-secret-0123456789abcdef";

export type BenchUser = { id: string; username: string; token: string };

const chunk = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** n users named <prefix>-<i>, with tokens. */
export async function seedUsers(db: Db, n: number, prefix = "bench"): Promise<BenchUser[]> {
  const rows = Array.from({ length: n }, (_, i) => ({ id: randomUUID(), username: `${prefix}-${i}`, passwordHash: "x" }));
  for (const part of chunk(rows, 5000)) await db.insert(users).values(part);
  const tokens = await Promise.all(rows.map((row) => mintSessionToken(row, { secret: benchSecret, maxAge: 24 * 3600 })));
  return rows.map((row, i) => ({ id: row.id, username: row.username, token: tokens[i]! }));
}

/** Public rooms, each owned by its first member; every member joined already. */
export async function seedRooms(db: Db, members: BenchUser[][], prefix = "bench-room"): Promise<string[]> {
  const roomRows = members.map((group, i) => ({ id: randomUUID(), name: `${prefix}-${i}`, kind: "public" as const, ownerId: group[0]!.id }));
  for (const part of chunk(roomRows, 5000)) await db.insert(rooms).values(part);
  const memberRows = members.flatMap((group, i) =>
    group.map((user, j) => ({ roomId: roomRows[i]!.id, userId: user.id, role: j === 0 ? ("owner" as const) : ("member" as const) })),
  );
  for (const part of chunk(memberRows, 5000)) await db.insert(memberships).values(part);
  return roomRows.map((r) => r.id);
}

/** rooms x perRoom distinct users, grouped by room. */
export async function seedRoomsWithMembers(db: Db, roomCount: number, perRoom: number) {
  const all = await seedUsers(db, roomCount * perRoom);
  const groups = chunk(all, perRoom);
  const roomIds = await seedRooms(db, groups);
  return { users: all, groups, roomIds };
}
