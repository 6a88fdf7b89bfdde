import { json, jsonError, parseJsonBody, withErrors } from "@/lib/http";
import { changePassword, passwordChangeInput } from "@/lib/password-change";
import { rateLimitedResponse } from "@/lib/rate-limits";
import { requireUser } from "@/lib/session";

/**
 * POST /api/account/password {currentPassword, newPassword} → 200 {"ok":true}
 * with a fresh session cookie; every other session of the user ends (its
 * token stops working, its sockets close 4001). 403 wrong_password, 400
 * invalid (new password: 8-128 characters, as at sign-up), 429 rate_limited
 * (wrong current passwords count as failed sign-ins). CSRF: proxy.ts (JSON, same-origin).
 */
export const POST = withErrors("account.password", async (req: Request) => {
  const { user, response } = await requireUser();
  if (response) return response;
  const input = await parseJsonBody(req, passwordChangeInput);
  if (input.response) return input.response;
  const result = await changePassword(user, input.data, req.headers);
  if (result.ok) return json({ ok: true });
  if (result.error === "rate_limited") return rateLimitedResponse(result.retryAfter);
  return jsonError(403, "wrong_password");
});
