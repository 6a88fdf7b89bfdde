import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../client";
import { messages } from "../schema";

/*
 * The archive's "newer" link. Seqs have gaps (edits and reactions take room
 * seqs too), so "before = last + 50" would be wrong: find the 51st message
 * after this page and use its seq, which makes the next page exactly the 50
 * messages that follow. Fewer than 51 left means the next page is the newest.
 */
export type NewerLink = { kind: "none" } | { kind: "newest" } | { kind: "before"; before: number };

export async function getNewerLink(db: Db, roomId: string, newestSeqOnPage: number, pageSize: number): Promise<NewerLink> {
  const rows = await db
    .select({ seq: messages.seq })
    .from(messages)
    .where(and(eq(messages.roomId, roomId), gt(messages.seq, newestSeqOnPage)))
    .orderBy(asc(messages.seq))
    .limit(pageSize + 1);
  if (rows.length === 0) return { kind: "none" };
  const boundary = rows[pageSize];
  return boundary ? { kind: "before", before: Number(boundary.seq) } : { kind: "newest" };
}
