import { joinRoom, toRoomSummary } from "@/db/queries/rooms";
import { getDb } from "@/lib/db";
import { json, jsonError, withErrors } from "@/lib/http";
import { requireUser } from "@/lib/session";

type Context = { params: Promise<{ id: string }> };

/**
 * POST /api/rooms/{id}/join → 200 room. Public rooms are free to join; a
 * private or DM room the caller is not in is 404, exactly like an unknown id,
 * so its existence does not leak (the rule lives in getRoomAccess).
 */
export const POST = withErrors("rooms.join", async (_req: Request, ctx: Context) => {
  const { user, response } = await requireUser();
  if (response) return response;
  const { id } = await ctx.params;
  const room = await joinRoom(getDb(), id, user.id);
  if (!room) return jsonError(404, "not_found");
  return json(toRoomSummary(room));
});
