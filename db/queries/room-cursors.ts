import { inArray } from "drizzle-orm";
import type { Db } from "../client";
import { rooms } from "../schema";
import { isUuid } from "./users";

/** Each room's current cursor (rooms.last_seq), for many rooms in ONE query; unknown ids are left out. */
export async function getRoomLastSeqs(db: Db, roomIds: string[]): Promise<Map<string, number>> {
  // One malformed id would fail the whole query; it names no room anyway.
  const ids = roomIds.filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: rooms.id, lastSeq: rooms.lastSeq }).from(rooms).where(inArray(rooms.id, ids));
  return new Map(rows.map((r) => [r.id, Number(r.lastSeq)]));
}
