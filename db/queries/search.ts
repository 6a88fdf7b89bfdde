import { sql } from "drizzle-orm";
import type { RoomKind } from "../../protocol";
import type { Db } from "../client";
import { headline, toSnippet, type SnippetPart } from "./search-snippet";

/*
 * Full-text search over every message the user may read, and no other.
 * Access is the rule of getRoomAccess (db/queries/rooms.ts), written as SQL:
 * a public room's messages are readable by every signed-in user, a private
 * room's or a DM's only by its members. Deleted messages never match: their
 * search_vector is NULL (db/schema.ts), and they are filtered out besides.
 *
 * `q` is read as a web search (websearch_to_tsquery: words, "quoted
 * phrases", `or`, `-word`); it never fails to parse. Each word then matches
 * as a prefix, in the same `simple` configuration the column was built with.
 * Newest first: by created_at (the sending transaction's time), then seq
 * (a batch of sends shares one created_at, and its ids follow clientMsgId
 * order, not seq order), then id, a total order. Keyset pages: `before` is
 * the `nextBefore` of the previous page, the id of its last message, whose
 * place in that order is looked up.
 */
export type SearchHit = {
  id: string;
  seq: number;
  room: { id: string; name: string; kind: RoomKind };
  author: { id: string; username: string };
  createdAt: string;
  editedAt: string | null;
  /** The matched context as plain text, the matches marked: render each part as text, `hit` ones in <mark>. */
  snippet: SnippetPart[];
};
export type SearchPage = { results: SearchHit[]; nextBefore: string | null };
export type SearchInput = { userId: string; q: string; before?: number; limit?: number };

const defaultSearchPage = 20;
const maxSearchPage = 50;

type Row = {
  id: string;
  seq: string;
  room_id: string;
  room_name: string;
  room_kind: RoomKind;
  author_id: string;
  username: string;
  created_at: string | Date;
  edited_at: string | Date | null;
  headline: string;
};

export async function searchMessagesForUser(db: Db, { userId, q, before, limit }: SearchInput): Promise<SearchPage> {
  const size = Math.min(Math.max(limit ?? defaultSearchPage, 1), maxSearchPage);
  const rows = await db.execute<Row>(sql`
    with query as (
      select to_tsquery('simple', regexp_replace(
        websearch_to_tsquery('simple', ${q})::text, '''(?:[^'']|'''')*''', '\\&:*', 'g')) as tsq
    ), page as (
      select m.id
      from messages m
      join rooms r on r.id = m.room_id
      where m.search_vector @@ (select tsq from query)
        and m.deleted_at is null
        and (r.kind = 'public'
          or exists (select 1 from memberships ms where ms.room_id = m.room_id and ms.user_id = ${userId}))
        ${before === undefined ? sql`` : sql`and (m.created_at, m.seq, m.id) < (select c.created_at, c.seq, c.id from messages c where c.id = ${before})`}
      order by m.created_at desc, m.seq desc, m.id desc
      limit ${size + 1}
    )
    select m.id::text as id, m.seq::text as seq, r.id as room_id, r.name as room_name, r.kind as room_kind,
      u.id as author_id, u.username, m.created_at, m.edited_at,
      ts_headline('simple', ${preparedBody}, (select tsq from query),
        case when char_length(m.body) <= ${headline.wholeUpTo} then ${headline.whole} else ${headline.fragments} end) as headline
    from page
    join messages m on m.id = page.id
    join rooms r on r.id = m.room_id
    join users u on u.id = m.author_id
    order by m.created_at desc, m.seq desc, m.id desc`);
  const results = rows.slice(0, size).map(toHit);
  return { results, nextBefore: rows.length > size ? results[results.length - 1]!.id : null };
}

/*
 * What ts_headline reads: the body without the private-use characters that
 * mark matches (search-snippet.ts), and with `<` swapped for one of them,
 * because ts_headline drops whatever its parser takes for an HTML tag.
 */
const preparedBody = sql.raw(`replace(translate(m.body, E'\\uE000\\uE001\\uE002', ''), '<', E'\\uE002')`);

function toHit(row: Row): SearchHit {
  return {
    id: row.id,
    seq: Number(row.seq),
    room: { id: row.room_id, name: row.room_name, kind: row.room_kind },
    author: { id: row.author_id, username: row.username },
    createdAt: new Date(row.created_at).toISOString(),
    editedAt: row.edited_at ? new Date(row.edited_at).toISOString() : null,
    snippet: toSnippet(row.headline),
  };
}
