import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";

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

/** Percentile of sorted values (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
