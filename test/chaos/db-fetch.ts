import type { Db } from "../../db/client";
import { getChangesAfter } from "../../db/queries/messages";
import type { FetchLike } from "../../lib/chat/history";

/**
 * The one HTTP call the room controller makes on its own (catch-up with
 * `?after=` when a socket replay cannot cover a gap), answered from the
 * database the way the web app's route does, so the chaos test needs no web app.
 */
export function databaseFetch(db: Db): FetchLike {
  return async (url) => {
    const parsed = new URL(url, "http://chat.invalid");
    const match = /^\/api\/rooms\/([^/]+)\/messages$/.exec(parsed.pathname);
    const after = parsed.searchParams.get("after");
    if (!match || after === null) return Response.json({ error: "not_found" }, { status: 404 });
    const limit = Number(parsed.searchParams.get("limit") ?? 50);
    try {
      const roomId = decodeURIComponent(match[1]!);
      return Response.json(await getChangesAfter(db, { roomId, after: Number(after), limit }));
    } catch {
      return Response.json({ error: "internal" }, { status: 503 }); // e.g. while PostgreSQL restarts
    }
  };
}
