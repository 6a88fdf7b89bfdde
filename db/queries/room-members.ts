import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { memberships, users } from "../schema";
import { isUuid } from "./users";

export type RoomMember = { id: string; username: string; role: "owner" | "member" };

/** A room's members, the owner first, then by username. Callers check access first (getRoomAccess). */
export async function getRoomMembers(db: Db, roomId: string): Promise<RoomMember[]> {
  if (!isUuid(roomId)) return [];
  return db
    .select({ id: users.id, username: users.username, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.roomId, roomId))
    .orderBy(sql`${memberships.role} = 'owner' desc`, asc(users.username))
    .limit(1000);
}
