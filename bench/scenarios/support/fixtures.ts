import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";

export type BenchUser = { id: string; username: string };

/** n users in one statement (password hashes are never checked: clients bring a minted JWT). */
export async function createUsers(db: Db, n: number, prefix = "bench"): Promise<BenchUser[]> {
  const rows = await db.execute<BenchUser>(sql`
    insert into users (username, password_hash)
    select ${prefix} || '_' || g, 'x' from generate_series(1, ${n}::int) g
    returning id, username`);
  return rows.map((r) => ({ id: r.id, username: r.username }));
}

/** n public rooms owned by one user. */
export async function createRooms(db: Db, ownerId: string, n: number): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    insert into rooms (name, kind, owner_id)
    select 'bench-room-' || g, 'public', ${ownerId}::uuid from generate_series(1, ${n}::int) g
    returning id`);
  return rows.map((r) => r.id);
}

/** 127.0.0.2, 127.0.0.3, ...: each source address has its own ~28k ephemeral ports. */
export function loopbackSources(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `127.0.0.${i + 2}`);
}

export function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}
