import { sql } from "drizzle-orm";
import type { RoomKind } from "../../protocol";
import type { Db } from "../client";

/** A room of the sidebar: its unread count, lastSeq and the user's read marker, read in one statement (one snapshot). */
export type SidebarRoomRow = {
  id: string; name: string; kind: RoomKind; unread: number; mentions: number; lastSeq: number; readSeq: number;
};

type Row = { id: string; name: string; kind: RoomKind; unread: number; mentions: number; last_seq: number; read_seq: number };

/*
 * A mention of the user, as lib/mentions/mentions.ts's mentionsUser: `@name`,
 * case-insensitive, no name character on either side. The name is the user's
 * own, read from users in the statement (no text from the request), and it is
 * used in the pattern only when it is of the username alphabet, which has no
 * regex metacharacter; any other name mentions nobody, as in mentionsUser.
 */
const mentionPattern = sql`'(^|[^a-z0-9_-])@' || me.username || '($|[^a-z0-9_-])'`;

/**
 * The rooms the user belongs to, DMs last and named for the other person;
 * unread as the contract counts it (by others, not deleted, above the marker),
 * and mentions: those of the unread that mention the user.
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
      )::int as unread, (
        select count(*) from messages x
        where x.room_id = r.id and x.seq > m.last_read_seq
          and x.author_id <> ${userId} and x.deleted_at is null
          and me.username ~ '^[a-z0-9_-]{1,32}$' and x.body ~* (${mentionPattern})
      )::int as mentions
    from memberships m join rooms r on r.id = m.room_id join users me on me.id = m.user_id
    where m.user_id = ${userId}
    order by r.kind = 'dm', lower(r.name), r.created_at`);
  return rows.map((r) => ({
    id: r.id, name: r.name, kind: r.kind, unread: Number(r.unread), mentions: Number(r.mentions), lastSeq: Number(r.last_seq), readSeq: Number(r.read_seq),
  }));
}
