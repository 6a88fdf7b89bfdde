import { getRoomMembers } from "@/db/queries/room-members";
import { addMember, getRoomAccess, type AddMemberResult } from "@/db/queries/rooms";
import { getDb } from "@/lib/db";
import { json, jsonError, parseJsonBody, withErrors } from "@/lib/http";
import { usernameInput } from "@/lib/schemas";
import { requireUser } from "@/lib/session";

type Context = { params: Promise<{ id: string }> };

/*
 * POST /api/rooms/{id}/members {username} → 201. Only the owner of a private
 * room adds members: another member gets 403; a non-member (or an unknown
 * room) gets 404 so private rooms stay invisible to outsiders.
 */
const refusals: Record<Exclude<AddMemberResult, "added">, [number, string]> = {
  not_found: [404, "not_found"],
  forbidden: [403, "forbidden"],
  no_such_user: [404, "user_not_found"],
  not_private: [400, "not_private"],
};

export const POST = withErrors("rooms.members", async (req: Request, ctx: Context) => {
  const { user, response } = await requireUser();
  if (response) return response;
  const input = await parseJsonBody(req, usernameInput);
  if (input.response) return input.response;
  const { id } = await ctx.params;
  const { username } = input.data;
  const result = await addMember(getDb(), { roomId: id, actorId: user.id, username });
  if (result === "added") return json({ roomId: id, username }, 201);
  const [status, error] = refusals[result];
  return jsonError(status, error);
});

/** GET /api/rooms/{id}/members → {members: [{id, username, role}]}: to whoever may read the room (404 otherwise). */
export const GET = withErrors("rooms.members.list", async (_req: Request, ctx: Context) => {
  const { user, response } = await requireUser();
  if (response) return response;
  const { id } = await ctx.params;
  if (!(await getRoomAccess(getDb(), id, user.id))) return jsonError(404, "not_found");
  return json({ members: await getRoomMembers(getDb(), id) });
});
