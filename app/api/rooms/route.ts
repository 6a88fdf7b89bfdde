import { listMemberRooms, listOtherPublicRooms } from "@/db/queries/room-list";
import { createRoomWithinCap, toRoomSummary } from "@/db/queries/rooms";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { json, jsonError, parseJsonBody, parseValue, withErrors } from "@/lib/http";
import { roomInput, roomListQuery } from "@/lib/schemas";
import { requireUser } from "@/lib/session";

/**
 * GET /api/rooms?q=&after=&limit= → {rooms, nextAfter}: the caller's rooms
 * (on the first page only; a page with `after` continues the public rooms
 * alone) then one keyset page of the public rooms they are not in. nextAfter
 * is the `after` of the next page, null on the last. Old clients read `rooms`.
 */
export const GET = withErrors("rooms.list", async (req: Request) => {
  const { user, response } = await requireUser();
  if (response) return response;
  const query = parseValue(Object.fromEntries(new URL(req.url).searchParams), roomListQuery);
  if (query.response) return query.response;
  const { q, after } = query.data;
  const [mine, others] = await Promise.all([
    after ? [] : listMemberRooms(getDb(), user.id, q),
    listOtherPublicRooms(getDb(), user.id, query.data),
  ]);
  return json({ rooms: [...mine, ...others.rooms], nextAfter: others.nextAfter });
});

/** POST /api/rooms {name, kind: public|private} → 201 room summary; the caller owns it. 403 room_limit at the cap. */
export const POST = withErrors("rooms.create", async (req: Request) => {
  const { user, response } = await requireUser();
  if (response) return response;
  const input = await parseJsonBody(req, roomInput);
  if (input.response) return input.response;
  const max = getEnv().MAX_ROOMS_PER_USER;
  const room = await createRoomWithinCap(getDb(), { ...input.data, ownerId: user.id }, max);
  if (!room) return jsonError(403, "room_limit", { max });
  return json(toRoomSummary(room), 201);
});
