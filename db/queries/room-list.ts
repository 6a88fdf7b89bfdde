import { sql, type SQL } from "drizzle-orm";
import type { RoomKind, RoomSummary } from "../../protocol";
import type { Db } from "../client";
import { isUuid } from "./users";

/*
 * The room list: every room the user is in (bounded by what they joined),
 * then the public rooms they are NOT in, which anyone can create, so those
 * come in keyset pages by name: (lower(name), id) after the room `after`,
 * walking rooms_public_name_idx, so a page costs the same however many
 * public rooms exist. `q` narrows both to names containing it.
 */
export type RoomListOptions = { q?: string; after?: string; limit?: number };
export type PublicRoomPage = { rooms: RoomSummary[]; nextAfter: string | null };

type Row = { id: string; name: string; kind: RoomKind; unread: number; last_seq: number };

const defaultRoomPage = 50;
const maxRoomPage = 100;

/** Rooms the user belongs to, with unread counts; DMs last. */
export async function listMemberRooms(db: Db, userId: string, q?: string): Promise<RoomSummary[]> {
  const rows = await db.execute<Row>(sql`
    select r.id, r.name, r.kind, r.last_seq::int8 as last_seq, (
        select count(*) from messages x
        where x.room_id = r.id and x.seq > m.last_read_seq
          and x.author_id <> ${userId} and x.deleted_at is null
      )::int as unread
    from memberships m join rooms r on r.id = m.room_id
    where m.user_id = ${userId} ${nameFilter(q)}
    order by r.kind = 'dm', lower(r.name), r.created_at`);
  return rows.map(toSummary);
}

/** One page of the public rooms the user is not in, by name; nextAfter names the last room when more follow. */
export async function listOtherPublicRooms(db: Db, userId: string, options: RoomListOptions = {}): Promise<PublicRoomPage> {
  const limit = Math.min(Math.max(options.limit ?? defaultRoomPage, 1), maxRoomPage);
  if (options.after !== undefined && !isUuid(options.after)) return { rooms: [], nextAfter: null };
  const after = options.after
    ? sql`and (lower(r.name), r.id) > (select lower(a.name), a.id from rooms a where a.id = ${options.after})`
    : sql``;
  const rows = await db.execute<Row>(sql`
    select r.id, r.name, r.kind, r.last_seq::int8 as last_seq, 0 as unread
    from rooms r
    where r.kind = 'public'
      and not exists (select 1 from memberships m where m.room_id = r.id and m.user_id = ${userId})
      ${nameFilter(options.q)} ${after}
    order by lower(r.name), r.id
    limit ${limit + 1}`);
  const rooms = rows.slice(0, limit).map(toSummary);
  return { rooms, nextAfter: rows.length > limit ? rooms[rooms.length - 1]!.id : null };
}

/** The user's rooms then the first page of other public rooms, as one list (the old shape). */
export async function listRoomsForUser(db: Db, userId: string, options: RoomListOptions = {}): Promise<RoomSummary[]> {
  const [mine, others] = await Promise.all([listMemberRooms(db, userId, options.q), listOtherPublicRooms(db, userId, options)]);
  return [...mine, ...others.rooms];
}

/** Case-insensitive "name contains q", with LIKE's wildcards taken literally. */
function nameFilter(q: string | undefined): SQL {
  if (!q) return sql``;
  return sql`and r.name ilike ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
}

function toSummary(r: Row): RoomSummary {
  return { id: r.id, name: r.name, kind: r.kind, unread: Number(r.unread), lastSeq: Number(r.last_seq) };
}
