import { joinRoom } from "../db/queries/rooms";
import { ChatError } from "../protocol";
import type { SidecarContext } from "./context";
import type { ClientSocket } from "./socket";

/*
 * Membership check for every room-scoped frame. The rule itself lives in
 * rooms.ts (here getRoomAccessMany): public rooms are open to every signed-in user (using one
 * joins it), private rooms and DMs only to members. Anyone else gets
 * not_found, never forbidden, so a private room's existence does not leak.
 * A positive answer is cached on the socket (grants); a member removed, a
 * member leaving or a room deleted takes it away at once on every sidecar
 * (room-memberships.ts).
 *
 * Only subscribe and a committed send join a public room (contract); every
 * other frame only looks ({join: false}), so a refused frame changes nothing.
 * Resolves true when the user is a member.
 *
 * A room id is the exact string the server hands out (a lower-case UUID).
 * PostgreSQL would match the same UUID in upper case, but topics, the broker,
 * room cursors and presence key on the string: another spelling would be a
 * second room in all of them, and a change made through it would reach no
 * subscriber of the real one (found by the protocol fuzz test).
 */
export async function requireRoom(ctx: SidecarContext, ws: ClientSocket, roomId: string, { join = true } = {}): Promise<boolean> {
  const data = ws.getUserData();
  if (data.grants?.has(roomId)) return true;
  if (roomId !== roomId.toLowerCase()) throw new ChatError("not_found", "room not found");
  // Batched with the other sockets asking this turn (a reconnect storm asks thousands at once).
  const access = await ctx.reads.access(roomId, data.user.id);
  if (!access) throw new ChatError("not_found", "room not found");
  if (!access.member) {
    if (!join) return false;
    await joinRoom(ctx.db, roomId, data.user.id);
  }
  (data.grants ??= new Set()).add(roomId);
  return true;
}

/** Join a public room the user may see (checked by requireRoom) once their frame has been accepted. */
export async function joinVisitedRoom(ctx: SidecarContext, ws: ClientSocket, roomId: string): Promise<void> {
  const data = ws.getUserData();
  await joinRoom(ctx.db, roomId, data.user.id);
  (data.grants ??= new Set()).add(roomId);
}
