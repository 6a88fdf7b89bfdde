import { and, asc, desc, eq, gt, lt, sql } from "drizzle-orm";
import { isReactionEmoji, type ChatMessage } from "../../protocol";
import type { Db } from "../client";
import { messages, users } from "../schema";

export const maxPageSize = 100;

/** Columns of a message object; reactions folded into {emoji: [usernames]}. */
export const messageColumns = {
  id: messages.id,
  seq: messages.seq,
  versionSeq: messages.versionSeq,
  authorId: messages.authorId,
  username: users.username,
  body: messages.body,
  clientMsgId: messages.clientMsgId,
  createdAt: messages.createdAt,
  editedAt: messages.editedAt,
  deletedAt: messages.deletedAt,
  reactions: sql<Record<string, string[]> | null>`(
    select json_object_agg(x.emoji, x.names) from (
      select r.emoji, json_agg(ru.username order by r.created_at) as names
      from reactions r join users ru on ru.id = r.user_id
      where r.message_id = ${messages.id}
      group by r.emoji
    ) x
  )`,
};

type MessageSelection = {
  id: number;
  seq: number;
  versionSeq: number;
  authorId: string;
  username: string;
  body: string;
  clientMsgId: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  reactions: Record<string, string[]> | null;
};

/** A selected row (messageColumns) as the message object of the contract. */
export function messageFromRow(row: MessageSelection): ChatMessage {
  const deleted = row.deletedAt !== null;
  return {
    id: String(row.id),
    seq: Number(row.seq),
    version: Number(row.versionSeq),
    author: { id: row.authorId, username: row.username },
    body: deleted ? "" : row.body,
    createdAt: new Date(row.createdAt).toISOString(),
    editedAt: row.editedAt ? new Date(row.editedAt).toISOString() : null,
    deleted,
    clientMsgId: row.clientMsgId,
    reactions: deleted || !row.reactions ? {} : storedReactions(row.reactions),
  };
}

/*
 * The database folds reactions into one JSON object, which JSON.parse turns
 * into own properties (a `__proto__` key cannot reach the prototype here).
 * Rows stored before reactions had to be one emoji may hold any short text,
 * `__proto__` included, which a client assigning keys one by one would turn
 * into a prototype: only real emoji keys are passed on.
 */
function storedReactions(folded: Record<string, string[]>): Record<string, string[]> {
  const reactions: Record<string, string[]> = {};
  for (const [emoji, names] of Object.entries(folded)) if (isReactionEmoji(emoji)) reactions[emoji] = names;
  return reactions;
}

/** Message objects with their author joined in; callers add the where and order. */
function selectMessages(db: Db) {
  return db.select(messageColumns).from(messages).innerJoin(users, eq(users.id, messages.authorId));
}

function clampLimit(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? 50, 1), maxPageSize);
}

/** A keyset page of history, newest first: messages with seq < before. */
export async function getMessagesBefore(
  db: Db,
  { roomId, before, limit }: { roomId: string; before?: number; limit?: number },
): Promise<{ messages: ChatMessage[]; nextBefore: number | null }> {
  const size = clampLimit(limit);
  const rows = await selectMessages(db)
    .where(and(eq(messages.roomId, roomId), before === undefined ? undefined : lt(messages.seq, before)))
    .orderBy(desc(messages.seq))
    .limit(size + 1);
  const page = rows.slice(0, size).map(messageFromRow);
  const more = rows.length > size;
  return { messages: page, nextBefore: more ? page[page.length - 1]!.seq : null };
}

/** Every change after a cursor, oldest change first, current state only. */
export async function getChangesAfter(
  db: Db,
  { roomId, after, limit }: { roomId: string; after: number; limit?: number },
): Promise<{ messages: ChatMessage[]; nextAfter: number | null }> {
  const size = clampLimit(limit);
  const rows = await selectMessages(db)
    .where(and(eq(messages.roomId, roomId), gt(messages.versionSeq, after)))
    .orderBy(asc(messages.versionSeq))
    .limit(size + 1);
  const page = rows.slice(0, size).map(messageFromRow);
  const more = rows.length > size;
  return { messages: page, nextAfter: more ? page[page.length - 1]!.version : null };
}

/** Every change after a cursor up to a bound, for socket replay (no page size cap). */
export async function getChangesBetween(
  db: Db,
  { roomId, after, upTo }: { roomId: string; after: number; upTo: number },
): Promise<ChatMessage[]> {
  const rows = await selectMessages(db)
    .where(
      and(
        eq(messages.roomId, roomId),
        gt(messages.versionSeq, after),
        sql`${messages.versionSeq} <= ${upTo}`,
      ),
    )
    .orderBy(asc(messages.versionSeq));
  return rows.map(messageFromRow);
}
