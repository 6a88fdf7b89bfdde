import { and, eq, sql } from "drizzle-orm";
import type { ChatMessage } from "../../protocol";
import type { Db } from "../client";
import { messages, reactions, rooms, users } from "../schema";
import { messageColumns, toChatMessage } from "./messages";

/*
 * Writes that take room cursors (new messages: message-batch.ts). Every
 * writer locks the room row first (SELECT ... FOR UPDATE) and only then
 * touches messages, so commit order equals seq order inside a room, across
 * processes, and lock order is always rooms-then-messages.
 *
 * Edits, deletes and reactions: each takes the next room seq as the message's version.
 */
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type ChangeTarget = { roomId: string; messageId: number; actorId: string };
export type ChangeResult =
  | { kind: "changed"; seq: number; message: ChatMessage }
  | { kind: "unchanged"; seq: number }
  | { kind: "not_found" }
  | { kind: "forbidden" };

type Found = { authorId: string; deletedAt: Date | null; versionSeq: number };
type Verdict = { set: Partial<typeof messages.$inferInsert> } | "unchanged" | "not_found" | "forbidden";

/** Only the author edits; a deleted message cannot be edited. */
export function editMessage(db: Db, target: ChangeTarget, body: string): Promise<ChangeResult> {
  return changeMessage(db, target, async (_tx, found) => {
    if (found.authorId !== target.actorId) return "forbidden";
    if (found.deletedAt) return "not_found";
    return { set: { body, editedAt: new Date() } };
  });
}

/** The author or the room owner deletes; deleting twice changes nothing. */
export function deleteMessage(db: Db, target: ChangeTarget): Promise<ChangeResult> {
  return changeMessage(db, target, async (_tx, found, ownerId) => {
    if (found.authorId !== target.actorId && ownerId !== target.actorId) return "forbidden";
    return found.deletedAt ? "unchanged" : { set: { deletedAt: new Date() } };
  });
}

/** Anyone who can see the room reacts; a no-op toggle takes no seq. */
export function setReaction(db: Db, target: ChangeTarget, emoji: string, on: boolean): Promise<ChangeResult> {
  return changeMessage(db, target, async (tx, found) => {
    if (found.deletedAt) return "not_found";
    const key = { messageId: target.messageId, userId: target.actorId, emoji };
    const changed = on
      ? await tx.insert(reactions).values(key).onConflictDoNothing().returning({ emoji: reactions.emoji })
      : await tx
          .delete(reactions)
          .where(and(eq(reactions.messageId, key.messageId), eq(reactions.userId, key.userId), eq(reactions.emoji, emoji)))
          .returning({ emoji: reactions.emoji });
    return changed.length ? { set: {} } : "unchanged";
  });
}

async function changeMessage(
  db: Db,
  target: ChangeTarget,
  decide: (tx: Tx, found: Found, ownerId: string | null) => Promise<Verdict>,
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    // Room row first, like the batch writer, so the two never deadlock.
    const [room] = await tx.select({ ownerId: rooms.ownerId }).from(rooms).where(eq(rooms.id, target.roomId)).for("update");
    const [found] = await tx
      .select({ authorId: messages.authorId, deletedAt: messages.deletedAt, versionSeq: messages.versionSeq })
      .from(messages)
      .where(and(eq(messages.id, target.messageId), eq(messages.roomId, target.roomId)));
    if (!room || !found) return { kind: "not_found" };
    const verdict = await decide(tx, found, room.ownerId);
    if (verdict === "unchanged") return { kind: "unchanged", seq: Number(found.versionSeq) };
    if (verdict === "not_found" || verdict === "forbidden") return { kind: verdict };
    const [bumped] = await tx
      .update(rooms)
      .set({ lastSeq: sql`${rooms.lastSeq} + 1` })
      .where(eq(rooms.id, target.roomId))
      .returning({ lastSeq: rooms.lastSeq });
    const seq = Number(bumped!.lastSeq);
    await tx.update(messages).set({ ...verdict.set, versionSeq: seq }).where(eq(messages.id, target.messageId));
    const [row] = await tx
      .select(messageColumns)
      .from(messages)
      .innerJoin(users, eq(users.id, messages.authorId))
      .where(eq(messages.id, target.messageId));
    return { kind: "changed", seq, message: toChatMessage(row!) };
  });
}
