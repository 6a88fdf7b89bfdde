import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../client";

/*
 * Membership and room changes made by the web app (members.ts), announced
 * with NOTIFY on roomNoticeChannel. PostgreSQL delivers a NOTIFY only when
 * and after its transaction commits, to every session LISTENing on the
 * database: every sidecar hears it (realtime/revocation-listener.ts), with or
 * without Redis, and never before the change is visible to its own reads.
 */
export const roomNoticeChannel = "room_changed";

const user = z.object({ id: z.uuid(), username: z.string() });

export const roomNotice = z.discriminatedUnion("kind", [
  /** A user is no longer a member: removed by the owner, or left. */
  z.object({ kind: z.literal("member_gone"), room: z.uuid(), user, reason: z.enum(["removed", "left"]) }),
  z.object({ kind: z.literal("deleted"), room: z.uuid() }),
  z.object({ kind: z.literal("renamed"), room: z.uuid(), name: z.string() }),
]);
export type RoomNotice = z.infer<typeof roomNotice>;

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Delivered by PostgreSQL only if and when the transaction commits (payload well under its 8000-byte limit: names are short). */
export async function notifyRoom(tx: Tx, notice: RoomNotice): Promise<void> {
  await tx.execute(sql`select pg_notify(${roomNoticeChannel}, ${JSON.stringify(notice)})`);
}
