import { toRoomSummary } from "@/db/queries/rooms";
import { openDm } from "@/lib/dm";
import { json, jsonError, parseJsonBody, withErrors } from "@/lib/http";
import { usernameInput } from "@/lib/schemas";
import { requireUser } from "@/lib/session";

/** POST /api/dm {username} → 200 the pair's one DM room; self → 400; unknown user → 404. */
export const POST = withErrors("dm.open", async (req: Request) => {
  const { user, response } = await requireUser();
  if (response) return response;
  const input = await parseJsonBody(req, usernameInput);
  if (input.response) return input.response;
  const result = await openDm(user, input.data.username);
  if ("error" in result) {
    return result.error === "self" ? jsonError(400, "cannot_dm_self") : jsonError(404, "user_not_found");
  }
  return json(toRoomSummary(result.room));
});
