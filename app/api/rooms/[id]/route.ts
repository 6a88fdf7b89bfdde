import { deleteRoom, renameRoom, type OwnerResult } from "@/db/queries/members";
import { getDb } from "@/lib/db";
import { json, jsonError, parseJsonBody, withErrors } from "@/lib/http";
import { refuseRoomAdminOverLimit } from "@/lib/room-admin-limiter";
import { roomNameInput } from "@/lib/schemas";
import { requireUser } from "@/lib/session";

type Context = { params: Promise<{ id: string }> };

/*
 * PATCH /api/rooms/{id} {name} → 200 {id, name}; DELETE /api/rooms/{id} → 200 {id, deleted: true}.
 * The owner only: another member gets 403, a non-member (or an unknown room)
 * 404, exactly like a missing room. Every sidecar hears the change at once
 * (db/queries/room-notices.ts): members see the new name live; on delete
 * every socket leaves the room and every later request is 404.
 */
const refusals: Record<Exclude<OwnerResult, "done">, [number, string]> = {
  not_found: [404, "not_found"],
  forbidden: [403, "forbidden"],
};

export const PATCH = withErrors("rooms.rename", async (req: Request, ctx: Context) => {
  const { user, response } = await requireUser();
  if (response) return response;
  const limited = await refuseRoomAdminOverLimit(user.id);
  if (limited) return limited;
  const input = await parseJsonBody(req, roomNameInput);
  if (input.response) return input.response;
  const { id } = await ctx.params;
  const result = await renameRoom(getDb(), { roomId: id, actorId: user.id, name: input.data.name });
  if (result === "done") return json({ id, name: input.data.name });
  return jsonError(...refusals[result]);
});

export const DELETE = withErrors("rooms.delete", async (_req: Request, ctx: Context) => {
  const { user, response } = await requireUser();
  if (response) return response;
  const limited = await refuseRoomAdminOverLimit(user.id);
  if (limited) return limited;
  const { id } = await ctx.params;
  const result = await deleteRoom(getDb(), { roomId: id, actorId: user.id });
  if (result === "done") return json({ id, deleted: true });
  return jsonError(...refusals[result]);
});
