import { z } from "zod";
import { getChangesAfter, getMessagesBefore } from "@/db/queries/messages";
import { getRoomAccess } from "@/db/queries/rooms";
import { getDb } from "@/lib/db";
import { json, jsonError, parseValue, withErrors } from "@/lib/http";
import { requireUser } from "@/lib/session";

type Context = { params: Promise<{ id: string }> };

const cursorParam = z.string().regex(/^\d{1,15}$/, "must be a non-negative integer").transform(Number);

/** ?before=SEQ or ?after=SEQ (not both), limit 1.. (above 100 is capped at 100). */
const messagesQuery = z
  .object({
    before: cursorParam.optional(),
    after: cursorParam.optional(),
    limit: cursorParam.pipe(z.number().min(1, "must be at least 1")).optional(),
  })
  .refine((q) => q.before === undefined || q.after === undefined, "use before or after, not both");

/**
 * GET /api/rooms/{id}/messages: history pages (`before`, newest first) or
 * catch-up (`after`, oldest change first). Public rooms are readable by any
 * signed-in user; private and DM rooms only by members, else 404.
 */
export const GET = withErrors("rooms.messages", async (req: Request, ctx: Context) => {
  const { user, response } = await requireUser();
  if (response) return response;
  const query = parseValue(Object.fromEntries(new URL(req.url).searchParams), messagesQuery);
  if (query.response) return query.response;
  const { id } = await ctx.params;
  const access = await getRoomAccess(getDb(), id, user.id);
  if (!access) return jsonError(404, "not_found");
  const { before, after, limit } = query.data;
  if (after !== undefined) return json(await getChangesAfter(getDb(), { roomId: id, after, limit }));
  return json(await getMessagesBefore(getDb(), { roomId: id, before, limit }));
});
