import { getOrCreateDm } from "@/db/queries/rooms";
import { getUserByUsername } from "@/db/queries/users";
import type { Room } from "@/db/schema";
import { getDb } from "./db";
import type { SessionUser } from "./session";

export type OpenDmResult = { room: Room } | { error: "self" | "user_not_found" };

/** The one DM room of the caller and `username`, from either side. */
export async function openDm(me: SessionUser, username: string): Promise<OpenDmResult> {
  if (username === me.username) return { error: "self" };
  const other = await getUserByUsername(getDb(), username);
  if (!other) return { error: "user_not_found" };
  if (other.id === me.id) return { error: "self" };
  const room = await getOrCreateDm(getDb(), me, { id: other.id, username: other.username });
  return { room };
}
