import { leaveRoomAsMember, type LeaveResult } from "@/db/queries/members";
import { getDb } from "@/lib/db";
import { json, jsonError, withErrors } from "@/lib/http";
import { refuseRoomAdminOverLimit } from "@/lib/room-admin-limiter";
import { requireUser } from "@/lib/session";

type Context = { params: Promise<{ id: string }> };

/*
 * POST /api/rooms/{id}/leave → 200 {id, left: true}. A non-member gets 404.
 * The owner cannot leave (409 owner_cannot_leave: they delete the room
 * instead), nor can either side of a DM (409 cannot_leave_dm). The user's
 * other sockets (other tabs, devices) leave the room too.
 */
const refusals: Record<Exclude<LeaveResult, "left">, [number, string]> = {
  not_found: [404, "not_found"],
  owner_cannot_leave: [409, "owner_cannot_leave"],
  cannot_leave_dm: [409, "cannot_leave_dm"],
};

export const POST = withErrors("rooms.leave", async (_req: Request, ctx: Context) => {
  const { user, response } = await requireUser();
  if (response) return response;
  const limited = await refuseRoomAdminOverLimit(user.id);
  if (limited) return limited;
  const { id } = await ctx.params;
  const result = await leaveRoomAsMember(getDb(), { roomId: id, actorId: user.id });
  if (result === "left") return json({ id, left: true });
  return jsonError(...refusals[result]);
});
