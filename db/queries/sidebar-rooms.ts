import { sql } from "drizzle-orm";
import type { RoomKind } from "../../protocol";
import type { Db } from "../client";

/** A room of the sidebar: its unread count, lastSeq and the user's read marker, read in one statement (one snapshot). */
export type SidebarRoomRow = { id: string; name: string; kind: RoomKind; unread: number; lastSeq: number; readSeq: number };

type Row = { id: string; name: string; kind: RoomKind; unread: number; last_seq: number; read_seq: number };

/**
 * The rooms the user belongs to, DMs last and named for the other person;
 * unread as the contract counts it (by others, not deleted, above the marker).
 */
export async function getSidebarRoomsByUser(db: Db, userId: string): Promise<SidebarRoomRow[]> {
  const rows = await db.execute<Row>(sql`
    select r.id, r.kind, case when r.kind = 'dm' then coalesce((
        select u.username from memberships o join users u on u.id = o.user_id
        where o.room_id = r.id and o.user_id <> ${userId} limit 1
      ), r.name) else r.name end as name, r.last_seq::int8 as last_seq, m.last_read_seq::int8 as read_seq, (
        select count(*) from messages x
        where x.room_id = r.id and x.seq > m.last_read_seq
          and x.author_id <> ${userId} and x.deleted_at is null
      )::int as unread
    from memberships m join rooms r on r.id = m.room_id
    where m.user_id = ${userId}
    order by r.kind = 'dm', lower(r.name), r.created_at`);
  return rows.map((r) => ({
    id: r.id, name: r.name, kind: r.kind, unread: Number(r.unread), lastSeq: Number(r.last_seq), readSeq: Number(r.read_seq),
  }));
}
