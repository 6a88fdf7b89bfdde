import type { Sql } from "postgres";
import type { Db } from "../client";

/*
 * The send path's write: a batch of new messages as ONE statement, so one
 * round trip and its own transaction. Its text never changes with the batch
 * size (the rows travel as four arrays), so it is prepared once per
 * connection, with no per-row query building in JavaScript. That is why this
 * hot path uses the postgres.js client under Drizzle directly: Drizzle's raw
 * `execute` cannot prepare (bench/README.md has the numbers). The tables are
 * still Drizzle's (schema.ts); the column names below are theirs.
 *
 * Lock order as every room writer (message-writes.ts): room rows first, in id
 * order (the `locked` CTE hands them to the UPDATE one by one, locking each
 * before the UPDATE can reach it), then messages; rows are inserted in key
 * order, so two batches racing on the same clientMsgIds wait for each other
 * instead of deadlocking.
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

/** A send's identity. Lower case: the database returns UUIDs lower case whatever case the client sent. */
export const sendKey = (authorId: string, clientMsgId: string) => `${authorId.toLowerCase()}/${clientMsgId.toLowerCase()}`;

/**
 * result[i] answers items[i]; null when its room does not exist. A repeat (in
 * the batch, or of a stored message) gets the original's id and seq and takes
 * no seq of its own.
 */
export async function insertMessageBatch(db: Db, items: NewMessage[]): Promise<(WrittenMessage | null)[]> {
  const unique = new Map<string, NewMessage>();
  for (const item of items) {
    const key = sendKey(item.authorId, item.clientMsgId);
    if (!unique.has(key)) unique.set(key, item);
  }
  const firsts = [...unique.values()];
  const written = await insertRows(db.$client, firsts);
  // A key another sidecar committed after this statement's snapshot: ON CONFLICT skipped it
  // (its seq stays unused, as clients and cursors allow), so read the original now.
  const answered = new Set(written.map((r) => sendKey(r.author_id, r.client_msg_id)));
  const missing = firsts.filter((m) => !answered.has(sendKey(m.authorId, m.clientMsgId)));
  const rows = missing.length ? [...written, ...(await findOriginals(db.$client, missing))] : written;
  const byKey = new Map(rows.map((r) => [sendKey(r.author_id, r.client_msg_id), r]));
  return items.map((item) => {
    const key = sendKey(item.authorId, item.clientMsgId);
    const row = byKey.get(key);
    if (!row) return null;
    const duplicate = row.duplicate || unique.get(key) !== item;
    return { roomId: row.room_id, id: Number(row.id), seq: Number(row.seq), createdAt: new Date(row.created_at), duplicate };
  });
}

/*
 * A prepared statement keeps the plan PostgreSQL gave it when it was first
 * cached. Planned while `messages` was nearly empty, the batch would scan the
 * whole table on every execution once the table has grown, until the next
 * ANALYZE (bench/README.md). So the statement's text carries the table's
 * order of magnitude, read from the ids it returns: each tenfold growth
 * prepares it afresh, planned for the size the table has then (a handful of
 * times in a table's life).
 */
let sizeClass = 0;

function noteSize(rows: Row[]): Row[] {
  for (const row of rows) sizeClass = Math.max(sizeClass, Math.floor(Math.log10(Number(row.id))));
  return rows;
}

/**
 * Stored repeats are answered from the table; the rest take the next seqs of
 * their room (in batch order, under the room's row lock) and are inserted.
 */
async function insertRows(sql: Sql, items: NewMessage[]): Promise<Row[]> {
  const column = <K extends keyof NewMessage>(key: K) => items.map((m) => m[key]);
  return noteSize(await sql<Row[]>`
    /* messages ~1e${sql.unsafe(String(sizeClass))} */
    with input as (
      select * from unnest(${column("roomId")}::uuid[], ${column("authorId")}::uuid[], ${column("clientMsgId")}::uuid[], ${column("body")}::text[])
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
    locked as materialized (
      select id from rooms where id in (select room_id from counts) order by id for update
    ),
    bumped as (
      update rooms r set last_seq = r.last_seq + c.n from counts c join locked l on l.id = c.room_id
      where r.id = l.id
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
    select *, true as duplicate from stored`);
}

type SendRef = Pick<NewMessage, "authorId" | "clientMsgId">;

/** Stored messages for (author, clientMsgId) pairs, in one query; pairs with none are left out. */
export async function findStoredSends(db: Db, refs: SendRef[]) {
  const rows = await findOriginals(db.$client, refs);
  return rows.map((r) => ({ roomId: r.room_id, id: Number(r.id), seq: Number(r.seq), authorId: r.author_id, clientMsgId: r.client_msg_id }));
}

function findOriginals(sql: Sql, items: SendRef[]): Promise<Row[]> {
  return sql<Row[]>`
    select m.id, m.room_id, m.seq, m.created_at, m.author_id, m.client_msg_id, true as duplicate
    from messages m join unnest(${items.map((m) => m.authorId)}::uuid[], ${items.map((m) => m.clientMsgId)}::uuid[]) as k(author_id, client_msg_id)
      on m.author_id = k.author_id and m.client_msg_id = k.client_msg_id`;
}
