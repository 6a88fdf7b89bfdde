import { and, eq, or, sql } from "drizzle-orm";
import type { ChatMessage } from "../../protocol";
import type { Db } from "../client";
import { messages, reactions, rooms, users } from "../schema";
import { messageColumns, toChatMessage } from "./messages";

/*
 * Writes that take room cursors. Every writer locks the room row first
 * (UPDATE rooms ... RETURNING last_seq, or SELECT ... FOR UPDATE) and only
 * then touches messages, so commit order equals seq order inside a room,
 * across processes, and lock order is always rooms-then-messages.
 */
export type NewMessage = { roomId: string; authorId: string; clientMsgId: string; body: string };

/** Where a send ended up: a new row, or the original of a repeated clientMsgId. */
export type WrittenMessage = {
  roomId: string;
  id: number;
  seq: number;
  createdAt: Date;
  duplicate: boolean;
};

// Lower case: the database returns UUIDs lower case whatever case the client sent.
const keyOf = (m: { authorId: string; clientMsgId: string }) => `${m.authorId}/${m.clientMsgId.toLowerCase()}`;

/**
 * One transaction for a batch of sends. result[i] answers items[i]; null when
 * its room no longer exists. Repeats (in the batch or already stored) get the
 * original's id and seq; a seq reserved for a repeat is simply skipped.
 */
export async function insertMessageBatch(db: Db, items: NewMessage[]): Promise<(WrittenMessage | null)[]> {
  const unique = new Map<string, NewMessage>();
  for (const item of items) if (!unique.has(keyOf(item))) unique.set(keyOf(item), item);
  const written = await db.transaction(async (tx) => {
    // Resends of stored messages first (one query per batch), so they take no seq.
    const stored = await findOriginals(tx, [...unique.values()]);
    const storedKeys = new Set(stored.map(keyOf));
    const rows = await reserveSeqs(tx, [...unique.values()].filter((item) => !storedKeys.has(keyOf(item))));
    // Sorted so two batches racing on the same keys wait for each other instead of deadlocking.
    rows.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
    const inserted = rows.length
      ? await tx
          .insert(messages)
          .values(rows)
          .onConflictDoNothing({ target: [messages.authorId, messages.clientMsgId] })
          .returning(writtenColumns)
      : [];
    const byKey = new Map(inserted.map((m) => [keyOf(m), { ...m, duplicate: false }]));
    for (const original of stored) byKey.set(keyOf(original), { ...original, duplicate: true });
    const repeats = rows.filter((r) => !byKey.has(keyOf(r)));
    for (const original of await findOriginals(tx, repeats)) byKey.set(keyOf(original), { ...original, duplicate: true });
    return byKey;
  });
  return items.map((item) => {
    const found = written.get(keyOf(item));
    if (!found) return null;
    // A repeat inside this batch is a duplicate of the first one.
    const isFirst = unique.get(keyOf(item)) === item;
    const { roomId, id, seq, createdAt } = found;
    return { roomId, id, seq, createdAt, duplicate: found.duplicate || !isFirst };
  });
}

const writtenColumns = {
  roomId: messages.roomId,
  id: messages.id,
  seq: messages.seq,
  createdAt: messages.createdAt,
  authorId: messages.authorId,
  clientMsgId: messages.clientMsgId,
};

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Take k seqs per room, rooms in id order (the row lock serialises writers). */
async function reserveSeqs(tx: Tx, items: NewMessage[]) {
  const byRoom = new Map<string, NewMessage[]>();
  for (const item of items) byRoom.set(item.roomId, [...(byRoom.get(item.roomId) ?? []), item]);
  const rows: (NewMessage & { seq: number; versionSeq: number })[] = [];
  for (const roomId of [...byRoom.keys()].sort()) {
    const batch = byRoom.get(roomId)!;
    const [room] = await tx
      .update(rooms)
      .set({ lastSeq: sql`${rooms.lastSeq} + ${batch.length}` })
      .where(eq(rooms.id, roomId))
      .returning({ lastSeq: rooms.lastSeq });
    if (!room) continue;
    const first = Number(room.lastSeq) - batch.length + 1;
    batch.forEach((item, i) => rows.push({ ...item, seq: first + i, versionSeq: first + i }));
  }
  return rows;
}

async function findOriginals(tx: Tx, repeats: NewMessage[]) {
  if (repeats.length === 0) return [];
  return tx
    .select(writtenColumns)
    .from(messages)
    .where(or(...repeats.map((r) => and(eq(messages.authorId, r.authorId), eq(messages.clientMsgId, r.clientMsgId)))));
}

/** The message a user already stored under this clientMsgId, if any. */
export async function findMessageByClientMsgId(
  db: Db,
  authorId: string,
  clientMsgId: string,
): Promise<{ roomId: string; id: number; seq: number } | null> {
  const [row] = await db
    .select({ roomId: messages.roomId, id: messages.id, seq: messages.seq })
    .from(messages)
    .where(and(eq(messages.authorId, authorId), eq(messages.clientMsgId, clientMsgId)));
  return row ?? null;
}

/* Edits, deletes and reactions: each takes the next room seq as the message's version. */
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
