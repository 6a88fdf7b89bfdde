import { sql } from "drizzle-orm";
import type { Db } from "../client";

/*
 * The send path's write: a batch of new messages in one transaction of two
 * statements. The text never changes with the batch size (the rows travel as
 * four arrays), so PostgreSQL and the driver see the same two statements
 * every time and no per-row query building is done in JavaScript; the
 * drizzle-built multi-row INSERT this replaced was the sidecar's largest
 * cost per message.
 *
 * Lock order as every room writer (message-writes.ts): room rows first, in id
 * order, then messages; rows are inserted in key order, so two batches racing
 * on the same clientMsgIds wait for each other instead of deadlocking.
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

type Row = { id: string; room_id: string; seq: string; created_at: Date; author_id: string; client_msg_id: string; duplicate: boolean };

// Lower case: the database returns UUIDs lower case whatever case the client sent.
const keyOf = (authorId: string, clientMsgId: string) => `${authorId}/${clientMsgId.toLowerCase()}`;

/**
 * result[i] answers items[i]; null when its room does not exist. A repeat (in
 * the batch, or of a stored message) gets the original's id and seq and takes
 * no seq of its own.
 */
export async function insertMessageBatch(db: Db, items: NewMessage[]): Promise<(WrittenMessage | null)[]> {
  const unique = new Map<string, NewMessage>();
  for (const item of items) {
    const key = keyOf(item.authorId, item.clientMsgId);
    if (!unique.has(key)) unique.set(key, item);
  }
  const firsts = [...unique.values()];
  const rows = await db.transaction(async (tx) => {
    const roomIds = [...new Set(firsts.map((m) => m.roomId))].sort();
    await tx.execute(sql`select id from rooms where id = any(${sql.param(roomIds)}::uuid[]) order by id for update`);
    const written = (await tx.execute(insertStatement(firsts))) as unknown as Row[];
    // A key another sidecar committed while we waited: ON CONFLICT skipped it, so read the original now.
    const answered = new Set(written.map((r) => keyOf(r.author_id, r.client_msg_id)));
    const missing = firsts.filter((m) => !answered.has(keyOf(m.authorId, m.clientMsgId)));
    return missing.length ? [...written, ...((await tx.execute(originalsStatement(missing))) as unknown as Row[])] : written;
  });
  const byKey = new Map(rows.map((r) => [keyOf(r.author_id, r.client_msg_id), r]));
  return items.map((item) => {
    const key = keyOf(item.authorId, item.clientMsgId);
    const row = byKey.get(key);
    if (!row) return null;
    const duplicate = row.duplicate || unique.get(key) !== item;
    return { roomId: row.room_id, id: Number(row.id), seq: Number(row.seq), createdAt: new Date(row.created_at), duplicate };
  });
}

const arrays = (items: NewMessage[]) => ({
  roomIds: sql.param(items.map((m) => m.roomId)),
  authorIds: sql.param(items.map((m) => m.authorId)),
  clientMsgIds: sql.param(items.map((m) => m.clientMsgId)),
  bodies: sql.param(items.map((m) => m.body)),
});

/**
 * Stored repeats are answered from the table; the rest take the next seqs of
 * their room (in batch order) and are inserted. The caller holds the room locks.
 */
function insertStatement(items: NewMessage[]) {
  const a = arrays(items);
  return sql`
    with input as (
      select * from unnest(${a.roomIds}::uuid[], ${a.authorIds}::uuid[], ${a.clientMsgIds}::uuid[], ${a.bodies}::text[])
        with ordinality as t(room_id, author_id, client_msg_id, body, ord)
    ),
    stored as (
      select m.id, m.room_id, m.seq, m.created_at, m.author_id, m.client_msg_id
      from messages m join input i on m.author_id = i.author_id and m.client_msg_id = i.client_msg_id
    ),
    fresh as (
      select i.* from input i
      where not exists (select 1 from stored s where s.author_id = i.author_id and s.client_msg_id = i.client_msg_id)
    ),
    counts as (select room_id, count(*) as n from fresh group by room_id),
    bumped as (
      update rooms r set last_seq = r.last_seq + c.n from counts c where r.id = c.room_id
      returning r.id, r.last_seq - c.n as base
    ),
    numbered as (
      select f.*, b.base + row_number() over (partition by f.room_id order by f.ord) as seq
      from fresh f join bumped b on b.id = f.room_id
    ),
    inserted as (
      insert into messages (room_id, author_id, client_msg_id, body, seq, version_seq)
      select room_id, author_id, client_msg_id, body, seq, seq from numbered order by author_id, client_msg_id
      on conflict (author_id, client_msg_id) do nothing
      returning id, room_id, seq, created_at, author_id, client_msg_id
    )
    select *, false as duplicate from inserted
    union all
    select *, true as duplicate from stored`;
}

function originalsStatement(items: NewMessage[]) {
  const a = arrays(items);
  return sql`
    select m.id, m.room_id, m.seq, m.created_at, m.author_id, m.client_msg_id, true as duplicate
    from messages m join unnest(${a.authorIds}::uuid[], ${a.clientMsgIds}::uuid[]) as k(author_id, client_msg_id)
      on m.author_id = k.author_id and m.client_msg_id = k.client_msg_id`;
}

