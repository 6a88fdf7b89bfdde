import { getSidebarRoomsByUser } from "@/db/queries/sidebar-rooms";
import { getDb } from "@/lib/db";
import { json, withErrors } from "@/lib/http";
import { requireUser } from "@/lib/session";

/**
 * GET /api/me/rooms → {rooms:[{id,name,kind,unread,lastSeq,readSeq}]}: the
 * rooms the caller belongs to (not other public rooms), with the read marker;
 * each room's unread, lastSeq and readSeq come from one snapshot. The app
 * shell's sidebar reads it.
 */
export const GET = withErrors("me.rooms", async () => {
  const { user, response } = await requireUser();
  if (response) return response;
  return json({ rooms: await getSidebarRoomsByUser(getDb(), user.id) });
});
