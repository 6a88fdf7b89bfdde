import { createRoom, listRoomsForUser, toRoomSummary } from "@/db/queries/rooms";
import { getDb } from "@/lib/db";
import { json, parseJsonBody, withErrors } from "@/lib/http";
import { roomInput } from "@/lib/schemas";
import { requireUser } from "@/lib/session";

/** GET /api/rooms → {rooms: RoomSummary[]}: the caller's rooms plus every public room. */
export const GET = withErrors("rooms.list", async () => {
  const { user, response } = await requireUser();
  if (response) return response;
  return json({ rooms: await listRoomsForUser(getDb(), user.id) });
});

/** POST /api/rooms {name, kind: public|private} → 201 room summary; the caller owns it. */
export const POST = withErrors("rooms.create", async (req: Request) => {
  const { user, response } = await requireUser();
  if (response) return response;
  const input = await parseJsonBody(req, roomInput);
  if (input.response) return input.response;
  const room = await createRoom(getDb(), { ...input.data, ownerId: user.id });
  return json(toRoomSummary(room), 201);
});
