import { and, eq, sql } from "drizzle-orm";
import type { ChatMessage } from "../../protocol";
import type { Db } from "../client";
import { messages, reactions, rooms, users } from "../schema";
import { messageColumns, messageFromRow } from "./messages";

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
  | { kind: "forbidden" }
  /** A new distinct reaction on a message that has the most allowed. */
  | { kind: "full" };

type Found = { authorId: string; deletedAt: Date | null; versionSeq: number };
type Refusal = "not_found" | "forbidden" | "full";
type Verdict = { set: Partial<typeof messages.$inferInsert> } | "unchanged" | Refusal;

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

export type ReactionChange = { emoji: string; on: boolean; maxDistinct: number };

/**
 * Anyone who can see the room reacts; a no-op toggle takes no seq. At most
 * maxDistinct different emoji per message (each change re-sends the whole
 * message, so their number bounds that traffic); joining one already there is
 * always allowed. Counted under the room row lock, so concurrent adds on any
 * sidecar cannot pass the cap together.
 */
export function setReaction(db: Db, target: ChangeTarget, { emoji, on, maxDistinct }: ReactionChange): Promise<ChangeResult> {
  return changeMessage(db, target, async (tx, found) => {
    if (found.deletedAt) return "not_found";
    if (on && !(await roomForEmoji(tx, target.messageId, emoji, maxDistinct))) return "full";
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

/** Whether `emoji` is on the message already, or the message has room for one more distinct emoji. */
async function roomForEmoji(tx: Tx, messageId: number, emoji: string, maxDistinct: number): Promise<boolean> {
  const [row] = await tx
    .select({
      distinct: sql<number>`count(distinct ${reactions.emoji})::int`,
      present: sql<boolean>`coalesce(bool_or(${reactions.emoji} = ${emoji}), false)`,
    })
    .from(reactions)
    .where(eq(reactions.messageId, messageId));
  return row!.present || row!.distinct < maxDistinct;
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
    if (typeof verdict === "string") return { kind: verdict }; // a refusal: nothing written
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
    return { kind: "changed", seq, message: messageFromRow(row!) };
  });
}
