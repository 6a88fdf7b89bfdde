import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { RoomKind, RoomSummary } from "../../protocol";
import type { Db } from "../client";
import { memberships, rooms, users, type Membership, type Room } from "../schema";
import { isUuid } from "./users";

/*
 * Access rule, the one place it is decided: a public room is visible to every
 * signed-in user and joining it is free; a private room or a DM is visible
 * only to its members. To anyone else it does not exist (callers answer 404),
 * so its existence never leaks.
 */
export type RoomAccess = { room: Room; membership: Membership | null };

const canAccess = (kind: RoomKind, member: boolean) => kind === "public" || member;

export async function getRoomAccess(db: Db, roomId: string, userId: string): Promise<RoomAccess | null> {
  if (!isUuid(roomId)) return null;
  const [row] = await db
    .select({ room: rooms, membership: memberships })
    .from(rooms)
    .leftJoin(memberships, and(eq(memberships.roomId, rooms.id), eq(memberships.userId, userId)))
    .where(eq(rooms.id, roomId))
    .limit(1);
  if (!row || !canAccess(row.room.kind, row.membership !== null)) return null;
  return row;
}

export type AccessPair = { roomId: string; userId: string };
export const accessKey = ({ roomId, userId }: AccessPair) => `${roomId.toLowerCase()}/${userId.toLowerCase()}`;

/**
 * The same rule for many (room, user) pairs in ONE query, keyed by accessKey;
 * pairs without access (or naming no room) are left out.
 */
export async function getRoomAccessMany(db: Db, pairs: AccessPair[]): Promise<Map<string, { member: boolean }>> {
  const valid = pairs.filter((p) => isUuid(p.roomId) && isUuid(p.userId));
  if (valid.length === 0) return new Map();
  const rows = await db.execute<{ room_id: string; user_id: string; kind: RoomKind; member: boolean }>(sql`
    select k.room_id, k.user_id, r.kind, m.user_id is not null as member
    from unnest(${sql.param(valid.map((p) => p.roomId))}::uuid[], ${sql.param(valid.map((p) => p.userId))}::uuid[]) as k(room_id, user_id)
    join rooms r on r.id = k.room_id
    left join memberships m on m.room_id = k.room_id and m.user_id = k.user_id`);
  const allowed = rows.filter((r) => canAccess(r.kind, r.member));
  return new Map(allowed.map((r) => [accessKey({ roomId: r.room_id, userId: r.user_id }), { member: r.member }]));
}

/** Each room's cursor (rooms.last_seq), for many rooms in ONE query; unknown ids are left out. */
export async function getRoomLastSeqs(db: Db, roomIds: string[]): Promise<Map<string, number>> {
  // One malformed id would fail the whole query; it names no room anyway.
  const ids = roomIds.filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: rooms.id, lastSeq: rooms.lastSeq }).from(rooms).where(inArray(rooms.id, ids));
  return new Map(rows.map((r) => [r.id, Number(r.lastSeq)]));
}

export function toRoomSummary(room: Room, unread = 0): RoomSummary {
  return { id: room.id, name: room.name, kind: room.kind, unread, lastSeq: Number(room.lastSeq) };
}

export type NewRoom = { name: string; kind: "public" | "private"; ownerId: string };
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export async function createRoom(db: Db, input: NewRoom): Promise<Room> {
  return db.transaction((tx) => insertOwnedRoom(tx, input));
}

/**
 * createRoom unless the owner already owns `maxOwned` rooms (then null). The
 * owner's user row is locked first, so parallel creations by one user are
 * counted one after another and cannot all slip under the cap.
 */
export async function createRoomWithinCap(db: Db, input: NewRoom, maxOwned: number): Promise<Room | null> {
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, input.ownerId)).for("update");
    const [row] = await tx.select({ owned: count() }).from(rooms).where(eq(rooms.ownerId, input.ownerId));
    if ((row?.owned ?? 0) >= maxOwned) return null;
    return insertOwnedRoom(tx, input);
  });
}

async function insertOwnedRoom(tx: Tx, input: NewRoom): Promise<Room> {
  const [room] = await tx.insert(rooms).values(input).returning();
  await tx.insert(memberships).values({ roomId: room!.id, userId: input.ownerId, role: "owner" });
  return room!;
}

/** Make the user a member of a room they can see; idempotent. Null if they cannot. */
export async function joinRoom(db: Db, roomId: string, userId: string): Promise<Room | null> {
  const access = await getRoomAccess(db, roomId, userId);
  if (!access) return null;
  if (!access.membership) {
    await db.insert(memberships).values({ roomId, userId }).onConflictDoNothing();
  }
  return access.room;
}

export type AddMemberResult = "added" | "not_found" | "forbidden" | "no_such_user" | "not_private";

/** The owner of a private room adds a member by username. */
export async function addMember(
  db: Db,
  { roomId, actorId, username }: { roomId: string; actorId: string; username: string },
): Promise<AddMemberResult> {
  const access = await getRoomAccess(db, roomId, actorId);
  if (!access || !access.membership) return "not_found";
  if (access.membership.role !== "owner") return "forbidden";
  if (access.room.kind !== "private") return "not_private";
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!user) return "no_such_user";
  await db.insert(memberships).values({ roomId, userId: user.id }).onConflictDoNothing();
  return "added";
}

/** The one DM room of two users, created on first call from either side. */
export async function getOrCreateDm(
  db: Db,
  a: { id: string; username: string },
  b: { id: string; username: string },
): Promise<Room> {
  const [first, second] = [a, b].sort((x, y) => (x.id < y.id ? -1 : 1)) as [typeof a, typeof b];
  const dmKey = `${first.id}:${second.id}`;
  return db.transaction(async (tx) => {
    await tx
      .insert(rooms)
      .values({ name: `${first.username}, ${second.username}`, kind: "dm", dmKey })
      .onConflictDoNothing();
    const [room] = await tx.select().from(rooms).where(eq(rooms.dmKey, dmKey));
    await tx
      .insert(memberships)
      .values([
        { roomId: room!.id, userId: first.id },
        { roomId: room!.id, userId: second.id },
      ])
      .onConflictDoNothing();
    return room!;
  });
}

/** Move the read marker forward, never back. */
export async function markRead(db: Db, roomId: string, userId: string, seq: number): Promise<void> {
  await db
    .update(memberships)
    .set({ lastReadSeq: sql`greatest(${memberships.lastReadSeq}, ${seq})` })
    .where(and(eq(memberships.roomId, roomId), eq(memberships.userId, userId)));
}
