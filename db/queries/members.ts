import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { memberships, rooms, users, type Membership, type Room } from "../schema";
import { notifyRoom, type Tx } from "./room-notices";
import { isUuid } from "./users";

/*
 * The owner's actions on a room (remove a member, rename, delete) and
 * leaving it. Each is one transaction that locks the room row first (the lock
 * order of every room writer), checks, changes, and NOTIFYs the sidecars
 * (room-notices.ts), which put the sockets concerned out of the room.
 * Every action needs the actor to be a member: anyone else gets not_found,
 * exactly as for a room that does not exist (public rooms included: an
 * outsider has nothing to leave or manage). A member who is not the owner
 * gets forbidden for the owner's actions. A DM has no owner, so nobody
 * renames, deletes or removes from it, and it cannot be left (asking for the
 * DM again would bring both back).
 */
type Actor = { roomId: string; actorId: string };
type Held = { room: Room; membership: Membership; username: string };

async function lockRoomFor(tx: Tx, { roomId, actorId }: Actor): Promise<Held | null> {
  if (!isUuid(roomId) || !isUuid(actorId)) return null;
  const [room] = await tx.select().from(rooms).where(eq(rooms.id, roomId)).for("update");
  if (!room) return null;
  const [row] = await tx
    .select({ membership: memberships, username: users.username })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.roomId, roomId), eq(memberships.userId, actorId)));
  return row ? { room, ...row } : null;
}

const isOwner = (held: Held) => held.membership.role === "owner" && held.room.kind !== "dm";

export type RemoveResult = "removed" | "not_found" | "forbidden" | "member_not_found" | "cannot_remove_owner";

/** The owner removes a member (by user id). */
export async function removeMember(db: Db, input: Actor & { userId: string }): Promise<RemoveResult> {
  return db.transaction(async (tx) => {
    const held = await lockRoomFor(tx, input);
    if (!held) return "not_found";
    if (!isOwner(held)) return "forbidden";
    if (input.userId === input.actorId) return "cannot_remove_owner";
    if (!isUuid(input.userId)) return "member_not_found";
    const [gone] = await tx
      .delete(memberships)
      .where(and(eq(memberships.roomId, input.roomId), eq(memberships.userId, input.userId)))
      .returning({ userId: memberships.userId });
    if (!gone) return "member_not_found";
    const [user] = await tx.select({ id: users.id, username: users.username }).from(users).where(eq(users.id, gone.userId));
    await notifyRoom(tx, { kind: "member_gone", room: input.roomId, user: user!, reason: "removed" });
    return "removed";
  });
}

export type LeaveResult = "left" | "not_found" | "owner_cannot_leave" | "cannot_leave_dm";

/** Leave a room. The owner cannot: they delete the room instead (a room is never left without an owner). */
export async function leaveRoomAsMember(db: Db, input: Actor): Promise<LeaveResult> {
  return db.transaction(async (tx) => {
    const held = await lockRoomFor(tx, input);
    if (!held) return "not_found";
    if (held.room.kind === "dm") return "cannot_leave_dm";
    if (held.membership.role === "owner") return "owner_cannot_leave";
    await tx.delete(memberships).where(and(eq(memberships.roomId, input.roomId), eq(memberships.userId, input.actorId)));
    await notifyRoom(tx, { kind: "member_gone", room: input.roomId, user: { id: input.actorId, username: held.username }, reason: "left" });
    return "left";
  });
}

export type OwnerResult = "done" | "not_found" | "forbidden";

/** The owner renames the room; the name is already validated (roomName in lib/schemas.ts). */
export async function renameRoom(db: Db, input: Actor & { name: string }): Promise<OwnerResult> {
  return db.transaction(async (tx) => {
    const held = await lockRoomFor(tx, input);
    if (!held) return "not_found";
    if (!isOwner(held)) return "forbidden";
    await tx.update(rooms).set({ name: input.name }).where(eq(rooms.id, input.roomId));
    await notifyRoom(tx, { kind: "renamed", room: input.roomId, name: input.name });
    return "done";
  });
}

/** The owner deletes the room: its memberships, messages and reactions go with it (ON DELETE CASCADE). */
export async function deleteRoom(db: Db, input: Actor): Promise<OwnerResult> {
  return db.transaction(async (tx) => {
    const held = await lockRoomFor(tx, input);
    if (!held) return "not_found";
    if (!isOwner(held)) return "forbidden";
    await tx.delete(rooms).where(eq(rooms.id, input.roomId));
    await notifyRoom(tx, { kind: "deleted", room: input.roomId });
    return "done";
  });
}
