import { removeMember, type RemoveResult } from "@/db/queries/members";
import { getDb } from "@/lib/db";
import { json, jsonError, withErrors } from "@/lib/http";
import { refuseRoomAdminOverLimit } from "@/lib/room-admin-limiter";
import { requireUser } from "@/lib/session";

type Context = { params: Promise<{ id: string; userId: string }> };

/*
 * DELETE /api/rooms/{id}/members/{userId} → 200 {roomId, userId}: the owner
 * removes a member. Their sockets on every sidecar leave the room at once
 * and get `removed`; their later requests get 404 (a public room they may
 * join again: it is open to everyone). Another member: 403; a non-member: 404.
 */
const refusals: Record<Exclude<RemoveResult, "removed">, [number, string]> = {
  not_found: [404, "not_found"],
  forbidden: [403, "forbidden"],
  member_not_found: [404, "member_not_found"],
  cannot_remove_owner: [409, "cannot_remove_owner"],
};

export const DELETE = withErrors("rooms.members.remove", async (_req: Request, ctx: Context) => {
  const { user, response } = await requireUser();
  if (response) return response;
  const limited = await refuseRoomAdminOverLimit(user.id);
  if (limited) return limited;
  const { id, userId } = await ctx.params;
  const result = await removeMember(getDb(), { roomId: id, actorId: user.id, userId });
  if (result === "removed") return json({ roomId: id, userId });
  return jsonError(...refusals[result]);
});
